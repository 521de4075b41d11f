-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_SavedDataset" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "projectId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "features" TEXT NOT NULL,
    "featureService" TEXT,
    "columns" TEXT NOT NULL DEFAULT '[]',
    "rowCount" INTEGER NOT NULL,
    "minTs" DATETIME,
    "maxTs" DATETIME,
    "location" TEXT NOT NULL,
    "format" TEXT NOT NULL DEFAULT 'parquet',
    "entitySource" TEXT NOT NULL DEFAULT '',
    "tags" TEXT NOT NULL DEFAULT '{}',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "SavedDataset_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_SavedDataset" ("createdAt", "features", "id", "location", "maxTs", "minTs", "name", "projectId", "rowCount") SELECT "createdAt", "features", "id", "location", "maxTs", "minTs", "name", "projectId", "rowCount" FROM "SavedDataset";
DROP TABLE "SavedDataset";
ALTER TABLE "new_SavedDataset" RENAME TO "SavedDataset";
CREATE UNIQUE INDEX "SavedDataset_projectId_name_key" ON "SavedDataset"("projectId", "name");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

