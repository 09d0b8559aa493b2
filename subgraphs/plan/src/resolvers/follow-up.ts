import { guardedWrite, notInFuture, optionalText, requireText } from '@oneplan/kit';
import { badUserInput } from '@oneplan/protocol';
import type { MutationResolvers } from '../generated/graphql';
import { actorOf, assertOpen, callerAsCaseworker, distinct, meetingFacts, planFacts } from './plan-facts';
import { addMonths } from './plan-dates';

const TEXT_LENGTH = 4000;
/** A meeting stands in for a handful of sector meetings, each named in a line. */
const MAX_REPLACED_MEETINGS = 20;
/** Meetings are planned for the plan's year, not for a date mistyped into the next decade. */
const MEETING_HORIZON_MONTHS = 24;

function replacedMeetings(replaces: readonly string[] | null | undefined): string[] {
  const named = [...new Set((replaces ?? []).map((meeting) => requireText(meeting, 'replaces', 200)))];
  if (named.length > MAX_REPLACED_MEETINGS) {
    throw badUserInput(`replaces names at most ${MAX_REPLACED_MEETINGS} meetings.`, 'replaces');
  }
  return named;
}

/** Following the plan up as the citizen's life changes, and the holistic meetings that replace one meeting per law. */
export const followUpMutations = {
  recordPlanReview: guardedWrite(
    'PLAN',
    (_, { input }, context) => planFacts(context, input.planId),
    (_, { input }, context, { plan }) => {
      if (plan.status !== 'ACTIVE') throw badUserInput('Only an active plan is followed up.', 'planId');
      const heldOn = notInFuture(input.heldOn, 'heldOn', context.now);
      if (heldOn.getTime() < plan.startsOn.getTime()) throw badUserInput('heldOn must not be before the plan starts.', 'heldOn');
      const { nextReviewOn } = input;
      if (nextReviewOn.getTime() <= heldOn.getTime() || nextReviewOn.getTime() > addMonths(heldOn, 12).getTime()) {
        throw badUserInput('nextReviewOn must lie after heldOn and at most one year later.', 'nextReviewOn');
      }
      return context.writes.recordPlanReview(actorOf(context.identity), {
        planId: plan.id,
        heldOn,
        summary: requireText(input.summary, 'summary', TEXT_LENGTH),
        nextReviewOn,
        by: callerAsCaseworker(context.identity),
      });
    },
  ),

  scheduleMeeting: guardedWrite(
    'PLAN',
    (_, { input }, context) => planFacts(context, input.planId),
    (_, { input }, context, { plan }) => {
      assertOpen(plan);
      const { startsAt } = input;
      if (startsAt.getTime() <= context.now.getTime()) throw badUserInput('startsAt must lie in the future.', 'startsAt');
      if (startsAt.getTime() > addMonths(context.now, MEETING_HORIZON_MONTHS).getTime()) {
        throw badUserInput(`startsAt must lie within ${MEETING_HORIZON_MONTHS} months.`, 'startsAt');
      }
      return context.writes.scheduleMeeting(actorOf(context.identity), {
        planId: plan.id,
        kind: input.kind,
        startsAt,
        place: optionalText(input.place, 'place', 200),
        agenda: requireText(input.agenda, 'agenda', TEXT_LENGTH),
        invited: distinct(input.invited, 'invited'),
        citizenTakesPart: input.citizenTakesPart,
        replaces: replacedMeetings(input.replaces),
      });
    },
  ),

  // Minutes are a record of what happened, so they are taken even if the plan has closed since.
  recordMeetingMinutes: guardedWrite(
    'PLAN',
    (_, { input }, context) => meetingFacts(context, input.meetingId),
    (_, { input }, context, { meeting }) => {
      if (meeting.status !== 'PLANNED') {
        throw badUserInput(`The meeting is ${meeting.status.toLowerCase()}; minutes go to a planned meeting.`, 'meetingId');
      }
      if (meeting.startsAt.getTime() > context.now.getTime()) {
        throw badUserInput('The meeting has not begun; minutes are recorded once it has.', 'meetingId');
      }
      return context.writes.recordMeetingMinutes(
        actorOf(context.identity),
        meeting,
        requireText(input.minutes, 'minutes', 20_000),
      );
    },
  ),

  cancelMeeting: guardedWrite(
    'PLAN',
    (_, { input }, context) => meetingFacts(context, input.meetingId),
    (_, __, context, { meeting }) => {
      if (meeting.status !== 'PLANNED') {
        throw badUserInput(`The meeting is ${meeting.status.toLowerCase()}; only a planned meeting is cancelled.`, 'meetingId');
      }
      return context.writes.cancelMeeting(actorOf(context.identity), meeting);
    },
  ),
} satisfies MutationResolvers;
