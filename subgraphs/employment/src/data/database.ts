import { join } from 'node:path';
import { databaseOpener, type Database } from '@oneplan/kit';
import { PrismaClient } from '../../generated/prisma';

export type EmploymentDatabase = Database<PrismaClient>;

/** Opens the employment department's own database, migrated. */
export const openEmploymentDatabase = databaseOpener(
  (options) => new PrismaClient(options),
  join(__dirname, '../../prisma/migrations'),
);
