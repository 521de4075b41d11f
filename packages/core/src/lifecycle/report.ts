/**
 * A deprecation's page: the object's lifecycle, the notices it sent (who acknowledged, who has
 * not yet) and who still reads it (consumers seen in usage over the last days).
 */
import type { Registry } from "../registry/registry";
import { findViewLifecycleOrThrow } from "./find-view";
import { type GovernedKind, governedImpact } from "./governed";
import { lifecycleImpact } from "./impact";
import type { DeprecationNoticeEntry } from "./notices";
import type { LifecycleState, LifecycleViewKind, RecentConsumer } from "./types";

export type DeprecationTargetKind = LifecycleViewKind | GovernedKind;

export interface DeprecationReport {
  project: string;
  kind: DeprecationTargetKind;
  name: string;
  state: LifecycleState;
  reason: string | null;
  replacement: string | null;
  sunsetAt: Date | null;
  notices: DeprecationNoticeEntry[];
  acknowledged: number;
  /** Consumers that fetched it in the last `days` days, most recent first. */
  stillReading: RecentConsumer[];
  days: number;
}

export async function deprecationReport(
  registry: Registry,
  target: { project: string; kind: DeprecationTargetKind; name: string; days?: number },
): Promise<DeprecationReport> {
  const status =
    target.kind === "feature" || target.kind === "featureService"
      ? await governedImpact(registry, {
          project: target.project,
          kind: target.kind,
          name: target.name,
          days: target.days,
        })
      : await lifecycleImpact(registry, {
          project: target.project,
          view: target.name,
          kind: target.kind,
          days: target.days,
        });
  // A view found under either kind: notices are recorded with the view's own kind.
  const kind =
    target.kind === "feature" || target.kind === "featureService"
      ? target.kind
      : (await findViewLifecycleOrThrow(registry, { project: target.project, view: target.name, kind: target.kind }))
          .kind;
  const notices = await registry.governance.listNotices({
    projectName: target.project,
    targetKind: kind,
    target: target.name,
  });
  return {
    project: target.project,
    kind,
    name: target.name,
    state: status.status.state,
    reason: status.status.reason,
    replacement: status.status.replacement,
    sunsetAt: status.status.sunsetAt,
    notices,
    acknowledged: notices.filter((n) => n.acknowledgedAt).length,
    stillReading: status.consumers,
    days: status.days,
  };
}
