-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "JobReadiness" AS ENUM ('JOB_READY', 'ACTIVITY_READY');

-- CreateTable
CREATE TABLE "EmploymentStatus" (
    "citizenId" UUID NOT NULL,
    "targetGroup" TEXT NOT NULL,
    "benefit" TEXT,
    "jobReadiness" "JobReadiness" NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "EmploymentStatus_pkey" PRIMARY KEY ("citizenId")
);

-- CreateTable
CREATE TABLE "EmploymentActivity" (
    "id" UUID NOT NULL,
    "citizenId" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "description" TEXT,
    "startsOn" DATE NOT NULL,
    "endsOn" DATE,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EmploymentActivity_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "EmploymentActivity_citizenId_startsOn_idx" ON "EmploymentActivity"("citizenId", "startsOn");

