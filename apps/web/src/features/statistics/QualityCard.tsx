"use client";
/**
 * The view page's data quality: the source file against the definition now (a column gone or of
 * another type: schema drift, shown before anyone materializes), and the view's expectations.
 */
import { useQuery } from "@tanstack/react-query";
import { Badge } from "@/components/ui/Badge";
import { Card } from "@/components/ui/Card";
import { Notice, Skeleton } from "@/components/ui/States";
import { useTRPC } from "@/lib/trpc/client";

export function QualityCard({ project, view }: { project: string; view: string }) {
  const trpc = useTRPC();
  const check = useQuery(trpc.statistics.quality.queryOptions({ project, view }));
  return (
    <Card title="Data quality" id="quality">
      {check.error ? (
        <span className="muted">Could not check: {check.error.message}</span>
      ) : !check.data ? (
        <div role="status" aria-busy="true" aria-label="Checking the source">
          <Skeleton height={40} />
        </div>
      ) : (
        <div style={{ display: "flex", flexDirection: "column", gap: 12 }}>
          {!check.data.checked ? (
            <span className="muted">Schema not checked: {check.data.reason}</span>
          ) : check.data.schemaProblems.length === 0 ? (
            <span>
              <Badge tone="success">schema matches</Badge>{" "}
              <span className="muted">the source file has every column with the declared types</span>
            </span>
          ) : (
            <Notice tone="danger">
              <strong>Schema drift: materializing would fail.</strong>
              <ul style={{ margin: "6px 0 0", paddingLeft: 18 }}>
                {check.data.schemaProblems.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            </Notice>
          )}
          {check.data.expectations.length === 0 ? (
            <span className="muted">
              No expectations. Add <code>validation: {"{ notNull: true, min: 0, max: 1 }"}</code> to a field to check
              its values before every materialization.
            </span>
          ) : (
            <div>
              <div style={{ fontSize: 13, marginBottom: 6 }}>
                Expectations, checked before every materialization (a failure{" "}
                {check.data.onValidationFailure === "warn" ? "is reported as a warning" : "fails the job"}):
              </div>
              <ul style={{ margin: 0, paddingLeft: 18 }}>
                {check.data.expectations.map((e) => (
                  <li key={e.feature}>
                    <span className="mono">{e.feature}</span>: {e.rules.join(", ")}
                  </li>
                ))}
              </ul>
            </div>
          )}
        </div>
      )}
    </Card>
  );
}
