import { join } from 'node:path';
import { defineDepartment, type ContextOf } from '@oneplan/kit';
import { PrismaClient } from '../generated/prisma';
import { createSocialLoaders, type SocialLoaders } from './data/loaders';
import { createSocialWrites, type SocialWrites } from './data/writes';
import { socialDemo } from './demo';
import { socialMutations } from './resolvers/mutation';

/**
 * The social department's subgraph: measures under serviceloven and barnets
 * lov, in its own database.
 */
export const social = defineDepartment({
  name: 'social',
  port: 4003,
  folder: join(__dirname, '..'),
  createClient: (options) => new PrismaClient(options),
  loaders: createSocialLoaders,
  writes: createSocialWrites,
  record: {
    field: 'social',
    type: 'SocialRecord',
    categories: {
      measures: { category: 'SOCIAL_MEASURES', loader: 'measuresByCitizen' },
    },
  },
  efforts: {
    type: 'SocialMeasure',
    table: 'SocialMeasure',
    goalField: 'socialMeasures',
    category: 'SOCIAL_MEASURES',
    loader: 'measuresByGoal',
  },
  mutations: socialMutations,
  demo: socialDemo,
});

export type SocialContext = ContextOf<SocialLoaders, SocialWrites>;
