/**
 * A feature service remembers the version of each view it was built from (written at apply, see
 * the db's `builtFrom`); a view that changed since makes the service "drifted", with the diff of
 * that view between the version the service was built from and now.
 */
import { diffSpecs, formatChange, type SpecChange } from "../registry/diff";
import type { Registry } from "../registry/registry";

export interface DriftedView {
  view: string;
  kind: "featureView" | "onDemandFeatureView";
  /** The version the service was built from. */
  builtFrom: number;
  /** The view's version now; null when it was deleted since. */
  current: number | null;
  changes: (SpecChange & { text: string })[];
}

export interface ServiceDrift {
  service: string;
  /** false for services written before versions were recorded (nothing to compare). */
  recorded: boolean;
  /** The views it reads, with the versions it was built from and the current ones. */
  views: { view: string; kind: string; builtFrom: number; current: number | null }[];
  /** Views changed since the service was built. */
  changed: DriftedView[];
}

type BuiltFrom = Record<string, { kind: "featureView" | "onDemandFeatureView"; version: number }>;

/** Every service of the project (or one), with the views that changed since it was written. */
export async function serviceDrift(
  registry: Registry,
  options: { project: string; service?: string },
): Promise<ServiceDrift[]> {
  await registry.getProjectOrThrow(options.project);
  const [services, views, onDemand] = await Promise.all([
    registry.listStored(options.project, "featureService"),
    registry.listStored(options.project, "featureView"),
    registry.listStored(options.project, "onDemandFeatureView"),
  ]);
  const current = new Map<string, number>();
  for (const v of [...views, ...onDemand]) current.set(v.spec.name, v.meta.version);
  const result: ServiceDrift[] = [];
  for (const service of services) {
    if (options.service && service.spec.name !== options.service) continue;
    const builtFrom = parseBuiltFrom(service.meta.builtFrom);
    const entries = Object.entries(builtFrom).sort(([a], [b]) => a.localeCompare(b));
    const changed: DriftedView[] = [];
    for (const [view, at] of entries) {
      const now = current.get(view) ?? null;
      if (now === at.version) continue;
      changed.push({
        view,
        kind: at.kind,
        builtFrom: at.version,
        current: now,
        changes: await viewChanges(registry, options.project, at.kind, view, at.version),
      });
    }
    result.push({
      service: service.spec.name,
      recorded: entries.length > 0,
      views: entries.map(([view, at]) => ({
        view,
        kind: at.kind,
        builtFrom: at.version,
        current: current.get(view) ?? null,
      })),
      changed,
    });
  }
  return result;
}

async function viewChanges(
  registry: Registry,
  project: string,
  kind: string,
  view: string,
  from: number,
): Promise<(SpecChange & { text: string })[]> {
  const versions = await registry.history.listVersions(project, kind, view);
  const before = versions.find((v) => v.version === from);
  const latest = versions[0];
  if (!before || !latest) return [];
  const after = latest.change === "delete" ? {} : JSON.parse(latest.spec);
  return diffSpecs(JSON.parse(before.spec), after).map((c) => ({ ...c, text: formatChange(c) }));
}

function parseBuiltFrom(text: string | undefined): BuiltFrom {
  if (!text) return {};
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as BuiltFrom) : {};
  } catch {
    return {};
  }
}
