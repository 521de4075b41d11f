/**
 * The registry's stores as the engine uses them, named once. packages/db implements each with one
 * repository over the project's database; `Registry` hands them out (its database handle is
 * private, so nothing outside the registry adapter reaches Prisma's repositories any other way).
 */
import type {
  CatalogRepository,
  GovernanceRepository,
  HistoryRepository,
  MaterializationRepository,
  RegistryRepository,
  SavedDatasetRepository,
  ScheduleRepository,
  StatisticsRepository,
  UsageRepository,
} from "@pantry/db";

/** Projects and object rows (specs as stored), applies and deletes. */
export type ObjectStore = RegistryRepository;
/** Materialization jobs and intervals (the MaterializationRegistry port of materialization/ is a part of it). */
export type JobStore = MaterializationRepository;
/** Materialization schedules and their leases. */
export type ScheduleStore = ScheduleRepository;
/** Usage rollups written by serving, read by the usage and lifecycle reports. */
export type UsageStore = UsageRepository;
/** Saved datasets (get-historical-features --save-as). */
export type DatasetStore = SavedDatasetRepository;
/** The console's read-side queries: snapshots for the catalog index, audit pages, counts. */
export type CatalogStore = CatalogRepository;
/** Object versions and the audit log. */
export type HistoryStore = HistoryRepository;
/** Feature statistics (sources and saved datasets) and per-consumer request metrics. */
export type StatisticsStore = StatisticsRepository;
/** Feature lifecycles and deprecation notices. */
export type GovernanceStore = GovernanceRepository;
