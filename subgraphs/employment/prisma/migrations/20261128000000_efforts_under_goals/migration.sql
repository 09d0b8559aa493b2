-- Efforts under goals: the goal of the citizen's plan an activity serves, if any.
-- AlterTable
ALTER TABLE "EmploymentActivity" ADD COLUMN "goalId" UUID;

-- CreateIndex
CREATE INDEX "EmploymentActivity_goalId_idx" ON "EmploymentActivity"("goalId");
