-- Every job-readiness assessment (jobparat / aktivitetsparat) with the day it took
-- effect, so "job readiness 3 months after plan start" has an answer. Only
-- setEmploymentStatus writes it, adding a row; the demo seed may clear its own.
CREATE TABLE "JobReadinessChange" (
    "id" UUID NOT NULL,
    "citizenId" UUID NOT NULL,
    "jobReadiness" "JobReadiness" NOT NULL,
    "changedOn" DATE NOT NULL,
    "registeredBy" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "JobReadinessChange_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "JobReadinessChange_citizenId_changedOn_idx" ON "JobReadinessChange"("citizenId", "changedOn" DESC);

-- The history starts with each status as it stands, from the day it was last set.
INSERT INTO "JobReadinessChange" ("id", "citizenId", "jobReadiness", "changedOn", "createdAt")
SELECT gen_random_uuid(), "citizenId", "jobReadiness", ("updatedAt" AT TIME ZONE 'UTC')::date, "updatedAt"
FROM "EmploymentStatus";
