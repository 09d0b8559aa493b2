import type { Department } from '@oneplan/protocol';
import { demoConsents } from './consents';
import { demoEmployment } from './employment';
import { demoHealth } from './health';
import { demoUuid } from './ids';
import { demoCpr } from './identity';
import { demoName } from './names';
import { demoPlan } from './plan';
import { citizenRandom } from './random';
import { demoSocial } from './social';
import type { DemoCitizen, DemoIdMinter } from './types';

/** The seed every subgraph uses unless told otherwise, so their databases describe the same people. */
export const DEMO_SEED = 20261122;

/**
 * The citizen at `index` of the demo municipality's free-municipality trial cohort.
 * A pure function of (index, seed): the plan, employment, social and health
 * databases, seeded separately, agree on who each citizen is and what they have.
 */
export function demoCitizen(index: number, seed: number = DEMO_SEED): DemoCitizen {
  const id = demoUuid(seed, index, 'citizen');
  const mint: DemoIdMinter = (kind, ordinal) => demoUuid(seed, index, kind, ordinal);
  const { cpr, birthDate } = demoCpr(seed, index);
  // One stream per part, so a change to one department's generator leaves the others' data as it was.
  const name = demoName(citizenRandom(seed, index, 'identity'), cpr);
  const employment = demoEmployment(citizenRandom(seed, index, 'employment'), mint);
  const social = demoSocial(citizenRandom(seed, index, 'social'), mint);
  const health = demoHealth(citizenRandom(seed, index, 'health'), mint, birthDate);
  const involved = departmentsMet(
    employment.status !== null || employment.activities.length > 0,
    social.measures.length > 0,
    health.services.length + health.conditions.length > 0,
  );
  const coordination = citizenRandom(seed, index, 'coordination');
  const plan = demoPlan(coordination, mint, involved);
  const consents = plan ? demoConsents(coordination, mint, plan, involved) : [];
  return { id, cpr, name, plan, consents, employment, social, health };
}

/** Citizens 0 … count−1, one at a time, so seeding 100,000 needs no array of them all. */
export function* demoCohort(count: number, seed: number = DEMO_SEED): Generator<DemoCitizen, void, undefined> {
  for (let index = 0; index < count; index++) yield demoCitizen(index, seed);
}

function departmentsMet(employment: boolean, social: boolean, health: boolean): Department[] {
  const met: Department[] = [];
  if (employment) met.push('EMPLOYMENT');
  if (social) met.push('SOCIAL');
  if (health) met.push('HEALTH');
  return met;
}
