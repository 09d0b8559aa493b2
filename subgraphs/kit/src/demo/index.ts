export { DEMO_SEED, demoCitizen, demoCohort } from './cohort';
export { DEMO_CASEWORKERS, type DemoCaseworker } from './caseworkers';
export { DEMO_REFERENCE_DATE } from './dates';
export type * from './types';
