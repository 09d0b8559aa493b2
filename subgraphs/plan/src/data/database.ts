import { join } from 'node:path';
import { databaseOpener, type Database } from '@oneplan/kit';
import { PrismaClient } from '../../generated/prisma';

export type PlanDatabase = Database<PrismaClient>;

/** Opens the coordination unit's own database, migrated. */
export const openPlanDatabase = databaseOpener(
  (options) => new PrismaClient(options),
  join(__dirname, '../../prisma/migrations'),
);
