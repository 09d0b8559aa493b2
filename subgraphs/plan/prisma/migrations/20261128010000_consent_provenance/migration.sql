-- Consent provenance (trust hardening): how the citizen gave a consent, which
-- caseworker recorded it and on what evidence, and who revoked it.

-- CreateEnum
CREATE TYPE "ConsentMethod" AS ENUM ('DIGITAL', 'IN_WRITING', 'IN_MEETING', 'ORALLY');

-- The recorder was kept as their token's sub alone; it becomes a reference to the caseworker,
-- and null where the citizen gave the consent themself.
ALTER TABLE "Consent" RENAME COLUMN "recordedBy" TO "recordedById";
ALTER TABLE "Consent" ALTER COLUMN "recordedById" DROP NOT NULL;

-- Recorders no plan named were never kept as caseworkers: they are named and placed as this
-- database's access log last saw them (every caseworker's look-up and plan read is logged here) …
INSERT INTO "Caseworker" ("id", "name", "department")
SELECT DISTINCT ON ("actorSub") "actorSub", "actorName", "actorDepartment"
FROM "AccessEvent"
WHERE "actorRole" = 'caseworker' AND "actorDepartment" IS NOT NULL
  AND "actorSub" IN (SELECT "recordedById" FROM "Consent")
  AND "actorSub" NOT IN (SELECT "id" FROM "Caseworker")
ORDER BY "actorSub", "at" DESC, "id" DESC;

-- … and one it never saw keeps their sub as name, under the coordination unit that keeps the registry.
INSERT INTO "Caseworker" ("id", "name", "department")
SELECT DISTINCT "recordedById", "recordedById", 'COORDINATION'::"Department"
FROM "Consent"
WHERE "recordedById" NOT IN (SELECT "id" FROM "Caseworker");

-- AlterTable
ALTER TABLE "Consent"
  ADD COLUMN "method" "ConsentMethod",
  ADD COLUMN "evidence" TEXT,
  ADD COLUMN "revokedBy" TEXT;

-- Consents recorded before provenance: a caseworker recorded each, in writing as far as anyone can say.
UPDATE "Consent" SET "method" = 'IN_WRITING', "evidence" = 'recorded before provenance';
UPDATE "Consent" SET "revokedBy" = 'unknown (revoked before provenance)' WHERE "revokedAt" IS NOT NULL;
ALTER TABLE "Consent" ALTER COLUMN "method" SET NOT NULL;

-- The citizen gives DIGITAL consents themself, and a caseworker records every other method, on evidence.
ALTER TABLE "Consent" ADD CONSTRAINT "Consent_provenance_check" CHECK (
  ("method" = 'DIGITAL') = ("recordedById" IS NULL)
  AND ("method" = 'DIGITAL' OR "evidence" IS NOT NULL)
  AND ("evidence" IS NULL OR "evidence" <> '')
);

-- A revocation names who revoked.
ALTER TABLE "Consent" ADD CONSTRAINT "Consent_revocation_check" CHECK (("revokedAt" IS NULL) = ("revokedBy" IS NULL));

-- AddForeignKey
ALTER TABLE "Consent" ADD CONSTRAINT "Consent_recordedById_fkey" FOREIGN KEY ("recordedById") REFERENCES "Caseworker"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
