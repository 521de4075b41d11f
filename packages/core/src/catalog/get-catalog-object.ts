/** One object's detail page: spec, summary, definition as code, consumers, materialization windows. */
import type { FeatureServiceSpec, ObjectKind, RegistryObjectSpec } from "../definitions/types";
import { didYouMean, PantryError } from "../errors";
import { consumersFromTags } from "../lineage/consumers";
import { asPantryError, type Registry } from "../registry/registry";
import { label } from "../repo/load-repo";
import { type CatalogIndex, catalogIndexFor, type IndexedObject, objectKey } from "./catalog-index";
import { renderDefinitionAsTypeScript } from "./render-definition";
import type { CatalogObjectDetail } from "./types";

export interface GetCatalogObjectOptions {
  project: string;
  kind: ObjectKind;
  name: string;
}

export async function getCatalogObject(
  registry: Registry,
  options: GetCatalogObjectOptions,
): Promise<CatalogObjectDetail> {
  const index = await catalogIndexFor(registry);
  const found = findIndexedObjectOrThrow(index, options);
  const related = index.objects.filter((o) => o.summary.project === options.project).map((o) => o.spec);
  let stored: Awaited<ReturnType<typeof registry.getStored>>;
  let intervals: { start: Date; end: Date }[] = [];
  let python: Awaited<ReturnType<typeof registry.definitionSources.find>> = null;
  try {
    stored = await registry.getStored(options.project, options.kind, options.name);
    python = await registry.definitionSources.find(options.project, options.kind, options.name);
    if (options.kind === "featureView") {
      intervals = (await registry.listIntervals(options.project, options.name)).map((i) => ({
        start: i.startTs,
        end: i.endTs,
      }));
    }
  } catch (error) {
    throw asPantryError(error, registry.location);
  }
  const meta = stored?.meta;
  return {
    summary: found.summary,
    spec: found.spec,
    code: renderDefinitionAsTypeScript(found.spec, { related }),
    consumers: consumersOf(found.spec, related),
    intervals,
    deprecation:
      meta && (meta.deprecationReason || meta.replacement || meta.sunsetAt)
        ? {
            reason: meta.deprecationReason ?? null,
            replacement: meta.replacement ?? null,
            sunsetAt: meta.sunsetAt ?? null,
          }
        : null,
    pythonSource: python ? { file: python.file, line: python.line, code: python.code } : null,
  };
}

export function findIndexedObjectOrThrow(index: CatalogIndex, options: GetCatalogObjectOptions): IndexedObject {
  const found = index.byKey.get(objectKey(options.project, options.kind, options.name));
  if (found) return found;
  const names = index.objects
    .filter((o) => o.summary.project === options.project && o.summary.kind === options.kind)
    .map((o) => o.summary.name);
  throw new PantryError(
    "NOT_FOUND",
    `${label(options.kind)} '${options.name}' is not in project '${options.project}'${didYouMean(options.name, names)}`,
    { project: options.project, kind: options.kind, name: options.name },
  );
}

/** Consumers reached downstream of the object: through the views that read it and the services that use them. */
export function consumersOf(spec: RegistryObjectSpec, project: RegistryObjectSpec[]): string[] {
  const views = new Set<string>();
  if (spec.kind === "dataSource") {
    for (const o of project) if (o.kind === "featureView" && o.source === spec.name) views.add(o.name);
  } else if (spec.kind === "entity") {
    for (const o of project) if (o.kind === "featureView" && o.entities.includes(spec.name)) views.add(o.name);
  } else if (spec.kind === "featureView" || spec.kind === "onDemandFeatureView") {
    views.add(spec.name);
  }
  // On-demand views built on these views are consumed too.
  for (const o of project) {
    if (o.kind === "onDemandFeatureView" && o.sources.some((s) => views.has(s.name))) views.add(o.name);
  }
  const services = project.filter(
    (o): o is FeatureServiceSpec =>
      o.kind === "featureService" &&
      (spec.kind === "featureService" ? o.name === spec.name : o.projections.some((p) => views.has(p.view))),
  );
  const names = new Set(services.flatMap((service) => consumersFromTags(service).map((link) => link.consumer)));
  return [...names].sort();
}
