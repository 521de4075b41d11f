export * from "./catalog-repository";
export {
  type DefinitionSourceInput,
  type DefinitionSourceRecord,
  DefinitionSourceRepository,
} from "./definition-source-repository";
export {
  type UsageDelta,
  type UsageFeatureTotal,
  type UsageMinute,
  type UsageRange,
  UsageRepository,
  type UsageRow,
} from "./usage-repository";
export { openPrisma, type PrismaRegistryClient, type RegistryLocation } from "./client";
export { RegistryDbError } from "./errors";
export { type AcknowledgeOutcome, GovernanceRepository, type NoticeFilter } from "./governance-repository";
export { type AuditRecord, HistoryRepository, type VersionRecord } from "./history-repository";
export {
  type IntervalRecord,
  type JobMode,
  type JobRecord,
  type JobStatus,
  type JobUpdate,
  MaterializationRepository,
} from "./materialization-repository";
export type * from "./records";
export { OBJECT_KIND_NAMES, RegistryRepository } from "./registry-repository";
export type { ProjectSpecs } from "./sqlite-spec-reader";
export {
  type ScheduleAudit,
  type ScheduleChange,
  type ScheduleRecord,
  ScheduleRepository,
  type ScheduleRunOutcome,
} from "./schedule-repository";
export {
  type ConsumerMetricsDelta,
  type FeatureStatisticsInput,
  type FeatureStatisticsRecord,
  StatisticsRepository,
} from "./statistics-repository";
export {
  type SaveDatasetOutcome,
  type SavedDatasetInput,
  type SavedDatasetRecord,
  SavedDatasetRepository,
} from "./saved-dataset-repository";

import { CatalogRepository } from "./catalog-repository";
import { DefinitionSourceRepository } from "./definition-source-repository";
import { UsageRepository } from "./usage-repository";
import { openPrisma, type RegistryLocation } from "./client";
import { GovernanceRepository } from "./governance-repository";
import { HistoryRepository } from "./history-repository";
import { MaterializationRepository } from "./materialization-repository";
import { RegistryRepository } from "./registry-repository";
import { SavedDatasetRepository } from "./saved-dataset-repository";
import { SqliteSpecReader } from "./sqlite-spec-reader";
import { ScheduleRepository } from "./schedule-repository";
import { StatisticsRepository } from "./statistics-repository";

/** All repositories over one connection. */
export interface RegistryDb {
  objects: RegistryRepository;
  materialization: MaterializationRepository;
  history: HistoryRepository;
  /** Read-side queries of the console (snapshots for search, audit pages, counts). */
  catalog: CatalogRepository;
  usage: UsageRepository;
  /** Named retrieval results (get-historical-features --save-as). */
  datasets: SavedDatasetRepository;
  /** Materialization schedules and their leases. */
  schedules: ScheduleRepository;
  /** Where a Feast repo's Python defines each object. */
  definitionSources: DefinitionSourceRepository;
  /** Feature statistics and per-consumer request metrics. */
  statistics: StatisticsRepository;
  /** Feature lifecycles and deprecation notices. */
  governance: GovernanceRepository;
  close(): Promise<void>;
}

export async function openRegistryDb(location: RegistryLocation): Promise<RegistryDb> {
  const prisma = await openPrisma(location);
  const specReader = location.type === "sqlite" ? new SqliteSpecReader(location.path) : null;
  return {
    objects: new RegistryRepository(prisma, specReader),
    materialization: new MaterializationRepository(prisma),
    history: new HistoryRepository(prisma),
    catalog: new CatalogRepository(prisma),
    usage: new UsageRepository(prisma),
    datasets: new SavedDatasetRepository(prisma),
    schedules: new ScheduleRepository(prisma),
    definitionSources: new DefinitionSourceRepository(prisma),
    statistics: new StatisticsRepository(prisma),
    governance: new GovernanceRepository(prisma),
    close: () => {
      specReader?.close();
      return prisma.$disconnect();
    },
  };
}
