-- CreateTable
CREATE TABLE "FeatureStatistics" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "viewName" TEXT NOT NULL,
    "featureName" TEXT NOT NULL,
    "dtype" TEXT NOT NULL,
    "subject" TEXT NOT NULL DEFAULT 'source',
    "datasetName" TEXT,
    "windowStart" TIMESTAMP(3),
    "windowEnd" TIMESTAMP(3),
    "trigger" TEXT NOT NULL DEFAULT 'on-demand',
    "jobId" TEXT,
    "rowCount" INTEGER NOT NULL,
    "nullCount" INTEGER NOT NULL,
    "nullRatio" DOUBLE PRECISION NOT NULL,
    "distinctCount" INTEGER NOT NULL,
    "distinctApprox" BOOLEAN NOT NULL DEFAULT false,
    "min" DOUBLE PRECISION,
    "max" DOUBLE PRECISION,
    "mean" DOUBLE PRECISION,
    "stddev" DOUBLE PRECISION,
    "histogram" TEXT NOT NULL DEFAULT '[]',
    "topValues" TEXT NOT NULL DEFAULT '[]',
    "newestEventTs" TIMESTAMP(3),
    "computedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FeatureStatistics_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConsumerRollup" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "consumer" TEXT NOT NULL,
    "bucket" TIMESTAMP(3) NOT NULL,
    "requests" INTEGER NOT NULL DEFAULT 0,
    "entityRows" INTEGER NOT NULL DEFAULT 0,
    "errors" INTEGER NOT NULL DEFAULT 0,
    "totalLatencyMs" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "latencyBuckets" TEXT NOT NULL DEFAULT '{}',

    CONSTRAINT "ConsumerRollup_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "FeatureStatistics_projectId_viewName_featureName_computedAt_idx" ON "FeatureStatistics"("projectId", "viewName", "featureName", "computedAt");

-- CreateIndex
CREATE INDEX "FeatureStatistics_projectId_datasetName_idx" ON "FeatureStatistics"("projectId", "datasetName");

-- CreateIndex
CREATE UNIQUE INDEX "ConsumerRollup_projectId_consumer_bucket_key" ON "ConsumerRollup"("projectId", "consumer", "bucket");

-- AddForeignKey
ALTER TABLE "FeatureStatistics" ADD CONSTRAINT "FeatureStatistics_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConsumerRollup" ADD CONSTRAINT "ConsumerRollup_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

