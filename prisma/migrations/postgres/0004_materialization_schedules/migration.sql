-- CreateTable
CREATE TABLE "MaterializationSchedule" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "views" TEXT NOT NULL DEFAULT '[]',
    "intervalSeconds" INTEGER NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "nextRunAt" TIMESTAMP(3) NOT NULL,
    "lastRunAt" TIMESTAMP(3),
    "lastJobId" TEXT,
    "lastStatus" TEXT,
    "lastError" TEXT,
    "leaseOwner" TEXT,
    "leaseUntil" TIMESTAMP(3),
    "createdBy" TEXT NOT NULL DEFAULT '',
    "updatedBy" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MaterializationSchedule_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "MaterializationSchedule_enabled_nextRunAt_idx" ON "MaterializationSchedule"("enabled", "nextRunAt");

-- CreateIndex
CREATE UNIQUE INDEX "MaterializationSchedule_projectId_name_key" ON "MaterializationSchedule"("projectId", "name");

-- AddForeignKey
ALTER TABLE "MaterializationSchedule" ADD CONSTRAINT "MaterializationSchedule_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

