/** The console's freshness page: a project's views from its registry, online store and job history. */
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
  const [contents, jobs, schedules] = await registry.readJobs(options.project, (jobStore) =>
    Promise.all([
      registry.getContents(options.project),
      jobStore.listJobs(options.project, { take: FRESHNESS_JOB_LIMIT }),
      registry.schedules.list(options.project),
    ]),
  );
  return computeFreshness({
    project: options.project,
    views: contents.featureViews,
    onlineStore: store.onlineStore(),
    jobs,
    schedules,
    now,
  });
}
