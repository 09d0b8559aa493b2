import { scalarResolvers } from '@oneplan/kit';
import { Citizen, ConsentResolvers } from './citizen';
import { Mutation } from './mutation';
import { Plan } from './plan';
import { Query } from './query';

export const resolvers = {
  ...scalarResolvers,
  Query,
  Mutation,
  Citizen,
  Plan,
  Consent: ConsentResolvers,
};
