-- AlterTable
ALTER TABLE "OnDemandFeatureView" ADD COLUMN     "deprecationReason" TEXT,
ADD COLUMN     "replacement" TEXT,
ADD COLUMN     "sunsetAt" TIMESTAMP(3);

