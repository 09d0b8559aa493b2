/** The departments of the contract; a caseworker belongs to exactly one. */
export const DEPARTMENTS = ['EMPLOYMENT', 'SOCIAL', 'HEALTH', 'COORDINATION'] as const;
export type Department = (typeof DEPARTMENTS)[number];

export const ROLES = ['caseworker', 'citizen', 'analyst', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

/** What a consent may name: every data category but IDENTITY, which needs none. */
export const CONSENTABLE_CATEGORIES = [
  'PLAN',
  'EMPLOYMENT_STATUS',
  'EMPLOYMENT_ACTIVITIES',
  'SOCIAL_MEASURES',
  'HEALTH_SERVICES',
  'HEALTH_CONDITIONS',
] as const;
export type ConsentableCategory = (typeof CONSENTABLE_CATEGORIES)[number];

/** The contract's data categories, in its enum's order: what the access log names. */
export const DATA_CATEGORIES = [...CONSENTABLE_CATEGORIES, 'IDENTITY'] as const;
export type DataCategory = (typeof DATA_CATEGORIES)[number];

/** The department whose subgraph holds, and answers for, each category. */
export const CATEGORY_OWNER: Readonly<Record<DataCategory, Department>> = {
  PLAN: 'COORDINATION',
  EMPLOYMENT_STATUS: 'EMPLOYMENT',
  EMPLOYMENT_ACTIVITIES: 'EMPLOYMENT',
  SOCIAL_MEASURES: 'SOCIAL',
  HEALTH_SERVICES: 'HEALTH',
  HEALTH_CONDITIONS: 'HEALTH',
  // A citizen's id, CPR and name: the coordination unit registers citizens.
  IDENTITY: 'COORDINATION',
};

export function isDepartment(value: unknown): value is Department {
  return typeof value === 'string' && (DEPARTMENTS as readonly string[]).includes(value);
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
