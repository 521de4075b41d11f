/**
 * FeatureStore: the engine's front door for one feature repo (or one project of a registry), and
 * the one place that wires a project: its registry (shared per location, reference-counted), its
 * offline and online stores, online serving with usage recording, and the materialization context.
 * The SDK, the CLI, the feature server (through `pantry serve`) and the console's API (through the
 * Workspace) all get a project this way; `close()` releases everything it opened.
 */
import { currentActor } from "./actor";
import { authorize } from "./auth/policy";
import type { Principal } from "./auth/roles";
import { confinePath, type PathPolicy, pathPolicyOf } from "./config/allowed-paths";
import { checkProjectName, loadRepoConfig, type RepoConfig } from "./config/repo-config";
import type { ObjectKind, ProjectSpec, RegistryObjectSpec, RepoContents } from "./definitions/types";
import { objectsOf } from "./definitions/types";
import { resolve as resolvePath } from "node:path";
import { PantryError } from "./errors";
import { decodeFeastRegistryWithNotes, inferEntityValueTypes } from "./feast-import";
import { type FeastProjectJson, feastProjectJsonOf } from "./feast-rest/read";
import {
  type MaterializationContext,
  type MaterializationJobRecord,
  type MaterializationProgress,
  type MaterializationResult,
  type MaterializationWindowPlan,
  type MaterializationWindowRequest,
  materialize,
  materializeIncremental,
  planMaterializationWindows,
  type MaterializationWorkerEvent,
  type RunningMaterializationWorker,
  startMaterializationWorker,
} from "./materialization/index";
import { createOfflineStore } from "./offline";
import { resolveFeatureRequests } from "./offline/resolve-requests";
import type { EntityDfInput, OfflineStore, RetrievalJob, RetrievalProgress, SourceColumn } from "./offline/types";
import { CachedOnlineStore } from "./online/cached-online-store";
import { createOnlineStore } from "./online/index";
import type { OnlineStore } from "./online/types";
import { OnlineServing, type OnlineServingOptions, servingRegistryFrom } from "./serving/index";
import type { OnlineFeaturesResponse } from "./serving/response";
import { type ApplyResult, applyPlanned, type PlannedChange, planChanges } from "./registry/apply";
import { Registry } from "./registry/registry";
import { label, type LoadedRepo, loadRepo } from "./repo/load-repo";
import { checkSourceAccess } from "./repo/source-access";
import {
  deprecateView,
  type LifecycleImpact,
  lifecycleImpact,
  type LifecycleTarget,
  type LifecycleTransition,
  type LifecycleViewKind,
  reactivateView,
  retireView,
} from "./lifecycle/index";
import {
  type CreateSavedDatasetOptions,
  deleteDataset,
  getDatasetOrThrow,
  listDatasets,
  type SavedDataset,
  type SavedDatasetResult,
  saveDataset,
} from "./datasets/index";

import {
  computeDatasetStatistics,
  computeViewStatistics,
  type FeatureStatistics,
  latestStatistics,
} from "./statistics/index";

import { describeModel, listModels, type ModelDetail, type ModelSummary } from "./models/index";
import type { UsageRange } from "./usage/types";

/** Options every lifecycle call takes: the view's kind (default: either) and who acts. */
export interface LifecycleCallOptions {
  kind?: LifecycleViewKind;
  actor?: string;
}

/** Console and API edits: objects to upsert, objects to delete, and which upserts must be new. */
export interface ObjectEdit {
  upserts: RegistryObjectSpec[];
  deletions?: { kind: ObjectKind; name: string }[];
  /** Upserts that are creates: if one exists by the time it is planned, the edit is a CONFLICT. */
  creates?: { kind: ObjectKind; name: string }[];
  /**
   * The version each edited object had when the user opened it: one that moved since is a
   * CONFLICT; the write is conditional on it too (the plan's base version), so nothing can slip in
   * between this check and the write.
   */
  baseVersions?: { kind: ObjectKind; name: string; version: number }[];
}

export interface FeatureStoreOptions {
  /** The feature repo folder (holding feature_store.yaml). Default: the working directory. */
  repoPath?: string;
  /** An explicit feature_store.yaml (Feast's -f). */
  configPath?: string;
  /** Use this config instead of reading one (the console builds stores for known projects). */
  config?: RepoConfig;
}

export interface MaterializeOptions {
  views?: string[];
  signal?: AbortSignal;
  onProgress?: (progress: MaterializationProgress) => void;
  trigger?: string;
  /** Called once the job record exists, before any row is read (the console returns the id at once). */
  onJobCreated?: (jobId: string) => void;
  /** Rows per batch read from the offline store (default 10,000). */
  batchSize?: number;
}

/** How a long-running process serves a project (the feature server): the registry is polled for changes. */
export interface OpenServingOptions {
  refreshIntervalMs?: number;
  /** SDK use: a process warning once per deprecated view served. */
  warnOnDeprecated?: boolean;
}

/**
 * What the feature server needs of a project: FeatureStore is one (the CLI's `pantry serve`);
 * tests assemble one from parts (@pantry/core/testing `servableFromParts`).
 */
export interface ServableProject {
  readonly project: string;
  /** The repo folder: error messages may show paths inside it (others are redacted). */
  readonly repoPath?: string;
  openServing(options?: OpenServingOptions): Promise<OnlineServing>;
  /** Absent: /materialize answers that this server cannot materialize the project. */
  materializationContext?(): Promise<MaterializationContext>;
  /** The project in Feast's registry JSON (the REST registry contract); absent: not listed there. */
  feastProjectJson?(): Promise<FeastProjectJson>;
}

export class FeatureStore implements ServableProject {
  readonly config: RepoConfig;
  private registryPromise: Promise<Registry> | null = null;
  private offline: OfflineStore | null = null;
  private online: OnlineStore | null = null;
  /** The servings' read cache over `online`, when `online_store.cache` is set (one per store). */
  private cachedOnline: CachedOnlineStore | null = null;
  private sdkServing: Promise<OnlineServing> | null = null;
  private readonly servings = new Set<Promise<OnlineServing>>();

  constructor(options: FeatureStoreOptions = {}) {
    this.config = options.config ?? loadRepoConfig(options);
  }

  get project(): string {
    return this.config.project;
  }

  get repoPath(): string {
    return this.config.repoPath;
  }

  /** The project's registry, shared with every store on the same location; held until close(). */
  registry(): Promise<Registry> {
    if (!this.registryPromise) {
      const acquired = Registry.acquire(this.config.registry);
      acquired.catch(() => {
        if (this.registryPromise === acquired) this.registryPromise = null;
      });
      this.registryPromise = acquired;
    }
    return this.registryPromise;
  }

  offlineStore(): OfflineStore {
    const store = this.offline ?? createOfflineStore(this.config);
    this.offline = store;
    return store;
  }

  describeSource = (source: Parameters<OfflineStore["describeSource"]>[0]): Promise<SourceColumn[]> =>
    this.offlineStore().describeSource(source);

  /** The files this store may read and write: the repo folder and offline_store.allowed_paths. */
  get pathPolicy(): PathPolicy {
    return pathPolicyOf(this.config);
  }

  /** What `apply` would change, validated (nothing is written). */
  async plan(): Promise<PlannedChange> {
    return (await this.planRepo()).planned;
  }

  private async planRepo(): Promise<{ planned: PlannedChange; repo: LoadedRepo }> {
    const repo = await loadRepo({ configPath: this.config.configPath });
    checkSourceAccess(objectsOf(repo.contents), this.pathPolicy);
    const planned = await planChanges(await this.registry(), {
      project: this.projectSpec(),
      desired: objectsOf(repo.contents),
      origin: "code",
      mode: "replace",
      describeSource: this.describeSource,
    });
    return { planned, repo };
  }

  async apply(options: { actor?: string } = {}): Promise<ApplyResult> {
    const { planned, repo } = await this.planRepo();
    const warnings = await this.clearStaleOnlineRows(planned);
    const result = await applyPlanned(await this.registry(), planned, {
      project: this.projectSpec(),
      origin: "code",
      actor: options.actor ?? currentActor(),
      action: "apply",
      repoPath: this.config.repoPath,
      summaryPrefix: `apply from ${this.config.repoPath}`,
    });
    result.warnings.push(...warnings);
    await this.removeOnlineDataOfDeletedViews(result);
    // Which objects a Feast repo's Python defines, and where: none after an apply from TypeScript.
    if (result.plan.conflicts.length > 0) return result;
    await (await this.registry()).definitionSources.replace(
      this.project,
      [...repo.pythonSources].map(([key, source]) => {
        const [kind = "", ...name] = key.split(":");
        return { kind, name: name.join(":"), language: "python", ...source };
      }),
    );
    return result;
  }

  /** Where the repo's Python defines an object, when its repo is a Feast repo in Python. */
  async definitionSource(kind: ObjectKind, name: string, project = this.project) {
    return (await this.registry()).definitionSources.find(project, kind, name);
  }

  /**
   * A deleted view's online rows would be served by a later view of the same name: remove them,
   * whatever deleted it (apply, a console edit, an import).
   */
  private async removeOnlineDataOfDeletedViews(result: ApplyResult, project = this.project): Promise<void> {
    const deleted = result.plan.items.filter((i) => i.kind === "featureView" && i.action === "delete");
    if (!result.applied || deleted.length === 0) return;
    for (const item of deleted) {
      try {
        await this.onlineStore().deleteView(project, item.name);
      } catch (error) {
        result.warnings.push(
          `feature view '${item.name}' was removed from the registry, but its online data could not be deleted: ${(error as Error).message}`,
        );
      }
    }
  }

  /**
   * A view created under a name that has no view yet must start empty online: rows left by an
   * earlier view of that name (a delete whose online clean-up failed or was cut by a crash) are
   * removed before the view exists, so nothing can be writing them.
   */
  private async clearStaleOnlineRows(planned: PlannedChange, project = this.project): Promise<string[]> {
    const created = planned.plan.items.filter((i) => i.kind === "featureView" && i.action === "create");
    const warnings: string[] = [];
    for (const item of created) {
      try {
        // Both stores write a view's newest-event meta with its rows and remove it last on delete,
        // so no meta means no rows: a cheap check before a delete that scans the keys (Redis).
        if ((await this.onlineStore().newestEventTimestamp(project, item.name)) === null) continue;
        await this.onlineStore().deleteView(project, item.name);
      } catch (error) {
        warnings.push(
          `feature view '${item.name}': the online store could not be cleared of rows an earlier view of that name may have left: ${(error as Error).message}`,
        );
      }
    }
    return warnings;
  }

  /** Console and API edits: upsert some objects and/or delete some, leaving the rest alone. */
  async planEdit(edit: ObjectEdit) {
    checkSourceAccess(edit.upserts, this.pathPolicy);
    const planned = await planChanges(await this.registry(), {
      project: await this.existingProjectSpec(),
      desired: edit.upserts,
      origin: "console",
      mode: "upsert",
      deletions: edit.deletions,
      describeSource: this.describeSource,
    });
    // A create must stay a create: an object of that name that appeared meanwhile (another
    // request) is a conflict, never silently updated.
    for (const wanted of edit.creates ?? []) {
      const planItem = planned.plan.items.find((i) => i.kind === wanted.kind && i.name === wanted.name);
      if (planItem && planItem.action !== "create") {
        throw new PantryError(
          "CONFLICT",
          `${label(wanted.kind)} '${wanted.name}' already exists in project '${this.project}'; pick another name or edit that one`,
          { field: "name" },
        );
      }
    }
    for (const wanted of edit.baseVersions ?? []) {
      const planItem = planned.plan.items.find((i) => i.kind === wanted.kind && i.name === wanted.name);
      // Saving what is already there overwrites nothing, whatever version it was opened at.
      if (planItem?.action === "unchanged") continue;
      const current = planItem?.baseVersion ?? null;
      if (current !== wanted.version) {
        const now = current === null ? "was deleted" : `is now at version ${current}`;
        throw new PantryError(
          "CONFLICT",
          `${label(wanted.kind)} '${wanted.name}' in project '${this.project}' ${now}: it changed since you opened version ${wanted.version} (another edit or an apply); nothing was written: reload it and make your change again`,
          { kind: wanted.kind, name: wanted.name, version: current },
        );
      }
    }
    return planned;
  }

  async applyEdit(edit: ObjectEdit, options: { actor: string }): Promise<ApplyResult> {
    const planned = await this.planEdit(edit);
    const warnings = await this.clearStaleOnlineRows(planned);
    const result = await applyPlanned(await this.registry(), planned, {
      project: await this.existingProjectSpec(),
      origin: "console",
      actor: options.actor,
      action: "console-edit",
      repoPath: null,
      summaryPrefix: "edit in the console",
    });
    result.warnings.push(...warnings);
    await this.removeOnlineDataOfDeletedViews(result);
    return result;
  }

  /** Removes the project from the registry and its data from the online store. */
  async teardown(options: { actor?: string } = {}): Promise<boolean> {
    const registry = await this.registry();
    const removed = await registry.objects.deleteProject(this.project, options.actor ?? currentActor());
    await this.onlineStore().deleteProject(this.project);
    return removed;
  }

  async contents(project = this.project): Promise<RepoContents> {
    return (await this.registry()).getContents(project);
  }

  /**
   * Imports a Feast registry file into this store's registry under Feast's project name(s).
   * Sources are not checked against files (their paths point at Feast's machines), but a file
   * path must still be one this repo may read and a query source one statement.
   *
   * Every project is planned before any is written. Objects defined in code or the console are
   * never replaced: they are conflicts, and an import with conflicts changes nothing (CONFLICT,
   * listing them). Replacing or deleting objects an earlier import made needs `principal` to have
   * the admin role (without one, as from the CLI, the caller is trusted).
   */
  async importFeast(
    bytes: Uint8Array,
    options: { actor?: string; principal?: Principal } = {},
  ): Promise<{ project: string; result: ApplyResult }[]> {
    const { projects: read, notes } = decodeFeastRegistryWithNotes(bytes);
    const decoded = read.map(inferEntityValueTypes);
    if (decoded.length === 0) throw new PantryError("INVALID_ARGUMENT", "the Feast registry holds no project");
    const registry = await this.registry();
    const plans: { contents: RepoContents; planned: PlannedChange }[] = [];
    for (const contents of decoded) {
      checkProjectName(contents.project.name, "the Feast registry");
      checkSourceAccess(objectsOf(contents), this.pathPolicy, { keepUrls: true });
      const planned = await planChanges(registry, {
        project: contents.project,
        desired: objectsOf(contents),
        origin: "import",
        mode: "replace",
        describeSource: null,
      });
      plans.push({ contents, planned });
    }
    const conflicts = plans.flatMap(({ contents, planned }) =>
      planned.plan.conflicts.map((c) => `project '${contents.project.name}': ${c.message}`),
    );
    if (conflicts.length > 0) {
      throw new PantryError(
        "CONFLICT",
        `The Feast registry would replace objects defined in code or the console; nothing was imported:\n${conflicts.map((c) => `  - ${c}`).join("\n")}`,
        { problems: conflicts, conflicts: plans.flatMap(({ planned }) => planned.plan.conflicts) },
      );
    }
    if (options.principal) {
      for (const { contents, planned } of plans) {
        const replaced = planned.plan.items.filter((i) => i.action === "update" || i.action === "delete");
        if (replaced.length === 0) continue;
        try {
          authorize(options.principal, "replace_import", contents.project.name);
        } catch (error) {
          const names = replaced.map((i) => `${label(i.kind)} '${i.name}' (${i.action})`).join(", ");
          throw new PantryError(
            "PERMISSION_DENIED",
            `${(error as Error).message}; this import replaces objects an earlier import made: ${names}`,
            { ...(error as PantryError).details, project: contents.project.name },
          );
        }
      }
    }
    const results: { project: string; result: ApplyResult }[] = [];
    for (const { contents, planned } of plans) {
      const warnings = await this.clearStaleOnlineRows(planned, contents.project.name);
      const result = await applyPlanned(registry, planned, {
        project: contents.project,
        origin: "import",
        actor: options.actor ?? currentActor(),
        action: "import-feast",
        repoPath: null,
        summaryPrefix: "import of a Feast registry",
      });
      result.warnings.push(...warnings, ...(notes.get(contents.project.name) ?? []));
      await this.removeOnlineDataOfDeletedViews(result, contents.project.name);
      results.push({ project: contents.project.name, result });
    }
    return results;
  }

  onlineStore(): OnlineStore {
    const store = this.online ?? createOnlineStore(this.config.onlineStore);
    this.online = store;
    return store;
  }

  /**
   * What online serving reads: the online store, behind the in-process cache when
   * `online_store.cache` is set. Writes (push, materialization) may go through either: the
   * cache's entries are versioned by the store's change feed, not by who wrote.
   */
  servingOnlineStore(): OnlineStore {
    const cache = this.config.onlineStore.cache;
    if (!cache) return this.onlineStore();
    this.cachedOnline ??= new CachedOnlineStore(this.onlineStore(), cache);
    return this.cachedOnline;
  }

  /**
   * Point-in-time correct training data: for each entity row, each feature's latest value at or
   * before the row's event_timestamp (within the view's ttl). `features` is a list of
   * "view:feature" refs or the name of a feature service. On-demand features are computed from
   * their inputs as of the same time and from the entity table's columns for request fields.
   */
  async getHistoricalFeatures(options: {
    entityDf: EntityDfInput;
    features: string[] | string;
    fullFeatureNames?: boolean;
    filterByCreatedTimestamp?: boolean;
    onProgress?: (progress: RetrievalProgress) => void;
  }): Promise<RetrievalJob> {
    const offline = this.offlineStore();
    // The registry read and the offline engine's start-up overlap (Prisma waits on its query
    // compiler while DuckDB's library loads): about 80 ms of a small retrieval's 0.7 s.
    const [contents] = await Promise.all([this.contents(), offline.prepare?.()]);
    const { requests, onDemand } = resolveFeatureRequests(contents, options.features);
    return offline.getHistoricalFeatures({
      requests,
      onDemand,
      entityDf: options.entityDf,
      fullFeatureNames: options.fullFeatureNames ?? false,
      filterByCreatedTimestamp: options.filterByCreatedTimestamp ?? false,
      onProgress: options.onProgress,
    });
  }

  /** Loads the latest value per entity with start <= event time <= end into the online store. */
  async materialize(start: Date, end: Date, options: MaterializeOptions = {}): Promise<MaterializationResult> {
    return materialize(await this.materializationContext(), {
      ...options,
      trigger: options.trigger ?? "sdk",
      start,
      end,
    });
  }

  /** Materializes each view from the end of its last interval (first run: now - ttl) to `end`. */
  async materializeIncremental(end: Date, options: MaterializeOptions = {}): Promise<MaterializationResult> {
    return materializeIncremental(await this.materializationContext(), {
      ...options,
      trigger: options.trigger ?? "sdk",
      end,
    });
  }

  /**
   * Online features for real-time inference. `.toDict()` gives Feast's `{ name: [values] }`;
   * the response also carries statuses and event timestamps per feature.
   */
  async getOnlineFeatures(request: {
    features: string[] | string;
    entityRows: Record<string, unknown>[];
    fullFeatureNames?: boolean;
    consumer?: string;
  }): Promise<OnlineFeaturesResponse> {
    this.sdkServing ??= this.openServing({ warnOnDeprecated: true });
    const serving = await this.sdkServing;
    return serving.getOnlineFeatures(request);
  }

  /**
   * Online serving over this project's registry and online store, with reads recorded as usage in
   * the registry (flushed in the background and at close). Each call opens one; close() closes them.
   */
  openServing(options: OpenServingOptions = {}): Promise<OnlineServing> {
    const opening = this.registry().then((registry) => {
      const serving: OnlineServingOptions = {
        project: this.project,
        registry: servingRegistryFrom(registry),
        onlineStore: this.servingOnlineStore(),
        maxEntities: this.config.featureServer.maxEntities,
        outsideMaxAge: this.config.outsideMaxAge,
        writeLimits: {
          maxRows: this.config.featureServer.maxPushRows,
          maxFutureSkewMs: this.config.featureServer.maxEventTimeSkewMs,
        },
        usageSink: {
          recordUsage: (project, rollups) => registry.usage.recordUsage(project, rollups),
          recordConsumerMetrics: (project, metrics) => registry.statistics.recordConsumerMetrics(project, metrics),
        },
        ...options,
      };
      return OnlineServing.open(serving);
    });
    this.servings.add(opening);
    opening.catch(() => this.servings.delete(opening));
    return opening;
  }

  /** What a materialization run needs: the project's specs, both stores and the registry's job records. */
  async materializationContext(): Promise<MaterializationContext> {
    const registry = await this.registry();
    return {
      project: this.project,
      contents: await this.contents(),
      offlineStore: this.offlineStore(),
      onlineStore: this.onlineStore(),
      registry: registry.jobs,
      batchEngine: this.config.batchEngine,
      // Statistics of what each run wrote, over its window (docs/DESIGN.md, "Feature statistics").
      afterRun: async (run) => {
        for (const view of run.views) {
          await this.computeStatistics(view.name, {
            start: view.start,
            end: view.end,
            trigger: "materialization",
            jobId: run.jobId,
          });
        }
      },
      onAfterRunError: (error) => {
        const message = error instanceof Error ? error.message : String(error);
        process.emitWarning(`feature statistics after materialization were not computed: ${message}`);
      },
    };
  }

  /**
   * `pantry worker`: takes this project's materialization partitions from the queue of
   * batch_engine {type: queue} and writes them with this store's offline and online stores.
   */
  async startMaterializationWorker(
    options: { concurrency?: number; onEvent?: (event: MaterializationWorkerEvent) => void } = {},
  ): Promise<RunningMaterializationWorker> {
    const engine = this.config.batchEngine;
    if (engine.type !== "queue") {
      throw new PantryError(
        "FAILED_PRECONDITION",
        `${this.config.configPath}: batch_engine is '${engine.type}', so runs write in the process that starts them and there is nothing for a worker to take; set batch_engine: {type: queue, backend: bullmq, partitions: 16}`,
        { key: "batch_engine.type" },
      );
    }
    const registry = await this.registry();
    await registry.getProjectOrThrow(this.project);
    return startMaterializationWorker({
      project: this.project,
      engine,
      offlineStore: this.offlineStore(),
      onlineStore: this.onlineStore(),
      registry: registry.jobs,
      ...options,
    });
  }

  /**
   * Computes the statistics of a view's features with DuckDB over its offline source (the whole
   * source, or the inclusive event-time window given) and keeps them in the registry.
   */
  async computeStatistics(
    view: string,
    options: {
      start?: Date | null;
      end?: Date | null;
      trigger?: "on-demand" | "materialization";
      jobId?: string | null;
    } = {},
  ): Promise<FeatureStatistics[]> {
    return computeViewStatistics(
      { registry: await this.registry(), offlineStore: this.offlineStore(), project: this.project },
      { view, ...options },
    );
  }

  /** The project's models (consumers seen in usage or named by a service's tags), those needing attention first. */
  async models(): Promise<ModelSummary[]> {
    return listModels({ registry: await this.registry(), onlineStore: this.onlineStore(), project: this.project });
  }

  /** One model: services, features with freshness and lifecycle, request metrics, drift. */
  async describeModel(
    model: string,
    options: { range?: UsageRange; dataset?: string | null } = {},
  ): Promise<ModelDetail> {
    return describeModel(
      { registry: await this.registry(), onlineStore: this.onlineStore(), project: this.project },
      { model, ...options },
    );
  }

  /** The newest stored statistics of the project's features (or of one view's). */
  async statistics(view?: string): Promise<FeatureStatistics[]> {
    return latestStatistics(await this.registry(), { project: this.project, view });
  }

  /** The windows a run would read now (the console's preview), computed by the code the run uses. */
  async planMaterialization(request: MaterializationWindowRequest): Promise<MaterializationWindowPlan> {
    const registry = await this.registry();
    return planMaterializationWindows(
      { project: this.project, contents: await this.contents(), registry: registry.jobs },
      request,
    );
  }

  /**
   * Flags a queued or running job to stop at its next batch. `job` is null when the registry has no
   * such job; `cancelRequested` is false when it had already finished.
   */
  async cancelJob(jobId: string): Promise<{ cancelRequested: boolean; job: MaterializationJobRecord | null }> {
    const registry = await this.registry();
    const cancelRequested = await registry.jobs.requestCancel(jobId);
    return { cancelRequested, job: await registry.jobs.getJob(jobId) };
  }

  /** Jobs a stopped process left running (no heartbeat) are recorded as failed or cancelled. */
  async sweepInterruptedJobs(): Promise<void> {
    await (await this.registry()).sweepInterruptedJobs(this.project);
  }

  /** Closes the servings (flushing usage), both stores, and gives the registry back. */
  async close(): Promise<void> {
    const servings = [...this.servings];
    this.servings.clear();
    this.sdkServing = null;
    for (const serving of servings) await (await serving.catch(() => null))?.close();
    await this.offline?.close();
    this.offline = null;
    await this.cachedOnline?.close();
    this.cachedOnline = null;
    await this.online?.close();
    this.online = null;
    const registry = this.registryPromise;
    this.registryPromise = null;
    await (await registry?.catch(() => null))?.release();
  }

  private projectSpec(): ProjectSpec {
    return { name: this.project, description: "", owner: "", tags: {} };
  }

  private async existingProjectSpec(): Promise<ProjectSpec> {
    return (await this.registry()).getProjectOrThrow(this.project);
  }

  /**
   * Feast's create_saved_dataset: writes the job's result to `path` (.parquet or .csv, atomically)
   * and registers it as `name` with its features, columns, row count and entity-time range.
   * A taken name is a CONFLICT unless `overwrite` is set; the check runs before the job does.
   */
  async createSavedDataset(options: CreateSavedDatasetOptions): Promise<SavedDatasetResult> {
    // Where the file goes is confined like every path a repo uses (relative: to the working folder, as before).
    const path = confinePath(this.pathPolicy, resolvePath(options.path), {
      what: "the saved dataset's file",
      field: "path",
    });
    const registry = await this.registry();
    const saved = await saveDataset(registry, {
      ...options,
      path,
      project: this.project,
      actor: options.actor ?? currentActor(),
    });
    // The dataset keeps the statistics of its features: the training side of the drift check.
    await computeDatasetStatistics({ registry, offlineStore: this.offlineStore(), project: this.project }, saved).catch(
      (error) => {
        const message = error instanceof Error ? error.message : String(error);
        process.emitWarning(`statistics of saved dataset '${saved.name}' were not computed: ${message}`);
      },
    );
    return saved;
  }

  /**
   * The project as Feast's registry JSON: what the REST registry contract serves (Feast's web UI)
   * and `registry-dump --format feast` prints.
   */
  async feastProjectJson(): Promise<FeastProjectJson> {
    return feastProjectJsonOf(await this.registry(), this.project);
  }

  /** This project's saved datasets, newest first. */
  async listSavedDatasets(): Promise<SavedDataset[]> {
    return listDatasets(await this.registry(), this.project);
  }

  /** One saved dataset; NOT_FOUND names the ones that exist. */
  async getSavedDataset(name: string): Promise<SavedDataset> {
    return getDatasetOrThrow(await this.registry(), { project: this.project, name });
  }

  /** Removes the dataset from the registry and returns it; its file is kept. */
  async deleteSavedDataset(name: string, options: { actor?: string } = {}): Promise<SavedDataset> {
    return deleteDataset(await this.registry(), {
      project: this.project,
      name,
      actor: options.actor ?? currentActor(),
    });
  }

  /**
   * Deprecates a feature view or on-demand view: it is still served, with a warning (SDK) and
   * `Deprecation`/`Sunset` headers (feature server). Calling it again updates the details.
   */
  async deprecate(
    view: string,
    options: { reason: string; replacement?: string | null; sunsetAt?: Date | string | null } & LifecycleCallOptions,
  ): Promise<LifecycleTransition> {
    return deprecateView(await this.registry(), { ...this.lifecycleTarget(view, options), ...options });
  }

  /** Stops serving a view (requests for it fail, naming the replacement); an active one needs `force`. */
  async retire(
    view: string,
    options: { force?: boolean; reason?: string | null; replacement?: string | null } & LifecycleCallOptions = {},
  ): Promise<LifecycleTransition> {
    return retireView(await this.registry(), { ...this.lifecycleTarget(view, options), ...options });
  }

  /** Undoes a deprecation or retirement. */
  async reactivate(view: string, options: LifecycleCallOptions = {}): Promise<LifecycleTransition> {
    return reactivateView(await this.registry(), this.lifecycleTarget(view, options));
  }

  /** The services that include the view and the consumers that fetched it in the last `days` (30) days. */
  async lifecycleImpact(
    view: string,
    options: { kind?: LifecycleViewKind; days?: number } = {},
  ): Promise<LifecycleImpact> {
    return lifecycleImpact(await this.registry(), { project: this.project, view, ...options });
  }

  private lifecycleTarget(view: string, options: LifecycleCallOptions): LifecycleTarget {
    return { project: this.project, view, kind: options.kind, actor: options.actor ?? currentActor() };
  }
}
