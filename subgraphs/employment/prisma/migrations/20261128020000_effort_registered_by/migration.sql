-- Who registered each activity (the caseworker's sub), so the outcomes can count the
-- caseworkers who acted for a citizen; activities from before this release have none.
ALTER TABLE "EmploymentActivity" ADD COLUMN "registeredBy" TEXT;
