import { join } from 'node:path';
import { databaseOpener, type Database } from '@oneplan/kit';
import { PrismaClient } from '../../generated/prisma';

export type HealthDatabase = Database<PrismaClient>;

/** Opens the health department's own database, migrated. */
export const openHealthDatabase = databaseOpener(
  (options) => new PrismaClient(options),
  join(__dirname, '../../prisma/migrations'),
);
