export { openEmploymentDatabase, type EmploymentDatabase } from './data/database';
export { seedEmployment, seedEmploymentIfEmpty } from './seed';
export { serveEmployment, EMPLOYMENT_SCHEMA } from './subgraph';
