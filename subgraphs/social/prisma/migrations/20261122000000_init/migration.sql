-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "SocialMeasure" (
    "id" UUID NOT NULL,
    "citizenId" UUID NOT NULL,
    "legalBasis" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "startsOn" DATE NOT NULL,
    "endsOn" DATE,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SocialMeasure_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SocialMeasure_citizenId_startsOn_idx" ON "SocialMeasure"("citizenId", "startsOn");

