export { sealCohort, unsealCohort, type CaseworkerActs, type OutcomesCohort } from './cohort';
export { COHORT_CTE, cohortParameters } from './cohort-sql';
export {
  caseworkerActs,
  caseworkersPerMember,
  readDepartmentPart,
  unsealPart,
  type ActsTable,
  type DepartmentOutcomePart,
} from './department-part';
export { outcomesCohortOf, outcomesExtension, outcomesResolvers, type OutcomesReader, type OutcomesReference } from './extension';
