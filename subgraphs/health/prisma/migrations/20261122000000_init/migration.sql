-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "HealthService" (
    "id" UUID NOT NULL,
    "citizenId" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "legalBasis" TEXT,
    "description" TEXT NOT NULL,
    "startsOn" DATE NOT NULL,
    "endsOn" DATE,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "HealthService_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "HealthCondition" (
    "id" UUID NOT NULL,
    "citizenId" UUID NOT NULL,
    "description" TEXT NOT NULL,
    "since" DATE,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "HealthCondition_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "HealthService_citizenId_startsOn_idx" ON "HealthService"("citizenId", "startsOn");

-- CreateIndex
CREATE INDEX "HealthCondition_citizenId_since_idx" ON "HealthCondition"("citizenId", "since");

