-- AlterTable
ALTER TABLE "OnDemandFeatureView" ADD COLUMN "deprecationReason" TEXT;
ALTER TABLE "OnDemandFeatureView" ADD COLUMN "replacement" TEXT;
ALTER TABLE "OnDemandFeatureView" ADD COLUMN "sunsetAt" DATETIME;

