-- The plan as the law describes it (second edition): the sector plans it replaces,
-- the citizen's statement and agreement, follow-up, holistic meetings and an
-- append-only history of every change.

-- CreateEnum
CREATE TYPE "SectorPlan" AS ENUM ('MIN_PLAN', 'REHABILITATION_PLAN', 'SICKNESS_BENEFIT_AGREEMENT', 'SOCIAL_ACTION_PLAN', 'YOUTH_PLAN', 'INTEGRATION_PLAN');

-- CreateEnum
CREATE TYPE "AgreementMethod" AS ENUM ('DIGITAL', 'IN_MEETING', 'IN_WRITING');

-- CreateEnum
CREATE TYPE "MeetingKind" AS ENUM ('HOLISTIC', 'FOLLOW_UP');

-- CreateEnum
CREATE TYPE "MeetingStatus" AS ENUM ('PLANNED', 'HELD', 'CANCELLED');

-- A plan is a draft until the citizen agrees to it.
ALTER TABLE "Plan" ALTER COLUMN "status" SET DEFAULT 'DRAFT';

-- AlterTable
ALTER TABLE "Plan"
  ADD COLUMN "replaces" "SectorPlan"[] DEFAULT ARRAY[]::"SectorPlan"[],
  ADD COLUMN "citizenStatement" TEXT,
  ADD COLUMN "nextReviewOn" DATE,
  ADD COLUMN "agreedAt" TIMESTAMPTZ(3),
  ADD COLUMN "agreementMethod" "AgreementMethod",
  ADD COLUMN "agreementRecordedById" TEXT;

-- Plans made before follow-up existed are first followed up three months after they start.
UPDATE "Plan" SET "nextReviewOn" = ("startsOn" + INTERVAL '3 months')::DATE;
ALTER TABLE "Plan" ALTER COLUMN "nextReviewOn" SET NOT NULL;

-- The agreement is all of it or none of it; a caseworker records every method but the citizen's own.
ALTER TABLE "Plan" ADD CONSTRAINT "Plan_agreement_check" CHECK (
  ("agreedAt" IS NULL AND "agreementMethod" IS NULL AND "agreementRecordedById" IS NULL)
  OR ("agreedAt" IS NOT NULL AND "agreementMethod" = 'DIGITAL' AND "agreementRecordedById" IS NULL)
  OR ("agreedAt" IS NOT NULL AND "agreementMethod" <> 'DIGITAL' AND "agreementRecordedById" IS NOT NULL)
);

-- A goal keeps its plan's citizen: the departments' efforts link to goals by (id, citizenId).
ALTER TABLE "Goal" ADD COLUMN "citizenId" UUID;
UPDATE "Goal" SET "citizenId" = "Plan"."citizenId" FROM "Plan" WHERE "Plan"."id" = "Goal"."planId";
ALTER TABLE "Goal" ALTER COLUMN "citizenId" SET NOT NULL;

-- CreateTable
CREATE TABLE "PlanReview" (
    "id" UUID NOT NULL,
    "planId" UUID NOT NULL,
    "heldOn" DATE NOT NULL,
    "summary" TEXT NOT NULL,
    "nextReviewOn" DATE NOT NULL,
    "byId" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PlanReview_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "PlanReview_next_after_held_check" CHECK ("nextReviewOn" > "heldOn")
);

-- CreateTable
CREATE TABLE "Meeting" (
    "id" UUID NOT NULL,
    "planId" UUID NOT NULL,
    "kind" "MeetingKind" NOT NULL,
    "startsAt" TIMESTAMPTZ(3) NOT NULL,
    "place" TEXT,
    "agenda" TEXT NOT NULL,
    "invited" "Department"[],
    "citizenTakesPart" BOOLEAN NOT NULL,
    "replaces" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "status" "MeetingStatus" NOT NULL DEFAULT 'PLANNED',
    "minutes" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Meeting_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "Meeting_invited_check" CHECK (cardinality("invited") > 0),
    -- Minutes are what makes a meeting held.
    CONSTRAINT "Meeting_minutes_check" CHECK (("status" = 'HELD') = ("minutes" IS NOT NULL))
);

-- CreateTable
CREATE TABLE "PlanRevision" (
    "id" BIGSERIAL NOT NULL,
    "planId" UUID NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorSub" TEXT NOT NULL,
    "actorName" TEXT NOT NULL,
    "actorRole" TEXT NOT NULL,
    "change" TEXT NOT NULL,

    CONSTRAINT "PlanRevision_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Plan_coordinatorId_nextReviewOn_id_idx" ON "Plan"("coordinatorId", "nextReviewOn", "id");

-- CreateIndex
CREATE INDEX "Plan_nextReviewOn_id_idx" ON "Plan"("nextReviewOn", "id");

-- CreateIndex
CREATE INDEX "PlanReview_planId_heldOn_idx" ON "PlanReview"("planId", "heldOn" DESC);

-- CreateIndex
CREATE INDEX "Meeting_planId_startsAt_idx" ON "Meeting"("planId", "startsAt");

-- CreateIndex
CREATE INDEX "PlanRevision_planId_at_id_idx" ON "PlanRevision"("planId", "at" DESC, "id" DESC);

-- AddForeignKey
ALTER TABLE "Plan" ADD CONSTRAINT "Plan_agreementRecordedById_fkey" FOREIGN KEY ("agreementRecordedById") REFERENCES "Caseworker"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanReview" ADD CONSTRAINT "PlanReview_planId_fkey" FOREIGN KEY ("planId") REFERENCES "Plan"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanReview" ADD CONSTRAINT "PlanReview_byId_fkey" FOREIGN KEY ("byId") REFERENCES "Caseworker"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Meeting" ADD CONSTRAINT "Meeting_planId_fkey" FOREIGN KEY ("planId") REFERENCES "Plan"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanRevision" ADD CONSTRAINT "PlanRevision_planId_fkey" FOREIGN KEY ("planId") REFERENCES "Plan"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- A plan's history is append-only: nothing may change or delete a revision.
CREATE FUNCTION "plan_revision_is_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'plan revisions are append-only';
END;
$$;
CREATE TRIGGER "PlanRevision_append_only" BEFORE UPDATE OR DELETE ON "PlanRevision"
  FOR EACH ROW EXECUTE FUNCTION "plan_revision_is_append_only"();
CREATE TRIGGER "PlanRevision_no_truncate" BEFORE TRUNCATE ON "PlanRevision"
  FOR EACH STATEMENT EXECUTE FUNCTION "plan_revision_is_append_only"();
