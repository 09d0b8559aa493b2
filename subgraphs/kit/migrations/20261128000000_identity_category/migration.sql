-- Identity reads are logged too (contract, second edition): a citizen's id, CPR and name.
-- Applied in the kit's migration transaction: PostgreSQL 12+ and PGlite allow ADD VALUE
-- there, and nothing in a migration uses the new value before it commits.
ALTER TYPE "DataCategory" ADD VALUE IF NOT EXISTS 'IDENTITY';
