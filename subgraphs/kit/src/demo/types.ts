import type { DataCategory, Department } from '@oneplan/protocol';
import type { DemoCaseworker } from './caseworkers';
import type { DemoIdKind } from './ids';

// The contract's enums that only demo data needs here.
export type PlanStatus = 'DRAFT' | 'ACTIVE' | 'COMPLETED' | 'CANCELLED';
export type GoalStatus = 'NOT_STARTED' | 'IN_PROGRESS' | 'ACHIEVED' | 'ABANDONED';
export type JobReadiness = 'JOB_READY' | 'ACTIVITY_READY';

// Date-only fields (`startsOn`, `dueOn`, `since`, …) are at UTC midnight; DateTime
// fields carry a time. Absent values are `null`, as in the nullable columns and the graph.

/** One citizen of the demo municipality; each subgraph seeds only its own part. */
export interface DemoCitizen {
  id: string;
  cpr: string;
  name: string;
  /** Owned by the plan (coordination) subgraph, as are `consents`. */
  plan: DemoPlan | null;
  consents: DemoConsent[];
  employment: DemoEmployment;
  social: DemoSocial;
  health: DemoHealth;
}

export interface DemoPlan {
  id: string;
  coordinator: DemoCaseworker;
  overallGoal: string;
  status: PlanStatus;
  startsOn: Date;
  endsOn: Date;
  updatedAt: Date;
  goals: DemoGoal[];
}

export interface DemoGoal {
  id: string;
  description: string;
  department: Department;
  status: GoalStatus;
  dueOn: Date | null;
}

export interface DemoConsent {
  id: string;
  categories: DataCategory[];
  recipients: Department[];
  purpose: string;
  givenAt: Date;
  validUntil: Date;
  revokedAt: Date | null;
  /** The caseworker who recorded the consent the citizen gave. */
  recordedBy: string;
}

export interface DemoEmployment {
  status: DemoEmploymentStatus | null;
  activities: DemoEmploymentActivity[];
}

export interface DemoEmploymentStatus {
  targetGroup: string;
  benefit: string | null;
  jobReadiness: JobReadiness;
  updatedAt: Date;
}

export interface DemoEmploymentActivity {
  id: string;
  kind: string;
  description: string | null;
  startsOn: Date;
  endsOn: Date | null;
}

export interface DemoSocial {
  measures: DemoSocialMeasure[];
}

export interface DemoSocialMeasure {
  id: string;
  legalBasis: string;
  description: string;
  startsOn: Date;
  endsOn: Date | null;
}

export interface DemoHealth {
  services: DemoHealthService[];
  conditions: DemoHealthCondition[];
}

export interface DemoHealthService {
  id: string;
  kind: string;
  legalBasis: string | null;
  description: string;
  startsOn: Date;
  endsOn: Date | null;
}

export interface DemoHealthCondition {
  id: string;
  description: string;
  since: Date | null;
}

/** Mints the ids of one citizen's records: the n-th record of a kind gets ordinal n. */
export type DemoIdMinter = (kind: Exclude<DemoIdKind, 'citizen'>, ordinal: number) => string;
