-- AlterTable
ALTER TABLE "MaterializationJob" ADD COLUMN "heartbeatAt" DATETIME;

-- CreateIndex
CREATE INDEX "MaterializationJob_status_idx" ON "MaterializationJob"("status");

