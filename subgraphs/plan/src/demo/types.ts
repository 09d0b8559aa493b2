import type { DataCategory, Department } from '@oneplan/protocol';
import type { GoalStatus, PlanStatus } from '../../generated/prisma';
import type { DemoCaseworker } from './caseworkers';

// Date-only fields (`startsOn`, `endsOn`, `dueOn`) are at UTC midnight; DateTime
// fields carry a time. Absent values are `null`, as in the nullable columns and the graph.

/** The coordination unit's part of one demo citizen: the one plan, if any, and the consents recorded with it. */
export interface DemoCoordination {
  plan: DemoPlan | null;
  consents: DemoConsent[];
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
