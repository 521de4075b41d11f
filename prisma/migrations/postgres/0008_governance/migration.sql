-- AlterTable
ALTER TABLE "FeatureService" ADD COLUMN     "builtFrom" TEXT NOT NULL DEFAULT '{}',
ADD COLUMN     "deprecationReason" TEXT,
ADD COLUMN     "replacement" TEXT,
ADD COLUMN     "sunsetAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "FeatureLifecycle" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "viewName" TEXT NOT NULL,
    "feature" TEXT NOT NULL,
    "lifecycle" TEXT NOT NULL DEFAULT 'active',
    "deprecationReason" TEXT,
    "replacement" TEXT,
    "sunsetAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "FeatureLifecycle_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DeprecationNotice" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "targetKind" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "reason" TEXT,
    "replacement" TEXT,
    "sunsetAt" TIMESTAMP(3),
    "subjectKind" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "owner" TEXT NOT NULL DEFAULT '',
    "actor" TEXT NOT NULL,
    "acknowledgedBy" TEXT,
    "acknowledgedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DeprecationNotice_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "FeatureLifecycle_projectId_viewName_feature_key" ON "FeatureLifecycle"("projectId", "viewName", "feature");

-- CreateIndex
CREATE INDEX "DeprecationNotice_projectId_acknowledgedAt_idx" ON "DeprecationNotice"("projectId", "acknowledgedAt");

-- CreateIndex
CREATE INDEX "DeprecationNotice_projectId_targetKind_target_idx" ON "DeprecationNotice"("projectId", "targetKind", "target");

-- AddForeignKey
ALTER TABLE "FeatureLifecycle" ADD CONSTRAINT "FeatureLifecycle_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeprecationNotice" ADD CONSTRAINT "DeprecationNotice_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

