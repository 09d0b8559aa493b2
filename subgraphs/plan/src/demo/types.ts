import type { ConsentableCategory, Department } from '@oneplan/protocol';
import type { AgreementMethod, ConsentMethod, GoalStatus, MeetingStatus, PlanStatus, SectorPlan } from '../../generated/prisma';
import type { MeetingPlans } from '../data/writes';
import type { DemoCaseworker } from '@oneplan/kit';

// Date-only fields (`startsOn`, `endsOn`, `dueOn`) are at UTC midnight; DateTime
// fields carry a time. Absent values are `null`, as in the nullable columns and the graph.

/** The coordination unit's part of one demo citizen: the one plan, if any, and the consents recorded with it. */
export interface DemoCoordination {
  plan: (DemoPlan & DemoFollowUp) | null;
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
  categories: ConsentableCategory[];
  recipients: Department[];
  purpose: string;
  givenAt: Date;
  validUntil: Date;
  revokedAt: Date | null;
  method: ConsentMethod;
  /** The coordinator who recorded the consent the citizen gave; null when the citizen gave it themself (DIGITAL). */
  recordedById: string | null;
  /** The journal note or document it rests on; null for DIGITAL. */
  evidence: string | null;
  /** Who revoked it, by name: the citizen or the coordinator. */
  revokedBy: string | null;
}

/** How a demo plan was made with the citizen and followed up. */
export interface DemoFollowUp {
  /** When the draft was made, before the plan starts. */
  createdAt: Date;
  /** The plan's last change, its newest revision or later. */
  updatedAt: Date;
  replaces: SectorPlan[];
  citizenStatement: string | null;
  agreement: { agreedAt: Date; method: AgreementMethod; recordedById: string | null } | null;
  nextReviewOn: Date;
  /** Newest first. */
  reviews: DemoReview[];
  /** Soonest first. */
  meetings: DemoMeeting[];
  /** Newest first. */
  revisions: DemoRevision[];
}

export interface DemoReview {
  id: string;
  heldOn: Date;
  summary: string;
  nextReviewOn: Date;
  byId: string;
}

export interface DemoMeeting extends MeetingPlans {
  id: string;
  status: MeetingStatus;
  minutes: string | null;
}

export interface DemoRevision {
  at: Date;
  actorSub: string;
  actorName: string;
  actorRole: string;
  change: string;
}
