-- Who registered each measure (the caseworker's sub), so the outcomes can count the
-- caseworkers who acted for a citizen; measures from before this release have none.
ALTER TABLE "SocialMeasure" ADD COLUMN "registeredBy" TEXT;
