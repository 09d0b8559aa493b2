-- The access log every subgraph keeps alike, applied by the kit before the
-- subgraph's own migrations. Read and written only through kit/src/access-log.

CREATE TYPE "Department" AS ENUM ('EMPLOYMENT', 'SOCIAL', 'HEALTH', 'COORDINATION');

CREATE TYPE "DataCategory" AS ENUM ('PLAN', 'EMPLOYMENT_STATUS', 'EMPLOYMENT_ACTIVITIES', 'SOCIAL_MEASURES', 'HEALTH_SERVICES', 'HEALTH_CONDITIONS');

CREATE TYPE "AccessDecision" AS ENUM ('ALLOWED', 'DENIED');

CREATE TABLE "AccessEvent" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "citizenId" UUID NOT NULL,
    "actorSub" TEXT NOT NULL,
    "actorName" TEXT NOT NULL,
    "actorRole" TEXT NOT NULL,
    "actorDepartment" "Department",
    "category" "DataCategory" NOT NULL,
    "purpose" TEXT NOT NULL,
    "decision" "AccessDecision" NOT NULL,
    "source" "Department" NOT NULL,

    CONSTRAINT "AccessEvent_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "AccessEvent_citizenId_at_idx" ON "AccessEvent"("citizenId", "at" DESC);

-- The access log is append-only: nothing may change or delete a record.
CREATE FUNCTION "access_event_is_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the access log is append-only';
END;
$$;
CREATE TRIGGER "AccessEvent_append_only" BEFORE UPDATE OR DELETE ON "AccessEvent"
  FOR EACH ROW EXECUTE FUNCTION "access_event_is_append_only"();
CREATE TRIGGER "AccessEvent_no_truncate" BEFORE TRUNCATE ON "AccessEvent"
  FOR EACH STATEMENT EXECUTE FUNCTION "access_event_is_append_only"();
