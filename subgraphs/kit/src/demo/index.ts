// The cohort core every subgraph's demo part is generated from; the parts themselves are the subgraphs' own.
export { DEMO_SEED, demoCitizen, demoCohort, type DemoCitizen } from './cohort';
export { DEMO_CASEWORKERS, demoCaseworkerOf, type DemoCaseworker } from './caseworkers';
export { DEMO_REFERENCE_DATE, addDays, addYears, atOfficeHour, daysBetween, daysFromReference, workday } from './dates';
export type { DemoRecordKind } from './ids';
export { MAX_GOALS_PER_DEPARTMENT, type DemoGoalOutline, type DemoPlanOutline } from './plan-outline';
export { demoEffortGoals } from './effort-goals';
export type { DemoRandom } from './random';
export type { SubgraphDemo, TableCounts } from './subgraph-demo';
export { departmentDemo, type DemoRowTable, type DemoTableSpec } from './department-demo';
