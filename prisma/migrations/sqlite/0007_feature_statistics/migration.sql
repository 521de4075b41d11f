-- CreateTable
CREATE TABLE "FeatureStatistics" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "projectId" TEXT NOT NULL,
    "viewName" TEXT NOT NULL,
    "featureName" TEXT NOT NULL,
    "dtype" TEXT NOT NULL,
    "subject" TEXT NOT NULL DEFAULT 'source',
    "datasetName" TEXT,
    "windowStart" DATETIME,
    "windowEnd" DATETIME,
    "trigger" TEXT NOT NULL DEFAULT 'on-demand',
    "jobId" TEXT,
    "rowCount" INTEGER NOT NULL,
    "nullCount" INTEGER NOT NULL,
    "nullRatio" REAL NOT NULL,
    "distinctCount" INTEGER NOT NULL,
    "distinctApprox" BOOLEAN NOT NULL DEFAULT false,
    "min" REAL,
    "max" REAL,
    "mean" REAL,
    "stddev" REAL,
    "histogram" TEXT NOT NULL DEFAULT '[]',
    "topValues" TEXT NOT NULL DEFAULT '[]',
    "newestEventTs" DATETIME,
    "computedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "FeatureStatistics_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ConsumerRollup" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "projectId" TEXT NOT NULL,
    "consumer" TEXT NOT NULL,
    "bucket" DATETIME NOT NULL,
    "requests" INTEGER NOT NULL DEFAULT 0,
    "entityRows" INTEGER NOT NULL DEFAULT 0,
    "errors" INTEGER NOT NULL DEFAULT 0,
    "totalLatencyMs" REAL NOT NULL DEFAULT 0,
    "latencyBuckets" TEXT NOT NULL DEFAULT '{}',
    CONSTRAINT "ConsumerRollup_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "FeatureStatistics_projectId_viewName_featureName_computedAt_idx" ON "FeatureStatistics"("projectId", "viewName", "featureName", "computedAt");

-- CreateIndex
CREATE INDEX "FeatureStatistics_projectId_datasetName_idx" ON "FeatureStatistics"("projectId", "datasetName");

-- CreateIndex
CREATE UNIQUE INDEX "ConsumerRollup_projectId_consumer_bucket_key" ON "ConsumerRollup"("projectId", "consumer", "bucket");

