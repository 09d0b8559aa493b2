import type { DemoCitizen } from '@oneplan/kit';
import { demoConsents } from './consents';
import { demoFollowUp } from './follow-up';
import { demoPlan } from './plan';
import type { DemoCoordination } from './types';

/**
 * The coordination unit's part of a citizen, drawn from one stream: the plan
 * first, then the consents given for it, then how it was made and followed up.
 */
export function demoCoordination(citizen: DemoCitizen): DemoCoordination {
  const random = citizen.random('coordination');
  const plan = demoPlan(random, citizen);
  const consents = plan ? demoConsents(random, citizen, plan) : [];
  return { plan: plan && { ...plan, ...demoFollowUp(random, citizen, plan) }, consents };
}
