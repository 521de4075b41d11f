/**
 * The answer to an online read, column-major like Feast's: join keys first, then features, each
 * with values, statuses and event timestamps. toDict() is Feast's `to_dict()`; toFeastJson() is
 * the feature server's body.
 */
import type { DeprecationNotice } from "./plan";

export type FeatureStatus = "PRESENT" | "NULL_VALUE" | "NOT_FOUND" | "OUTSIDE_MAX_AGE";

export interface OnlineColumn {
  name: string;
  values: unknown[];
  statuses: FeatureStatus[];
  /** Epoch milliseconds; 0 when unknown (not found, join keys). */
  eventTimestampsMs: number[];
}

export interface FeastOnlineResponse {
  metadata: { feature_names: string[] };
  results: { values: unknown[]; statuses: FeatureStatus[]; event_timestamps: string[] }[];
}

export class OnlineFeaturesResponse {
  constructor(
    readonly columns: OnlineColumn[],
    /** Deprecated views this answer used: still served, but callers should move off them. */
    readonly deprecations: DeprecationNotice[],
    readonly rowCount: number,
  ) {}

  get featureNames(): string[] {
    return this.columns.map((c) => c.name);
  }

  /** Feast's shape: `{ driver_id: [1001], conv_rate: [0.5] }`. */
  toDict(): Record<string, unknown[]> {
    return Object.fromEntries(this.columns.map((c) => [c.name, c.values]));
  }

  statuses(): Record<string, FeatureStatus[]> {
    return Object.fromEntries(this.columns.map((c) => [c.name, c.statuses]));
  }

  eventTimestamps(): Record<string, Date[]> {
    return Object.fromEntries(this.columns.map((c) => [c.name, c.eventTimestampsMs.map((ms) => new Date(ms))]));
  }

  /** Row-major, for code that prefers one object per entity row. */
  toRows(): Record<string, unknown>[] {
    return Array.from({ length: this.rowCount }, (_, i) =>
      Object.fromEntries(this.columns.map((c) => [c.name, c.values[i]])),
    );
  }

  toFeastJson(): FeastOnlineResponse {
    const formatted = new Map<number, string>();
    const format = (ms: number) => {
      let text = formatted.get(ms);
      if (text === undefined) {
        text = rfc3339(ms);
        formatted.set(ms, text);
      }
      return text;
    };
    return {
      metadata: { feature_names: this.featureNames },
      results: this.columns.map((c) => ({
        values: c.values,
        statuses: c.statuses,
        event_timestamps: c.eventTimestampsMs.map(format),
      })),
    };
  }

  /**
   * The Feast JSON as text, written directly: statuses and timestamps are joined from
   * pre-quoted strings instead of building the intermediate object (measured: this method was
   * the largest cost of a 100-entity answer). Bigint, bytes and NaN are made JSON-safe.
   */
  toFeastJsonText(): string {
    const binary = hasBinary(this.columns);
    const quotedTimestamps = new Map<number, string>();
    const timestamp = (ms: number) => {
      let text = quotedTimestamps.get(ms);
      if (text === undefined) {
        text = `"${rfc3339(ms)}"`;
        quotedTimestamps.set(ms, text);
      }
      return text;
    };
    let text = `{"metadata":{"feature_names":${JSON.stringify(this.featureNames)}},"results":[`;
    for (let c = 0; c < this.columns.length; c++) {
      const column = this.columns[c] as OnlineColumn;
      if (c > 0) text += ",";
      text += `{"values":${valuesJson(column.values, binary)},"statuses":[`;
      const n = column.statuses.length;
      for (let i = 0; i < n; i++)
        text +=
          i === 0
            ? QUOTED_STATUS[column.statuses[i] as FeatureStatus]
            : `,${QUOTED_STATUS[column.statuses[i] as FeatureStatus]}`;
      text += `],"event_timestamps":[`;
      for (let i = 0; i < n; i++)
        text +=
          i === 0 ? timestamp(column.eventTimestampsMs[i] ?? 0) : `,${timestamp(column.eventTimestampsMs[i] ?? 0)}`;
      text += "]}";
    }
    return `${text}]}`;
  }
}

const QUOTED_STATUS: Record<FeatureStatus, string> = {
  PRESENT: '"PRESENT"',
  NULL_VALUE: '"NULL_VALUE"',
  NOT_FOUND: '"NOT_FOUND"',
  OUTSIDE_MAX_AGE: '"OUTSIDE_MAX_AGE"',
};

function valuesJson(values: unknown[], binary: boolean): string {
  if (binary) return JSON.stringify(values, jsonSafe);
  try {
    return JSON.stringify(values);
  } catch {
    // A bigint somewhere (an Int64 beyond 2^53): the slow way.
    return JSON.stringify(values, jsonSafe);
  }
}

/** RFC 3339 UTC, without a fraction when the milliseconds are zero (Feast's "1970-01-01T00:00:00Z"). */
export function rfc3339(ms: number): string {
  const iso = new Date(ms).toISOString();
  return iso.endsWith(".000Z") ? `${iso.slice(0, -5)}Z` : iso;
}

function hasBinary(columns: OnlineColumn[]): boolean {
  for (const column of columns) {
    for (const value of column.values) if (value instanceof Uint8Array) return true;
  }
  return false;
}

function jsonSafe(this: unknown, _key: string, value: unknown): unknown {
  if (typeof value === "bigint") return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (value instanceof Uint8Array)
    return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString("base64");
  if (
    value &&
    typeof value === "object" &&
    (value as { type?: unknown }).type === "Buffer" &&
    Array.isArray((value as { data?: unknown }).data)
  ) {
    return Buffer.from((value as { data: number[] }).data).toString("base64");
  }
  return value;
}
