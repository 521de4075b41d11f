/**
 * The console's statistics panel and the view page's data-quality card: a feature's newest
 * statistics with its history, a view's statistics computed now, and the source schema and
 * expectations of a view checked against its file before anyone materializes.
 */
import { describeRules } from "../definitions/validation";
import { resolveMaterializationTargets } from "../materialization/targets";
import { schemaProblems } from "../materialization/validate-schema";
import { featureStatisticsHistory, latestStatistics } from "../statistics/statistics";
import type { FeatureStatistics } from "../statistics/types";
import { isPantryError } from "../errors";
import type { ProjectHandle } from "../workspace/workspace";

export interface FeatureStatisticsPanel {
  latest: FeatureStatistics | null;
  /** Oldest first: null ratio and mean over time. */
  history: FeatureStatistics[];
}

export async function getFeatureStatistics(
  project: Pick<ProjectHandle, "registry">,
  options: { project: string; view: string; feature: string },
): Promise<FeatureStatisticsPanel> {
  const history = await featureStatisticsHistory(project.registry, options);
  return { latest: history.at(-1) ?? null, history };
}

export async function computeFeatureStatistics(
  project: Pick<ProjectHandle, "store">,
  options: { project: string; view: string },
): Promise<FeatureStatistics[]> {
  return project.store.computeStatistics(options.view, { trigger: "on-demand" });
}

export async function getViewStatistics(
  project: Pick<ProjectHandle, "registry">,
  options: { project: string; view: string },
): Promise<FeatureStatistics[]> {
  return latestStatistics(project.registry, options);
}

export interface ViewQualityCheck {
  view: string;
  /** false when the view cannot be checked here (offline-only, no batch source, source unreadable): see `reason`. */
  checked: boolean;
  reason: string | null;
  /** Columns gone or of another type than the definition says; empty when they match. */
  schemaProblems: string[];
  /** Every field's expectations, as rules. */
  expectations: { feature: string; rules: string[] }[];
  onValidationFailure: "fail" | "warn";
}

/** The view's definition against its source file now (schema drift), and its expectations. */
export async function checkViewQuality(
  project: Pick<ProjectHandle, "registry" | "store">,
  options: { project: string; view: string },
): Promise<ViewQualityCheck> {
  const contents = await project.registry.getContents(options.project);
  const view = contents.featureViews.find((v) => v.name === options.view);
  const expectations = (view?.schema ?? [])
    .filter((f) => f.validation)
    .map((f) => ({ feature: f.name, rules: f.validation ? describeRules(f.validation) : [] }));
  const base = {
    view: options.view,
    expectations,
    onValidationFailure: view?.onValidationFailure === "warn" ? ("warn" as const) : ("fail" as const),
  };
  try {
    const [target] = resolveMaterializationTargets(contents, [options.view]);
    if (!target) return { ...base, checked: false, reason: "the view has no batch source", schemaProblems: [] };
    const columns = await project.store.offlineStore().describeSource(target.source);
    return { ...base, checked: true, reason: null, schemaProblems: schemaProblems(target, columns) };
  } catch (error) {
    if (!isPantryError(error)) throw error;
    // A missing file is schema drift too: every column is gone.
    if (error.code === "NOT_FOUND" && error.details?.path) {
      return { ...base, checked: true, reason: null, schemaProblems: [error.message] };
    }
    return { ...base, checked: false, reason: error.message, schemaProblems: [] };
  }
}
