"use client";
import { Badge } from "@/components/ui/Badge";
import { Card } from "@/components/ui/Card";
import { Link } from "@/components/ui/Link";
import { ErrorState, Notice, Skeleton } from "@/components/ui/States";
import { routes } from "@/lib/routes";
import { useServiceDrift } from "./hooks";

/** The views a service was built from (versions at its last apply), flagging those changed since, with the diff. */
export function BuiltFromCard({ project, service }: { project: string; service: string }) {
  const drift = useServiceDrift(project, service);
  const entry = drift.data?.[0];
  return (
    <Card title="Built from" id="built-from">
      {drift.error ? (
        <ErrorState error={drift.error} onRetry={() => void drift.refetch()} />
      ) : !drift.data ? (
        <Skeleton height={60} />
      ) : !entry?.recorded ? (
        <p className="muted">
          Not recorded: the service was last written before view versions were kept. The next apply records them.
        </p>
      ) : (
        <>
          {entry.changed.length ? (
            <Notice tone="warning">
              <span data-service-drift="">
                {entry.changed.length === 1
                  ? "A view it reads changed"
                  : `${entry.changed.length} views it reads changed`}{" "}
                since this service was applied: check that the model still gets what it was trained on.
              </span>
            </Notice>
          ) : null}
          <ul style={{ listStyle: "none", padding: 0, margin: "8px 0 0", display: "grid", gap: 10 }}>
            {entry.views.map((view) => {
              const changed = entry.changed.find((c) => c.view === view.view);
              return (
                <li key={view.view}>
                  <Link
                    href={routes.object(
                      project,
                      view.kind === "onDemandFeatureView" ? "onDemandFeatureView" : "featureView",
                      view.view,
                    )}
                  >
                    {view.view}
                  </Link>{" "}
                  <span className="muted">built from v{view.builtFrom}</span>{" "}
                  {changed ? (
                    <Badge tone="warning">{view.current === null ? "deleted since" : `now v${view.current}`}</Badge>
                  ) : (
                    <Badge tone="success">current</Badge>
                  )}
                  {changed?.changes.length ? (
                    <ul
                      className="mono"
                      style={{ fontSize: 12, margin: "4px 0 0 16px" }}
                      aria-label={`Changes of ${view.view}`}
                    >
                      {changed.changes.map((change) => (
                        <li key={change.text}>{change.text}</li>
                      ))}
                    </ul>
                  ) : null}
                </li>
              );
            })}
          </ul>
        </>
      )}
    </Card>
  );
}
