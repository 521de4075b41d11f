-- CreateTable
CREATE TABLE "FeatureLifecycle" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "projectId" TEXT NOT NULL,
    "viewName" TEXT NOT NULL,
    "feature" TEXT NOT NULL,
    "lifecycle" TEXT NOT NULL DEFAULT 'active',
    "deprecationReason" TEXT,
    "replacement" TEXT,
    "sunsetAt" DATETIME,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "FeatureLifecycle_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DeprecationNotice" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "projectId" TEXT NOT NULL,
    "targetKind" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "reason" TEXT,
    "replacement" TEXT,
    "sunsetAt" DATETIME,
    "subjectKind" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "owner" TEXT NOT NULL DEFAULT '',
    "actor" TEXT NOT NULL,
    "acknowledgedBy" TEXT,
    "acknowledgedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "DeprecationNotice_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_FeatureService" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "projectId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "owner" TEXT NOT NULL DEFAULT '',
    "tags" TEXT NOT NULL DEFAULT '{}',
    "origin" TEXT NOT NULL DEFAULT 'code',
    "version" INTEGER NOT NULL DEFAULT 1,
    "lifecycle" TEXT NOT NULL DEFAULT 'active',
    "spec" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "deprecationReason" TEXT,
    "replacement" TEXT,
    "sunsetAt" DATETIME,
    "builtFrom" TEXT NOT NULL DEFAULT '{}',
    CONSTRAINT "FeatureService_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_FeatureService" ("createdAt", "description", "id", "lifecycle", "name", "origin", "owner", "projectId", "spec", "tags", "updatedAt", "version") SELECT "createdAt", "description", "id", "lifecycle", "name", "origin", "owner", "projectId", "spec", "tags", "updatedAt", "version" FROM "FeatureService";
DROP TABLE "FeatureService";
ALTER TABLE "new_FeatureService" RENAME TO "FeatureService";
CREATE UNIQUE INDEX "FeatureService_projectId_name_key" ON "FeatureService"("projectId", "name");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "FeatureLifecycle_projectId_viewName_feature_key" ON "FeatureLifecycle"("projectId", "viewName", "feature");

-- CreateIndex
CREATE INDEX "DeprecationNotice_projectId_acknowledgedAt_idx" ON "DeprecationNotice"("projectId", "acknowledgedAt");

-- CreateIndex
CREATE INDEX "DeprecationNotice_projectId_targetKind_target_idx" ON "DeprecationNotice"("projectId", "targetKind", "target");

