import type { DemoRandom } from './random';

// Among the most common names in Danmarks Statistik's name statistics, plus the
// names of larger immigrant groups, since the cohort reflects a whole municipality.
const WOMEN = [
  'Anne', 'Kirsten', 'Mette', 'Hanne', 'Helle', 'Susanne', 'Lene', 'Maria', 'Marianne', 'Louise',
  'Camilla', 'Pia', 'Charlotte', 'Tina', 'Gitte', 'Sofie', 'Julie', 'Ida', 'Emma', 'Laura',
  'Sara', 'Maja', 'Line', 'Trine', 'Stine', 'Nanna', 'Fatima', 'Aisha', 'Agnieszka', 'Leyla',
] as const;

const MEN = [
  'Peter', 'Michael', 'Lars', 'Jens', 'Thomas', 'Henrik', 'Søren', 'Christian', 'Martin', 'Jan',
  'Morten', 'Jesper', 'Anders', 'Niels', 'Rasmus', 'Mads', 'Kasper', 'Mikkel', 'Jonas', 'Frederik',
  'Kim', 'Brian', 'Dennis', 'René', 'Bo', 'Mohammad', 'Ali', 'Ahmad', 'Tomasz', 'Emre',
] as const;

const SURNAMES = [
  'Nielsen', 'Jensen', 'Hansen', 'Pedersen', 'Andersen', 'Christensen', 'Larsen', 'Sørensen',
  'Rasmussen', 'Jørgensen', 'Petersen', 'Madsen', 'Kristensen', 'Olsen', 'Thomsen', 'Christiansen',
  'Poulsen', 'Johansen', 'Møller', 'Mortensen', 'Knudsen', 'Jakobsen', 'Mikkelsen', 'Frederiksen',
  'Holm', 'Lund', 'Schmidt', 'Eriksen', 'Dahl', 'Bach', 'Hussein', 'Yilmaz', 'Kowalski', 'Khan',
] as const;

/** CPR convention: an odd last digit is a man, an even one a woman. */
export function demoName(random: DemoRandom, cpr: string): string {
  const man = Number(cpr.charAt(9)) % 2 === 1;
  return `${random.pick(man ? MEN : WOMEN)} ${random.pick(SURNAMES)}`;
}
