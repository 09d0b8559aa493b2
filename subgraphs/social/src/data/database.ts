import { join } from 'node:path';
import { databaseOpener, type Database } from '@oneplan/kit';
import { PrismaClient } from '../../generated/prisma';

export type SocialDatabase = Database<PrismaClient>;

/** Opens the social department's own database, migrated. */
export const openSocialDatabase = databaseOpener(
  (options) => new PrismaClient(options),
  join(__dirname, '../../prisma/migrations'),
);
