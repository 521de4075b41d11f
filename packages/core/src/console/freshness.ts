/** The console's freshness page: a project's views from its registry, online store and job history. */
import { sweepInterruptedJobs } from "../materialization/interrupted";
import { withRegistryErrors } from "../registry/registry";
import { computeFreshness, type ProjectFreshness } from "../freshness/freshness";
import type { ProjectHandle } from "../workspace/workspace";

/** Jobs read for history and cadence (newest first). */
export const FRESHNESS_JOB_LIMIT = 200;

export async function getProjectFreshness(
  project: Pick<ProjectHandle, "registry" | "store">,
  options: { project: string },
  now = new Date(),
): Promise<ProjectFreshness> {
  const { registry, store } = project;
  await withRegistryErrors(registry, () =>
    sweepInterruptedJobs(registry.db.materialization, { project: options.project }),
  );
  const [contents, jobs, schedules] = await withRegistryErrors(registry, () =>
    Promise.all([
      registry.getContents(options.project),
      registry.db.materialization.listJobs(options.project, { take: FRESHNESS_JOB_LIMIT }),
      registry.db.schedules.list(options.project),
    ]),
  );
  return computeFreshness({
    project: options.project,
    views: contents.featureViews,
    onlineStore: store.onlineStore(),
    jobs,
    schedules: schedules.map((s) => ({ ...s, views: JSON.parse(s.views) as string[] })),
    now,
  });
}
