import { syntheticCpr, type ParsedCpr } from '../cpr';
import { DEMO_REFERENCE_DATE, addDays, addYears, daysBetween } from './dates';
import { mix32 } from './random';

// The trial cohort is of working age: 18 to 63 on the reference date.
const EARLIEST_BIRTH = addDays(addYears(DEMO_REFERENCE_DATE, -64), 1);
const BIRTH_DAYS = daysBetween(EARLIEST_BIRTH, addYears(DEMO_REFERENCE_DATE, -18)) + 1;
// Stepping by a number coprime to BIRTH_DAYS visits every birth date once per block of indexes.
const BIRTH_STEP = 7919;
// Sequence numbers with 7th digit 0–3 exist for every birth year in range (see parseCpr's century rule).
const SERIALS_PER_DATE = 4000;

if (greatestCommonDivisor(BIRTH_STEP, BIRTH_DAYS) !== 1) throw new Error('BIRTH_STEP must be coprime to BIRTH_DAYS');

/**
 * The demo CPR of the citizen at `index`. Unique by construction: index maps
 * one-to-one onto (birth date, serial), so no two indexes (below ~67 million) share one.
 */
export function demoCpr(seed: number, index: number): ParsedCpr {
  const block = Math.floor(index / BIRTH_DAYS);
  if (block >= SERIALS_PER_DATE) throw new RangeError(`Demo index ${index} exceeds the CPR space`);
  const dateSlot = index % BIRTH_DAYS;
  const seedKey = mix32(seed);
  const birthDate = addDays(EARLIEST_BIRTH, (dateSlot * BIRTH_STEP + (seedKey % BIRTH_DAYS)) % BIRTH_DAYS);
  // The offset is fixed per date (date ⇔ dateSlot) and 997 is coprime to 4000, so block ↦ serial is one-to-one.
  const serial = (block * 997 + (mix32(dateSlot ^ seedKey) % SERIALS_PER_DATE)) % SERIALS_PER_DATE;
  return { cpr: syntheticCpr(birthDate, serial), birthDate };
}

function greatestCommonDivisor(a: number, b: number): number {
  return b === 0 ? a : greatestCommonDivisor(b, a % b);
}
