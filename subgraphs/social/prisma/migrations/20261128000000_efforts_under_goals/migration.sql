-- Efforts under goals: the goal of the citizen's plan a measure serves, if any.
-- AlterTable
ALTER TABLE "SocialMeasure" ADD COLUMN "goalId" UUID;

-- CreateIndex
CREATE INDEX "SocialMeasure_goalId_idx" ON "SocialMeasure"("goalId");
