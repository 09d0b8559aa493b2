export { openPlanDatabase, type PlanDatabase } from './data/database';
export { countCitizens, seedPlan, seedPlanIfEmpty } from './seed';
export { servePlan, PLAN_SCHEMA } from './subgraph';
