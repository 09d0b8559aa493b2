import { DEMO_REFERENCE_DATE, addYears, demoCitizen, demoCohort } from '@oneplan/kit';
import { CONSENTABLE_CATEGORIES, DEPARTMENTS } from '@oneplan/protocol';
import { DEMO_CASEWORKERS } from '@oneplan/kit';
import { demoCoordination } from '../demo/coordination';

const COHORT_SIZE = 20_000;
const cohort = Array.from(demoCohort(COHORT_SIZE), (citizen) => ({ citizen, ...demoCoordination(citizen) }));
const plans = cohort.flatMap(({ plan }) => (plan ? [plan] : []));
const consents = cohort.flatMap((part) => part.consents);
const isUtcMidnight = (date: Date) => date.getTime() % 86_400_000 === 0;

describe('the plan demo data', () => {
  it('is a pure function of the citizen', () => {
    expect(demoCoordination(demoCitizen(42))).toEqual(demoCoordination(demoCitizen(42)));
  });

  it('gives about 85% a plan, mostly active with some drafts and completed plans', () => {
    expect(plans.length / COHORT_SIZE).toBeCloseTo(0.85, 1);
    const statusShare = (status: string) => plans.filter((plan) => plan.status === status).length / plans.length;
    expect(statusShare('ACTIVE')).toBeGreaterThan(0.65);
    expect(statusShare('DRAFT')).toBeGreaterThan(0.05);
    expect(statusShare('COMPLETED')).toBeGreaterThan(0.05);
  });

  it('keeps goals and consents within the sizes the coordination unit works with, and uses each size', () => {
    expect({
      goals: [...new Set(plans.map((plan) => plan.goals.length))].sort(),
      consents: [...new Set(cohort.map((part) => part.consents.length))].sort(),
    }).toEqual({ goals: [2, 3, 4, 5], consents: [0, 1, 2] });
  });

  it('mints the plan, goal and consent ids from the citizen, in order', () => {
    const strays = cohort.filter(
      ({ citizen, plan, consents }) =>
        (plan !== null && plan.id !== citizen.mint('plan', 0)) ||
        plan?.goals.some((goal, ordinal) => goal.id !== citizen.mint('goal', ordinal)) ||
        consents.some((consent, ordinal) => consent.id !== citizen.mint('consent', ordinal)),
    );
    expect(strays).toEqual([]);
  });

  it("follows the citizen's outline, which the departments' efforts serve: a plan where it has one, its goals, a text each", () => {
    const astray = cohort.filter(({ citizen, plan }) => {
      const outline = citizen.plan?.goals.map(({ id, department }) => ({ id, department })) ?? null;
      const goals = plan?.goals.map(({ id, department }) => ({ id, department })) ?? null;
      const texts = plan?.goals.map((goal) => `${goal.department}: ${goal.description}`) ?? [];
      return JSON.stringify(goals) !== JSON.stringify(outline) || new Set(texts).size !== texts.length;
    });
    expect(astray).toEqual([]);
  });

  it('has consents only where there is a plan, some expired and a few revoked', () => {
    expect(cohort.filter(({ plan, consents }) => plan === null && consents.length > 0)).toEqual([]);
    const expired = consents.filter((consent) => consent.validUntil <= DEMO_REFERENCE_DATE).length / consents.length;
    const revoked = consents.filter((consent) => consent.revokedAt !== null).length / consents.length;
    expect(expired).toBeGreaterThan(0.05);
    expect(expired).toBeLessThan(0.4);
    expect(revoked).toBeGreaterThan(0.02);
    expect(revoked).toBeLessThan(0.1);
  });
});

describe('plausibility of the plan demo data', () => {
  it('uses only the contract enum values for departments and consentable data categories, and every one of them', () => {
    const departments = [
      ...plans.flatMap((plan) => [plan.coordinator.department, ...plan.goals.map((goal) => goal.department)]),
      ...consents.flatMap((consent) => consent.recipients),
    ];
    const categories = consents.flatMap((consent) => consent.categories);
    expect(new Set(departments)).toEqual(new Set(DEPARTMENTS));
    expect(new Set(categories)).toEqual(new Set(CONSENTABLE_CATEGORIES));
  });

  it('gives every plan a one-year horizon, active ones spanning the reference date, completed ones ended', () => {
    const oneYearAfter = (day: Date) => new Date(Date.UTC(day.getUTCFullYear() + 1, day.getUTCMonth(), day.getUTCDate()));
    expect(plans.filter((plan) => plan.endsOn.getTime() !== oneYearAfter(plan.startsOn).getTime())).toEqual([]);
    const active = plans.filter((plan) => plan.status === 'ACTIVE');
    expect(active.filter((plan) => plan.startsOn > DEMO_REFERENCE_DATE || plan.endsOn <= DEMO_REFERENCE_DATE)).toEqual([]);
    const completed = plans.filter((plan) => plan.status === 'COMPLETED');
    expect(completed.filter((plan) => plan.endsOn >= DEMO_REFERENCE_DATE)).toEqual([]);
    const drafts = plans.filter((plan) => plan.status === 'DRAFT');
    expect(drafts.filter((plan) => plan.goals.some((goal) => goal.status !== 'NOT_STARTED'))).toEqual([]);
  });

  it('keeps date-only fields at UTC midnight and nothing recorded after the reference date', () => {
    const dateOnly = plans.flatMap((plan) => [
      plan.startsOn,
      plan.endsOn,
      ...plan.goals.flatMap((goal) => (goal.dueOn ? [goal.dueOn] : [])),
    ]);
    expect(dateOnly.filter((date) => !isUtcMidnight(date))).toEqual([]);
    const recorded = [
      ...consents.flatMap((consent) => (consent.revokedAt ? [consent.givenAt, consent.revokedAt] : [consent.givenAt])),
      ...plans.map((plan) => plan.updatedAt),
    ];
    expect(recorded.filter((at) => at >= DEMO_REFERENCE_DATE)).toEqual([]);
  });

  it("records how each consent was given: mostly in a meeting or in writing on the coordinator's evidence, some by the citizen digitally", () => {
    const astray = cohort.flatMap(({ citizen, plan, consents }) =>
      consents.filter(
        (consent) =>
          (consent.method === 'DIGITAL') !== (consent.recordedById === null) ||
          (consent.method === 'DIGITAL') !== (consent.evidence === null) ||
          (consent.recordedById !== null && consent.recordedById !== plan?.coordinator.id) ||
          (consent.revokedAt === null) !== (consent.revokedBy === null) ||
          (consent.revokedBy !== null && ![citizen.name, plan?.coordinator.name].includes(consent.revokedBy)) ||
          consent.validUntil > addYears(consent.givenAt, 1),
      ),
    );
    expect(astray).toEqual([]);
    const share = (method: string) => consents.filter((consent) => consent.method === method).length / consents.length;
    expect(share('IN_MEETING') + share('IN_WRITING')).toBeGreaterThan(0.6);
    expect(share('DIGITAL')).toBeGreaterThan(0.05);
    expect(share('DIGITAL')).toBeLessThan(0.3);
    expect(share('ORALLY')).toBeGreaterThan(0);
  });

  it('revokes a consent only while it was in force', () => {
    const revoked = consents.filter((consent) => consent.revokedAt !== null);
    const outOfForce = revoked.filter(({ givenAt, validUntil, revokedAt }) => revokedAt! <= givenAt || revokedAt! > validUntil);
    expect(outOfForce).toEqual([]);
  });

  it('lets the coordinator, goals and consent recipients come only from departments the citizen meets, or coordination', () => {
    const strays = cohort.filter(({ citizen, plan, consents }) => {
      const met = new Set([...citizen.meets, 'COORDINATION']);
      const named = [
        ...(plan ? [plan.coordinator.department, ...plan.goals.map((goal) => goal.department)] : []),
        ...consents.flatMap((consent) => consent.recipients),
      ];
      return !named.every((department) => met.has(department));
    });
    expect(strays).toEqual([]);
  });

  it('lets every demo caseworker coordinate plans, Birgitte Holm of the jobcenter among them, and no one else', () => {
    const coordinators = new Map(plans.map(({ coordinator }) => [coordinator.id, coordinator]));
    expect([...coordinators.values()].sort((a, b) => a.id.localeCompare(b.id))).toEqual(
      [...DEMO_CASEWORKERS].sort((a, b) => a.id.localeCompare(b.id)),
    );
    expect(coordinators.get('cw-emp-01')).toEqual({ id: 'cw-emp-01', name: 'Birgitte Holm', department: 'EMPLOYMENT' });
  });

  it('keeps drafts unanswered, and every plan that took effect agreed: by the citizen digitally or recorded by the coordinator', () => {
    const drafts = plans.filter((plan) => plan.status === 'DRAFT');
    expect(drafts.filter((plan) => plan.agreement !== null || plan.reviews.length > 0)).toEqual([]);
    const tookEffect = plans.filter((plan) => plan.status === 'ACTIVE' || plan.status === 'COMPLETED');
    expect(tookEffect.filter((plan) => plan.agreement === null)).toEqual([]);
    const agreements = plans.flatMap((plan) => (plan.agreement ? [{ plan, agreement: plan.agreement }] : []));
    const wronglyRecorded = agreements.filter(
      ({ plan, agreement }) =>
        (agreement.method === 'DIGITAL') !== (agreement.recordedById === null) ||
        (agreement.recordedById !== null && agreement.recordedById !== plan.coordinator.id),
    );
    expect(wronglyRecorded).toEqual([]);
    expect(new Set(agreements.map(({ agreement }) => agreement.method))).toEqual(
      new Set(['DIGITAL', 'IN_MEETING', 'IN_WRITING']),
    );
    const cancelled = plans.filter((plan) => plan.status === 'CANCELLED');
    expect(cancelled.some((plan) => plan.agreement === null)).toBe(true);
    expect(cancelled.some((plan) => plan.agreement !== null)).toBe(true);
  });

  it('follows plans up about every three months, with a fifth of the active ones overdue', () => {
    const active = plans.filter((plan) => plan.status === 'ACTIVE');
    const overdue = active.filter((plan) => plan.nextReviewOn < DEMO_REFERENCE_DATE);
    expect(overdue.length / active.length).toBeGreaterThan(0.1);
    expect(overdue.length / active.length).toBeLessThan(0.35);
    const unfollowed = plans.filter(
      (plan) => plan.reviews[0] && plan.nextReviewOn.getTime() !== plan.reviews[0].nextReviewOn.getTime(),
    );
    expect(unfollowed).toEqual([]);
    const unordered = plans.filter((plan) =>
      plan.reviews.some((review, i) => i > 0 && review.heldOn > plan.reviews[i - 1]!.heldOn),
    );
    expect(unordered).toEqual([]);
    const reviews = plans.flatMap((plan) => plan.reviews.map((review) => ({ plan, review })));
    expect(reviews.length).toBeGreaterThan(plans.length);
    const stray = reviews.filter(
      ({ plan, review }) =>
        review.heldOn < plan.startsOn ||
        review.heldOn >= DEMO_REFERENCE_DATE ||
        review.nextReviewOn <= review.heldOn ||
        !isUtcMidnight(review.heldOn) ||
        review.byId !== plan.coordinator.id,
    );
    expect(stray).toEqual([]);
  });

  it('holds meetings in the past with minutes and plans the next ones for open plans, soonest first', () => {
    const meetings = plans.flatMap((plan) => plan.meetings.map((meeting) => ({ plan, meeting })));
    expect(new Set(meetings.map(({ meeting }) => meeting.status))).toEqual(new Set(['PLANNED', 'HELD', 'CANCELLED']));
    const inconsistent = meetings.filter(
      ({ plan, meeting }) =>
        (meeting.status === 'HELD') !== (meeting.minutes !== null) ||
        (meeting.status === 'HELD' && meeting.startsAt >= DEMO_REFERENCE_DATE) ||
        (meeting.status === 'PLANNED' &&
          (meeting.startsAt <= DEMO_REFERENCE_DATE || !['DRAFT', 'ACTIVE'].includes(plan.status))) ||
        meeting.invited.length === 0 ||
        (meeting.kind === 'HOLISTIC' && !meeting.citizenTakesPart),
    );
    expect(inconsistent).toEqual([]);
    const unordered = plans.filter((plan) =>
      plan.meetings.some((meeting, i) => i > 0 && meeting.startsAt < plan.meetings[i - 1]!.startsAt),
    );
    expect(unordered).toEqual([]);
    expect(meetings.filter(({ meeting }) => meeting.replaces.length > 0).length).toBeGreaterThan(meetings.length / 3);
    expect(new Set(meetings.map(({ meeting }) => meeting.id)).size).toBe(meetings.length);
  });

  it('keeps a history per plan, newest first, from the draft to its last change', () => {
    const broken = plans.filter(
      (plan) =>
        plan.revisions.some((revision, i) => i > 0 && revision.at > plan.revisions[i - 1]!.at) ||
        plan.revisions.at(-1)?.change !== 'Plan created as a draft' ||
        plan.revisions.at(-1)?.actorSub !== plan.coordinator.id ||
        plan.revisions[0]!.at > plan.updatedAt ||
        plan.createdAt >= plan.startsOn,
    );
    expect(broken).toEqual([]);
    const late = plans.flatMap((plan) => plan.revisions).filter((revision) => revision.at >= DEMO_REFERENCE_DATE);
    expect(late).toEqual([]);
  });

  it('lets a plan replace only the sector plans of the departments the citizen meets', () => {
    const SECTOR_OWNER = {
      MIN_PLAN: 'EMPLOYMENT',
      SICKNESS_BENEFIT_AGREEMENT: 'EMPLOYMENT',
      SOCIAL_ACTION_PLAN: 'SOCIAL',
      YOUTH_PLAN: 'SOCIAL',
      REHABILITATION_PLAN: 'HEALTH',
    } as const;
    const strays = cohort.filter(({ citizen, plan }) =>
      plan?.replaces.some((sector) => sector !== 'INTEGRATION_PLAN' && !citizen.meets.includes(SECTOR_OWNER[sector])),
    );
    expect(strays).toEqual([]);
    expect(new Set(plans.flatMap((plan) => plan.replaces)).size).toBe(6);
  });
});
