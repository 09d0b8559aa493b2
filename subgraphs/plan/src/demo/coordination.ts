import type { DemoCitizen } from '@oneplan/kit';
import { demoConsents } from './consents';
import { demoPlan } from './plan';
import type { DemoCoordination } from './types';

/** The coordination unit's part of a citizen, drawn from one stream: the plan first, then the consents given for it. */
export function demoCoordination(citizen: DemoCitizen): DemoCoordination {
  const random = citizen.random('coordination');
  const plan = demoPlan(random, citizen);
  return { plan, consents: plan ? demoConsents(random, citizen, plan) : [] };
}
