/**
 * The engine's view of the registry: specs in, specs out. Wraps the db package's repositories
 * and turns their failures into PantryErrors.
 */
import { type IntervalRecord, openRegistryDb, type RegistryDb, type StoredObject } from "@pantry/db";
import type { RegistryConfig } from "../config/repo-config";
import { redactSecrets } from "../config/repo-config";
import {
  emptyRepoContents,
  type ObjectKind,
  type ProjectSpec,
  type RegistryObjectSpec,
  type RepoContents,
} from "../definitions/types";
import { PantryError } from "../errors";
import { sweepInterruptedJobs } from "../materialization/interrupted";
import type {
  CatalogStore,
  DatasetStore,
  DefinitionSourceStore,
  GovernanceStore,
  HistoryStore,
  JobStore,
  ObjectStore,
  ScheduleStore,
  StatisticsStore,
  UsageStore,
} from "./ports";
import { specOf } from "./records";

export interface StoredSpec<T extends RegistryObjectSpec = RegistryObjectSpec> {
  spec: T;
  meta: Omit<StoredObject, "spec">;
}

/**
 * One open registry per location per process. `open` pins it (the console's workspace keeps it for
 * the life of the process); `acquire` counts a holder that gives it back with `release`, and the
 * last release of an unpinned registry closes it (a CLI command, an SDK FeatureStore).
 */
interface CacheEntry {
  opening: Promise<Registry>;
  holders: number;
  pinned: boolean;
}

const registryCache = new Map<string, CacheEntry>();

/** Two configs naming the same database share one open registry. */
export function registryKey(location: RegistryConfig): string {
  return location.type === "sqlite" ? `sqlite:${location.path}` : location.url;
}

export class Registry {
  private closed = false;
  /** Private to the adapter: callers use the ports below, never Prisma's repositories directly. */
  readonly #db: RegistryDb;
  /** The db repositories, each wrapped once so every failure comes out as a PantryError naming the registry. */
  readonly #stores: {
    objects: ObjectStore;
    jobs: JobStore;
    schedules: ScheduleStore;
    usage: UsageStore;
    datasets: DatasetStore;
    catalog: CatalogStore;
    history: HistoryStore;
    definitionSources: DefinitionSourceStore;
    statistics: StatisticsStore;
    governance: GovernanceStore;
  };
  readonly location: RegistryConfig;

  private constructor(db: RegistryDb, location: RegistryConfig) {
    this.#db = db;
    this.location = location;
    this.#stores = {
      objects: translatingErrors<ObjectStore>(db.objects, location),
      jobs: translatingErrors<JobStore>(db.materialization, location),
      schedules: translatingErrors<ScheduleStore>(db.schedules, location),
      usage: translatingErrors<UsageStore>(db.usage, location),
      datasets: translatingErrors<DatasetStore>(db.datasets, location),
      catalog: translatingErrors<CatalogStore>(db.catalog, location),
      history: translatingErrors<HistoryStore>(db.history, location),
      definitionSources: translatingErrors<DefinitionSourceStore>(db.definitionSources, location),
      statistics: translatingErrors<StatisticsStore>(db.statistics, location),
      governance: translatingErrors<GovernanceStore>(db.governance, location),
    };
  }

  get objects(): ObjectStore {
    return this.#stores.objects;
  }

  get jobs(): JobStore {
    return this.#stores.jobs;
  }

  get schedules(): ScheduleStore {
    return this.#stores.schedules;
  }

  get usage(): UsageStore {
    return this.#stores.usage;
  }

  get datasets(): DatasetStore {
    return this.#stores.datasets;
  }

  get catalog(): CatalogStore {
    return this.#stores.catalog;
  }

  get history(): HistoryStore {
    return this.#stores.history;
  }

  get definitionSources(): DefinitionSourceStore {
    return this.#stores.definitionSources;
  }

  get statistics(): StatisticsStore {
    return this.#stores.statistics;
  }

  get governance(): GovernanceStore {
    return this.#stores.governance;
  }

  /** Runs one of the registry's own reads, its failures (decoding included) turned into PantryErrors. */
  async #translated<T>(action: () => Promise<T>): Promise<T> {
    try {
      return await action();
    } catch (error) {
      throw asPantryError(error, this.location);
    }
  }

  /**
   * Reads job records after sweeping the project's interrupted jobs (a stopped process's running
   * jobs become failed or cancelled), so no reader shows a job as running that nobody runs.
   * Failures name the registry. `project` null: every project of the registry.
   */
  async readJobs<T>(project: string | null, read: (jobs: JobStore) => Promise<T>): Promise<T> {
    return this.#translated(async () => {
      await this.sweepInterruptedJobs(project);
      return read(this.jobs);
    });
  }

  /** Jobs whose process stopped (no heartbeat for INTERRUPTED_AFTER_MS) become failed or cancelled. */
  async sweepInterruptedJobs(project: string | null, now = new Date()): Promise<void> {
    await sweepInterruptedJobs(this.jobs, { project, now });
  }

  /** The shared registry at `location`, kept open for the process (the console and server share it). */
  static open(location: RegistryConfig): Promise<Registry> {
    const entry = Registry.entry(location);
    entry.pinned = true;
    return entry.opening;
  }

  /** The shared registry at `location`, held until `release()`: the last release closes it unless pinned. */
  static acquire(location: RegistryConfig): Promise<Registry> {
    const entry = Registry.entry(location);
    entry.holders++;
    return entry.opening;
  }

  private static entry(location: RegistryConfig): CacheEntry {
    const key = registryKey(location);
    let entry = registryCache.get(key);
    if (!entry) {
      const opening = Registry.connect(location);
      const created: CacheEntry = { opening, holders: 0, pinned: false };
      registryCache.set(key, created);
      opening.catch(() => {
        if (registryCache.get(key) === created) registryCache.delete(key);
      });
      entry = created;
    }
    return entry;
  }

  private static async connect(location: RegistryConfig): Promise<Registry> {
    try {
      return new Registry(await openRegistryDb(location), location);
    } catch (error) {
      throw asPantryError(error, location);
    }
  }

  describeLocation(): string {
    return this.location.type === "sqlite" ? this.location.path : redactSecrets(this.location.url);
  }

  /** Gives back one `acquire`; closes the registry when it was the last holder and nothing pinned it. */
  async release(): Promise<void> {
    const entry = registryCache.get(registryKey(this.location));
    if (!entry) return;
    entry.holders = Math.max(0, entry.holders - 1);
    if (entry.holders === 0 && !entry.pinned) await this.close();
  }

  /** Closes it now, whoever holds it (tests, a workspace refresh of a removed repo). */
  async close(): Promise<void> {
    const key = registryKey(this.location);
    const entry = registryCache.get(key);
    if (entry && (await entry.opening.catch(() => null)) === this) registryCache.delete(key);
    if (this.closed) return;
    this.closed = true;
    await this.#db.close();
  }

  listProjects(): Promise<ProjectSpec[]> {
    return this.#translated(async () => {
      const rows = await this.#db.objects.listProjects();
      return rows.map(projectSpecOf);
    });
  }

  hasProject(name: string): Promise<boolean> {
    return this.#translated(async () => (await this.#db.objects.findProject(name)) !== null);
  }

  getProjectOrThrow(name: string): Promise<ProjectSpec> {
    return this.#translated(async () => {
      const row = await this.#db.objects.findProject(name);
      if (!row) {
        const names = (await this.#db.objects.listProjects()).map((p) => p.name);
        throw new PantryError(
          "NOT_FOUND",
          `project '${name}' is not in the registry at ${this.describeLocation()}` +
            (names.length ? ` (it has: ${names.join(", ")})` : "; run 'pantry apply' in its feature repo first"),
        );
      }
      return projectSpecOf(row);
    });
  }

  listStored<K extends ObjectKind>(
    project: string,
    kind: K,
  ): Promise<StoredSpec<Extract<RegistryObjectSpec, { kind: K }>>[]> {
    return this.#translated(async () => {
      const rows = await this.#db.objects.listObjects(project, kind);
      return rows.map(({ spec, ...meta }) => ({ spec: JSON.parse(spec), meta }));
    });
  }

  getStored(project: string, kind: ObjectKind, name: string): Promise<StoredSpec | null> {
    return this.#translated(async () => {
      const row = await this.#db.objects.findObject(project, kind, name);
      if (!row) return null;
      const { spec: _spec, ...meta } = row;
      return { spec: specOf(row), meta };
    });
  }

  /** Every object of a project, as the repo defines them; empty when the project is unknown. */
  getContents(project: string): Promise<RepoContents> {
    return this.#translated(() => this.readContents(project));
  }

  private async readContents(project: string): Promise<RepoContents> {
    const found = await this.#db.objects.projectSpecs(project);
    const contents = emptyRepoContents(
      found
        ? { ...projectSpecOf(found.project), name: project }
        : { name: project, description: "", owner: "", tags: {} },
    );
    if (!found) return contents;
    const parse = <T>(specs: string[] | undefined): T[] => (specs ?? []).map((spec) => JSON.parse(spec) as T);
    contents.entities = parse(found.specs.entity);
    contents.dataSources = parse(found.specs.dataSource);
    contents.featureViews = parse(found.specs.featureView);
    contents.onDemandFeatureViews = parse(found.specs.onDemandFeatureView);
    contents.featureServices = parse(found.specs.featureService);
    return contents;
  }

  changeStamp(project: string): Promise<string> {
    return this.#translated(() => this.#db.objects.changeStamp(project));
  }

  listIntervals(project: string, viewName?: string): Promise<IntervalRecord[]> {
    return this.#translated(() => this.#db.materialization.listIntervals(project, viewName));
  }
}

/** A project row as a ProjectSpec (its tags column decoded), in one place. */
function projectSpecOf(row: { name: string; description: string; owner: string; tags: string }): ProjectSpec {
  return { name: row.name, description: row.description, owner: row.owner, tags: JSON.parse(row.tags) };
}

export function asPantryError(error: unknown, location: RegistryConfig): PantryError {
  if (error instanceof PantryError) return error;
  const code = (error as { code?: string }).code;
  const message = error instanceof Error ? error.message : String(error);
  if (code === "UNAVAILABLE" || code === "FAILED_PRECONDITION" || code === "INVALID_ARGUMENT" || code === "CONFLICT") {
    return new PantryError(code, message);
  }
  const where = location.type === "sqlite" ? location.path : redactSecrets(location.url);
  const reason = redactSecrets(driverMessage(message));
  const hint = UNREACHABLE.test(`${code ?? ""} ${reason}`)
    ? "; check that the database is running and reachable (Pantry reconnects by itself once it is back)"
    : "";
  return new PantryError("UNAVAILABLE", `the registry at ${where} failed: ${reason}${hint}`);
}

/** Connection failures (Prisma's P1001/P1002/P1017, a refused or reset socket). */
const UNREACHABLE =
  /P1001|P1002|P1017|Can't reach database server|ECONNREFUSED|ECONNRESET|Connection terminated|timed out/i;

/**
 * The driver's own words without the ORM's frame: Prisma prefixes its messages with "Invalid
 * `this.prisma.x.y()` invocation in <file>:<line>" and a code excerpt, which say nothing to a user
 * and name server files. Keeps what follows the excerpt.
 */
export function driverMessage(message: string): string {
  // The adapter's "Raw query failed. Code: `N/A`. Message: `Can't reach database server at ...`".
  const raw = /Raw query failed\. Code: `[^`]*`\. Message: `([^`]*)`/.exec(message)?.[1];
  if (raw) return raw.trim();
  if (!/Invalid `[^`]*` invocation/.test(message)) return message.trim();
  const lines = message.split("\n");
  let last = -1;
  lines.forEach((line, i) => {
    if (/invocation( in)?$/.test(line.trim()) || /^\s*(→\s*)?\d+\s/.test(line) || /:\d+:\d+$/.test(line.trim()))
      last = i;
  });
  const rest = lines
    .slice(last + 1)
    .map((l) => l.trim())
    .filter(Boolean)
    .join(" ");
  return rest || message.trim();
}

/**
 * `store` with each method's failure (a throw or a rejection) turned into a PantryError naming the
 * registry. A PantryError (one a transaction's callback threw, say) passes through unchanged.
 */
function translatingErrors<T extends object>(store: T, location: RegistryConfig): T {
  const wrapped = new Map<PropertyKey, unknown>();
  return new Proxy(store, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== "function") return value;
      let method = wrapped.get(property);
      if (!method) {
        method = (...args: unknown[]) => {
          let result: unknown;
          try {
            result = value.apply(target, args);
          } catch (error) {
            throw asPantryError(error, location);
          }
          return result instanceof Promise
            ? result.catch((error: unknown) => Promise.reject(asPantryError(error, location)))
            : result;
        };
        wrapped.set(property, method);
      }
      return method;
    },
  });
}
