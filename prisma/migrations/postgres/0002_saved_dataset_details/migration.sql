-- AlterTable
ALTER TABLE "SavedDataset" ADD COLUMN     "columns" TEXT NOT NULL DEFAULT '[]',
ADD COLUMN     "entitySource" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "featureService" TEXT,
ADD COLUMN     "format" TEXT NOT NULL DEFAULT 'parquet',
ADD COLUMN     "tags" TEXT NOT NULL DEFAULT '{}';

