-- Who registered each service (the caseworker's sub), so the outcomes can count the
-- caseworkers who acted for a citizen; services from before this release have none.
ALTER TABLE "HealthService" ADD COLUMN "registeredBy" TEXT;
