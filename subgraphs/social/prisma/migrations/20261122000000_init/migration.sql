-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Department" AS ENUM ('EMPLOYMENT', 'SOCIAL', 'HEALTH', 'COORDINATION');

-- CreateEnum
CREATE TYPE "DataCategory" AS ENUM ('PLAN', 'EMPLOYMENT_STATUS', 'EMPLOYMENT_ACTIVITIES', 'SOCIAL_MEASURES', 'HEALTH_SERVICES', 'HEALTH_CONDITIONS');

-- CreateEnum
CREATE TYPE "AccessDecision" AS ENUM ('ALLOWED', 'DENIED');

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

-- CreateTable
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

-- CreateIndex
CREATE INDEX "SocialMeasure_citizenId_startsOn_idx" ON "SocialMeasure"("citizenId", "startsOn");

-- CreateIndex
CREATE INDEX "AccessEvent_citizenId_at_idx" ON "AccessEvent"("citizenId", "at" DESC);

