import type { Department } from '@oneplan/protocol';
import { demoUuid, type DemoRecordKind } from './ids';
import { demoCpr } from './identity';
import { demoName } from './names';
import { demoPlanOutline, type DemoPlanOutline } from './plan-outline';
import { citizenRandom, type DemoRandom } from './random';

/** The seed every subgraph uses unless told otherwise, so their databases describe the same people. */
export const DEMO_SEED = 20261122;

/**
 * The share of the cohort each department meets, drawn independently: most
 * citizens meet two or three, about one in seventy only the coordination unit.
 */
const MEETS_SHARES: readonly (readonly [Department, number])[] = [
  ['EMPLOYMENT', 0.8],
  ['SOCIAL', 0.65],
  ['HEALTH', 0.8],
];

/**
 * One citizen of the demo municipality's trial cohort: who they are, which
 * departments they meet and the outline of their plan. Every subgraph generates
 * its own part from this alone, with its own stream (`random`) and ids (`mint`),
 * so separately seeded databases describe the same people without any subgraph
 * importing another.
 */
export interface DemoCitizen {
  /** Position in the cohort: citizens 0 … n−1 make a cohort of n. */
  readonly index: number;
  readonly seed: number;
  readonly id: string;
  /** Ten digits, unique in the cohort. */
  readonly cpr: string;
  readonly name: string;
  /** At UTC midnight, as the CPR says. */
  readonly birthDate: Date;
  /**
   * The departments that hold records of the citizen, in the contract's order:
   * each one met holds at least one record, the others none. The plan's
   * coordinator and goals come from these and the coordination unit.
   */
  readonly meets: readonly Department[];
  /**
   * The outline of the citizen's plan, if they have one: its goals and their
   * departments, which the plan subgraph fills in and departments' efforts serve.
   */
  readonly plan: DemoPlanOutline | null;
  /**
   * A fresh stream for one part of the citizen, named by the subgraph that draws
   * from it ('identity', 'meets', 'plan-outline' and 'goals served by …' are the
   * kit's); the same part always gives the same stream, so one subgraph's draws
   * never shift another's data.
   */
  random(part: string): DemoRandom;
  /** The id of the citizen's `ordinal`-th record of `kind`. */
  mint(kind: DemoRecordKind, ordinal: number): string;
}

class CohortCitizen implements DemoCitizen {
  readonly id: string;
  readonly cpr: string;
  readonly name: string;
  readonly birthDate: Date;
  readonly meets: readonly Department[];
  readonly plan: DemoPlanOutline | null;

  constructor(
    readonly index: number,
    readonly seed: number,
  ) {
    this.id = demoUuid(seed, index, 'citizen');
    ({ cpr: this.cpr, birthDate: this.birthDate } = demoCpr(seed, index));
    this.name = demoName(this.random('identity'), this.cpr);
    const meets = this.random('meets');
    this.meets = MEETS_SHARES.filter(([, share]) => meets.chance(share)).map(([department]) => department);
    this.plan = demoPlanOutline(this.random('plan-outline'), this.meets, (ordinal) => this.mint('goal', ordinal));
  }

  random(part: string): DemoRandom {
    return citizenRandom(this.seed, this.index, part);
  }

  mint(kind: DemoRecordKind, ordinal: number): string {
    return demoUuid(this.seed, this.index, kind, ordinal);
  }
}

/**
 * The citizen at `index` of the demo municipality's free-municipality trial
 * cohort: a pure function of (index, seed), so the subgraphs' databases, seeded
 * separately, agree on who each citizen is and whom they meet.
 */
export function demoCitizen(index: number, seed: number = DEMO_SEED): DemoCitizen {
  return new CohortCitizen(index, seed);
}

/** Citizens 0 … count−1, one at a time, so seeding 100,000 needs no array of them all. */
export function* demoCohort(count: number, seed: number = DEMO_SEED): Generator<DemoCitizen, void, undefined> {
  for (let index = 0; index < count; index++) yield demoCitizen(index, seed);
}
