-- Efforts under goals: the goal of the citizen's plan a health service serves, if any.
-- AlterTable
ALTER TABLE "HealthService" ADD COLUMN "goalId" UUID;

-- CreateIndex
CREATE INDEX "HealthService_goalId_idx" ON "HealthService"("goalId");
