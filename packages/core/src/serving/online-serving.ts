/**
 * Online serving for one project: the registry is read once, then re-read only when its change
 * stamp moves. The stamp is checked in the background at most once per refresh interval, started
 * by a request but never awaited by it, so no request waits on the registry.
 */
import { PantryError } from "../errors";
import type { OnlineStore } from "../online/types";
import { entityInputFromColumns, entityInputFromRows } from "./entity-input";
import { type OnlineRetrieval, type OutsideMaxAge, retrieveOnlineFeatures } from "./get-online-features";
import type { ServingRegistry, UsageSink } from "./registry";
import type { OnlineFeaturesResponse } from "./response";
import { ServingIndex } from "./serving-index";
import { UsageBuffer } from "./usage-buffer";
import type { WriteLimits } from "./write-rows";

export interface OnlineServingOptions {
  project: string;
  registry: ServingRegistry;
  onlineStore: OnlineStore;
  /** How often the registry's change stamp may be checked (default 1000 ms). */
  refreshIntervalMs?: number;
  /** Entity rows per request above which the request is refused (default 10,000). */
  maxEntities?: number;
  /** Values older than their ttl: served with OUTSIDE_MAX_AGE ("value", the default) or withheld ("null"). */
  outsideMaxAge?: OutsideMaxAge;
  /** Where usage rollups go; null keeps them in memory only. */
  usageSink?: UsageSink | null;
  usageFlushMs?: number;
  /** Distinct consumer names kept before new ones count as "other" (default 200). */
  maxConsumers?: number;
  /** Bounds on /push and /write-to-online-store (max rows, event-time skew). */
  writeLimits?: WriteLimits;
  /** SDK use: emit a process DeprecationWarning (once per view) when a deprecated view is served. */
  warnOnDeprecated?: boolean;
  clock?: () => number;
}

export interface GetOnlineFeaturesRequest {
  /** Feature refs ("view:feature") or the name of a feature service. */
  features: string[] | string;
  /** Row-major entity rows (the SDK): `[{ driver_id: 1001 }]`; request data goes in the same rows. */
  entityRows?: Record<string, unknown>[];
  /** Column-major entities (Feast's HTTP body): `{ driver_id: [1001, 1002] }`. */
  entities?: unknown;
  fullFeatureNames?: boolean;
  /**
   * The model or application asking, for usage (HTTP: the token's user, plus the
   * x-pantry-consumer header; see consumerFor). Capped in length and in distinct names.
   */
  consumer?: string;
}

export class OnlineServing {
  readonly usage: UsageBuffer;
  private current: ServingIndex;
  private lastCheck: number;
  private checking: Promise<void> | null = null;
  private readonly warned = new Set<string>();
  /** The last background refresh failure (the old snapshot keeps serving meanwhile). */
  refreshError: string | null = null;

  private constructor(
    private readonly options: OnlineServingOptions,
    index: ServingIndex,
  ) {
    this.current = index;
    this.lastCheck = this.now();
    this.usage = new UsageBuffer(
      options.project,
      options.usageSink ?? null,
      options.usageFlushMs,
      options.maxConsumers,
    );
  }

  static async open(options: OnlineServingOptions): Promise<OnlineServing> {
    return new OnlineServing(options, await loadIndex(options.registry, options.project));
  }

  get index(): ServingIndex {
    return this.current;
  }

  get onlineStore(): OnlineStore {
    return this.options.onlineStore;
  }

  get writeLimits(): WriteLimits {
    return this.options.writeLimits ?? {};
  }

  get project(): string {
    return this.options.project;
  }

  async getOnlineFeatures(request: GetOnlineFeaturesRequest): Promise<OnlineFeaturesResponse> {
    return (await this.retrieve(request)).response;
  }

  /** The response plus its plan (the server reads deprecations and feature refs from it). */
  async retrieve(request: GetOnlineFeaturesRequest): Promise<OnlineRetrieval> {
    const started = performance.now();
    this.maybeRefresh();
    if (request.entityRows !== undefined && request.entities !== undefined) {
      throw new PantryError(
        "INVALID_ARGUMENT",
        "pass entity rows either row-major (entityRows) or column-major (entities), not both",
      );
    }
    let retrieval: OnlineRetrieval;
    let rowCount = 0;
    try {
      const entities =
        request.entities !== undefined
          ? entityInputFromColumns(request.entities)
          : entityInputFromRows(request.entityRows ?? []);
      rowCount = entities.rowCount;
      retrieval = await retrieveOnlineFeatures({
        index: this.current,
        onlineStore: this.options.onlineStore,
        features: request.features,
        entities,
        fullFeatureNames: request.fullFeatureNames ?? false,
        maxEntities: this.options.maxEntities ?? 10_000,
        outsideMaxAge: this.options.outsideMaxAge ?? "value",
        now: this.now(),
      });
    } catch (error) {
      // Failed requests count for the model asking (its error rate), never per feature.
      this.usage.recordError(request.consumer || "anonymous", performance.now() - started);
      throw error;
    }
    this.usage.record(request.consumer || "anonymous", retrieval.plan, performance.now() - started, Date.now(), rowCount);
    if (this.options.warnOnDeprecated) this.warnDeprecated(retrieval);
    return retrieval;
  }

  /** Re-reads the registry when its stamp changed (or always, with force). */
  async refresh(force = false): Promise<boolean> {
    const { registry, project } = this.options;
    this.lastCheck = this.now();
    const stamp = await registry.changeStamp(project);
    if (!force && stamp === this.current.stamp) return false;
    this.current = await loadIndex(registry, project, stamp);
    return true;
  }

  async close(): Promise<void> {
    await this.checking;
    await this.usage.close();
  }

  private warnDeprecated(retrieval: OnlineRetrieval): void {
    for (const notice of retrieval.plan.deprecations) {
      if (this.warned.has(notice.view)) continue;
      this.warned.add(notice.view);
      const instead = notice.replacement ? `; use '${notice.replacement}' instead` : "";
      const sunset = notice.sunsetAt ? ` It stops being served on ${notice.sunsetAt.toISOString().slice(0, 10)}.` : "";
      process.emitWarning(
        `${notice.kind === "feature" ? "feature" : notice.kind === "featureService" ? "feature service" : "feature view"} '${notice.view}' is deprecated${notice.reason ? ` (${notice.reason})` : ""}${instead}.${sunset}`,
        "DeprecationWarning",
      );
    }
  }

  private maybeRefresh(): void {
    if (this.checking || this.now() - this.lastCheck < (this.options.refreshIntervalMs ?? 1000)) return;
    this.checking = this.refresh()
      .then(() => {
        this.refreshError = null;
      })
      .catch((error: unknown) => {
        this.refreshError = error instanceof Error ? error.message : String(error);
      })
      .finally(() => {
        this.checking = null;
      });
  }

  private now(): number {
    return this.options.clock ? this.options.clock() : Date.now();
  }
}

async function loadIndex(registry: ServingRegistry, project: string, knownStamp?: string): Promise<ServingIndex> {
  // Stamp first: a change landing between the two reads shows up as a new stamp next time.
  const stamp = knownStamp ?? (await registry.changeStamp(project));
  const [contents, lifecycles] = await Promise.all([registry.getContents(project), registry.viewLifecycles(project)]);
  return new ServingIndex(project, stamp, contents, lifecycles);
}
