-- AlterTable
ALTER TABLE "MaterializationJob" ADD COLUMN     "heartbeatAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "MaterializationJob_status_idx" ON "MaterializationJob"("status");

