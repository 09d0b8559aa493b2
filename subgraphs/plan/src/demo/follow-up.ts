import { DEMO_REFERENCE_DATE, addDays, atOfficeHour, workday, type DemoCitizen, type DemoRandom } from '@oneplan/kit';
import type { Department } from '@oneplan/protocol';
import type { AgreementMethod, SectorPlan } from '../../generated/prisma';
import { addMonths } from '../resolvers/plan-dates';
import type { DemoFollowUp, DemoMeeting, DemoPlan, DemoReview, DemoRevision } from './types';

// What citizens in the trials said mattered to them, in their own words.
const STATEMENTS = [
  'I want to be able to take my children to school every morning.',
  'I need one person to call instead of five.',
  'Work matters, but first I need somewhere to live.',
  'I want to be well enough to work a few hours a week.',
  'Please do not make me tell my story again at every meeting.',
  'I want my son to stay at home with us.',
  'I would like to finish my education this time.',
  'My back decides what I can do; the plan has to respect that.',
] as const;

const REVIEW_SUMMARIES = [
  'Internship hours kept; treatment attendance good. Goals unchanged.',
  'Housing found. Employment goal moved forward by a month.',
  'Relapse in the spring; treatment restarted. Internship paused with the citizen’s agreement.',
  'Citizen reports fewer meetings and one contact person. Capacity for work improving.',
  'Family treatment completed. Next step: more internship hours.',
  'Sick leave extended; the rehabilitation team is to assess capacity for work.',
] as const;

/** Sector meetings a holistic meeting stands in for, by the department whose law demands them. */
const SECTOR_MEETINGS: Readonly<Record<Department, readonly string[]>> = {
  EMPLOYMENT: ['jobsamtale LAB § 16', 'opfølgningssamtale sygedagpengeloven § 13'],
  SOCIAL: ['opfølgning på handleplan SEL § 141', 'opfølgning på børnefaglig undersøgelse barnets lov § 20'],
  HEALTH: ['rehabiliteringsteammøde', 'behandlingsplansamtale'],
  COORDINATION: [],
};

const YESTERDAY_NOON = new Date(DEMO_REFERENCE_DATE.getTime() - 12 * 3_600_000);

const PLACES = ['Jobcenter, mødelokale 2', 'Borgerservice, lokale 4', "At the citizen's home", 'Video meeting'] as const;

/**
 * The sector plans the one plan stands in for, from the departments the citizen
 * meets: the jobcenter's plan for most, the social action plan, the youth plan
 * for the young, the rehabilitation plan's efforts.
 */
function replacedPlans(random: DemoRandom, citizen: DemoCitizen): SectorPlan[] {
  const age = DEMO_REFERENCE_DATE.getUTCFullYear() - citizen.birthDate.getUTCFullYear();
  const replaced: SectorPlan[] = [];
  const meets = (department: Department) => citizen.meets.includes(department);
  if (meets('EMPLOYMENT') && random.chance(0.9)) replaced.push('MIN_PLAN');
  if (meets('EMPLOYMENT') && random.chance(0.15)) replaced.push('SICKNESS_BENEFIT_AGREEMENT');
  if (meets('SOCIAL') && random.chance(0.6)) replaced.push('SOCIAL_ACTION_PLAN');
  if (meets('SOCIAL') && age < 30 && random.chance(0.5)) replaced.push('YOUTH_PLAN');
  if (meets('HEALTH') && meets('EMPLOYMENT') && random.chance(0.3)) replaced.push('REHABILITATION_PLAN');
  if (random.chance(0.05)) replaced.push('INTEGRATION_PLAN');
  return replaced;
}

/** Whether the citizen agreed, and when: the plans that took effect did; drafts not yet; some cancelled plans were declined. */
function agreed(random: DemoRandom, plan: DemoPlan): boolean {
  if (plan.status === 'DRAFT') return false;
  if (plan.status === 'CANCELLED') return random.chance(0.5);
  return true;
}

/**
 * The plan as it was followed up: the citizen's statement and agreement, the
 * holistic meeting that made it, a review (and follow-up meeting) about every
 * three months — a fifth of the active plans have missed the latest — an upcoming
 * meeting for most open plans, and the revision history all of it wrote.
 */
export function demoFollowUp(random: DemoRandom, citizen: DemoCitizen, plan: DemoPlan): DemoFollowUp {
  const coordinator = { sub: plan.coordinator.id, name: plan.coordinator.name, role: 'caseworker' };
  const revisions: DemoRevision[] = [];
  const revise = (at: Date, change: string, actor = coordinator) =>
    revisions.push({ at, actorSub: actor.sub, actorName: actor.name, actorRole: actor.role, change });
  // Drafted before the plan starts; a draft that starts soon was drafted before its last change.
  const drafted = atOfficeHour(workday(addDays(plan.startsOn, -random.int(6, 20))), random.int(0, 479));
  const createdAt = new Date(Math.min(drafted.getTime(), plan.updatedAt.getTime() - 3_600_000));
  revise(createdAt, 'Plan created as a draft');
  plan.goals.forEach((goal, order) =>
    revise(new Date(createdAt.getTime() + (order + 1) * 1000), `Goal added for ${goal.department}: ${goal.description}`),
  );

  const citizenStatement = random.chance(plan.status === 'DRAFT' ? 0.6 : 0.85) ? random.pick(STATEMENTS) : null;
  if (citizenStatement) revise(new Date(createdAt.getTime() + 60_000), "Citizen's statement set");

  const invitedAll: Department[] = [...citizen.meets, 'COORDINATION'];
  const sectorMeetings = invitedAll.flatMap((department) => SECTOR_MEETINGS[department]);
  const meetings: DemoMeeting[] = [];
  const meeting = (kind: DemoMeeting['kind'], startsAt: Date, status: DemoMeeting['status'], agenda: string) => {
    const held = status === 'HELD';
    meetings.push({
      id: citizen.mint('meeting', meetings.length),
      kind,
      startsAt,
      place: random.pick(PLACES),
      agenda,
      invited: kind === 'HOLISTIC' ? invitedAll : random.sample(invitedAll, random.int(1, invitedAll.length)),
      citizenTakesPart: kind === 'HOLISTIC' || random.chance(0.9),
      replaces: random.sample(sectorMeetings, random.int(kind === 'HOLISTIC' ? 1 : 0, 2)),
      status,
      minutes: held ? `Held with ${citizen.name.split(' ')[0]}. Agreed next steps recorded in the plan.` : null,
    });
    // Booked a week ahead, but not before the plan existed nor after the demo's "today".
    const bookedAt = Math.max(createdAt.getTime() + 120_000, Math.min(addDays(startsAt, -7).getTime(), YESTERDAY_NOON.getTime()));
    revise(
      new Date(bookedAt),
      `${kind === 'HOLISTIC' ? 'Holistic' : 'Follow-up'} meeting scheduled for ${startsAt.toISOString()}`,
    );
    if (held) revise(new Date(startsAt.getTime() + 2 * 3_600_000), 'Meeting minutes recorded; the meeting was held');
    if (status === 'CANCELLED') {
      const cancelledAt = Math.max(
        bookedAt + 60_000,
        Math.min(addDays(startsAt, -1).getTime(), YESTERDAY_NOON.getTime() + 60_000),
      );
      revise(new Date(cancelledAt), `Meeting of ${startsAt.toISOString()} cancelled`);
    }
  };

  let agreement: DemoFollowUp['agreement'] = null;
  const reviews: DemoReview[] = [];
  let nextReviewOn = addMonths(plan.startsOn, 3);
  if (agreed(random, plan)) {
    const startMeeting = atOfficeHour(workday(addDays(plan.startsOn, -random.int(1, 3))), random.int(0, 479));
    meeting('HOLISTIC', startMeeting, 'HELD', 'Making the plan together: goals, efforts and who does what');
    const method = random.weighted<AgreementMethod>([
      ['IN_MEETING', 45],
      ['DIGITAL', 40],
      ['IN_WRITING', 15],
    ]);
    const agreedAt = addDays(startMeeting, method === 'IN_MEETING' ? 0 : random.int(1, 3));
    agreement = { agreedAt, method, recordedById: method === 'DIGITAL' ? null : plan.coordinator.id };
    const citizenActor = { sub: citizen.id, name: citizen.name, role: 'citizen' };
    revise(
      agreedAt,
      `Citizen agreed to the plan (${method}); the plan is active`,
      method === 'DIGITAL' ? citizenActor : coordinator,
    );

    // Reviews every three months until the plan closed or today; a fifth of the active plans missed the latest.
    const until = plan.status === 'ACTIVE' ? DEMO_REFERENCE_DATE : plan.updatedAt;
    const missesLatest = plan.status === 'ACTIVE' && random.chance(0.2);
    while (nextReviewOn.getTime() < until.getTime()) {
      const heldOn = workday(addDays(nextReviewOn, random.int(-5, 0)));
      if (missesLatest && addMonths(heldOn, 3).getTime() > until.getTime()) break;
      const next = addMonths(heldOn, 3);
      reviews.unshift({
        id: citizen.mint('review', reviews.length),
        heldOn,
        summary: random.pick(REVIEW_SUMMARIES),
        nextReviewOn: next,
        byId: plan.coordinator.id,
      });
      meeting('FOLLOW_UP', atOfficeHour(heldOn, random.int(0, 479)), 'HELD', 'Following up the plan: what has changed?');
      revise(atOfficeHour(heldOn, 479), `Plan reviewed; next review on ${next.toISOString().slice(0, 10)}`);
      nextReviewOn = next;
    }
  } else if (plan.status === 'CANCELLED') {
    revise(plan.updatedAt, 'Citizen declined the plan (IN_MEETING); the sector plans stay in force');
  }

  // Most open plans have their next meeting booked; now and then one was called off.
  if ((plan.status === 'ACTIVE' || plan.status === 'DRAFT') && random.chance(0.7)) {
    const day = workday(addDays(DEMO_REFERENCE_DATE, random.int(3, 40)));
    const kind = plan.status === 'DRAFT' ? 'HOLISTIC' : 'FOLLOW_UP';
    if (random.chance(0.1))
      meeting(kind, atOfficeHour(addDays(day, -14), random.int(0, 479)), 'CANCELLED', 'Moved at the citizen’s request');
    meeting(
      kind,
      atOfficeHour(day, random.int(0, 479)),
      'PLANNED',
      kind === 'HOLISTIC' ? 'Making the plan together' : 'Following up the plan',
    );
  }

  meetings.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  revisions.sort((a, b) => b.at.getTime() - a.at.getTime());
  // The plan was last changed by its newest revision, or later (a goal's status, say).
  const updatedAt = new Date(Math.max(plan.updatedAt.getTime(), revisions[0]!.at.getTime()));
  const replaces = replacedPlans(random, citizen);
  return { replaces, citizenStatement, agreement, nextReviewOn, reviews, meetings, revisions, createdAt, updatedAt };
}
