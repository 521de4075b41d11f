"use client";
/**
 * The feature page's statistics: the newest statistics (rows, nulls, distinct, min/max/mean/stddev,
 * newest event time) with the histogram or top values, the null ratio and mean over time, and a
 * button computing them now over the whole source (editors).
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { Button } from "@/components/ui/Button";
import { Card, Properties } from "@/components/ui/Card";
import { EmptyState, ErrorState, Notice, Skeleton } from "@/components/ui/States";
import { useCan } from "@/lib/auth/use-can";
import { CHART_TICK, chartTime } from "@/lib/chart-style";
import { formatCount, formatDateTime } from "@/lib/format";
import { useTRPC } from "@/lib/trpc/client";
import { formatStat, HistogramChart } from "./HistogramChart";
import type { FeatureStatistics } from "./model";

export function StatisticsPanel({ project, view, feature }: { project: string; view: string; feature: string }) {
  const trpc = useTRPC();
  const client = useQueryClient();
  const can = useCan("materialize");
  const panel = useQuery(trpc.statistics.feature.queryOptions({ project, view, feature }));
  const compute = useMutation(
    trpc.statistics.compute.mutationOptions({
      onSuccess: () => void client.invalidateQueries({ queryKey: trpc.statistics.feature.queryKey() }),
    }),
  );
  const action = (
    <Button
      size="sm"
      busy={compute.isPending}
      disabled={!can.allowed}
      title={can.reason}
      onClick={() => compute.mutate({ project, view })}
    >
      Compute now
    </Button>
  );
  if (panel.error) return <ErrorState error={panel.error} onRetry={() => void panel.refetch()} />;
  const latest = panel.data?.latest ?? null;
  return (
    <Card title="Statistics" actions={action} id="statistics">
      {compute.error ? <Notice tone="danger">{compute.error.message}</Notice> : null}
      {!panel.data ? (
        <div role="status" aria-busy="true" aria-label="Loading statistics">
          <Skeleton height={200} />
        </div>
      ) : !latest ? (
        <EmptyState icon="feature" title="No statistics yet">
          Statistics are computed with DuckDB over the view&apos;s source after every materialization, or now with{" "}
          <em>Compute now</em> (or <code>pantry feature-views stats {view}</code>).
        </EmptyState>
      ) : (
        <StatisticsBody latest={latest} history={panel.data.history} />
      )}
    </Card>
  );
}

function StatisticsBody({ latest, history }: { latest: FeatureStatistics; history: FeatureStatistics[] }) {
  const window =
    latest.windowStart || latest.windowEnd
      ? `${latest.windowStart ? formatDateTime(latest.windowStart) : "first row"} – ${latest.windowEnd ? formatDateTime(latest.windowEnd) : "last row"}`
      : "the whole source";
  return (
    <div style={{ display: "flex", flexDirection: "column", gap: 16 }}>
      <Properties
        items={[
          ["Rows", formatCount(latest.rowCount)],
          ["Null ratio", `${(latest.nullRatio * 100).toFixed(2)}% (${formatCount(latest.nullCount)})`],
          ["Distinct", `${latest.distinctApprox ? "≈ " : ""}${formatCount(latest.distinctCount)}`],
          ...(latest.kind === "numeric"
            ? ([
                ["Min / max", `${formatStat(latest.min)} / ${formatStat(latest.max)}`],
                ["Mean ± stddev", `${formatStat(latest.mean)} ± ${formatStat(latest.stddev)}`],
              ] as [string, string][])
            : []),
          ["Newest event", latest.newestEventTs ? formatDateTime(latest.newestEventTs) : "—"],
          ["Window", window],
          ["Computed", `${formatDateTime(latest.computedAt)} (${latest.trigger})`],
        ]}
      />
      <HistogramChart
        stats={latest}
        label={latest.kind === "numeric" ? "Histogram of values (20 bins)" : "Top 10 values"}
      />
      {history.length > 1 ? <HistoryChart history={history} numeric={latest.kind === "numeric"} /> : null}
    </div>
  );
}

function HistoryChart({ history, numeric }: { history: FeatureStatistics[]; numeric: boolean }) {
  const data = history.map((s) => ({
    at: chartTime.format(new Date(s.computedAt)),
    nullPct: Number((s.nullRatio * 100).toFixed(3)),
    mean: s.mean,
  }));
  return (
    <figure style={{ margin: 0 }} aria-label="Null ratio and mean over time">
      <figcaption className="muted" style={{ fontSize: 12.5, marginBottom: 4 }}>
        Null ratio{numeric ? " and mean" : ""} over time
      </figcaption>
      <div style={{ width: "100%", height: 180 }}>
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={data} margin={{ top: 8, right: 8, bottom: 4, left: 4 }}>
            <CartesianGrid vertical={false} stroke="#eaecf0" />
            <XAxis dataKey="at" tick={CHART_TICK} axisLine={false} tickLine={false} minTickGap={48} />
            <YAxis yAxisId="null" tick={CHART_TICK} axisLine={false} tickLine={false} width={44} unit="%" />
            {numeric ? (
              <YAxis
                yAxisId="mean"
                orientation="right"
                tick={CHART_TICK}
                axisLine={false}
                tickLine={false}
                width={56}
              />
            ) : null}
            <Tooltip contentStyle={{ borderRadius: 8, border: "1px solid #e4e7ec", fontSize: 13 }} />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            <Line
              yAxisId="null"
              dataKey="nullPct"
              name="null %"
              stroke="#f59e0b"
              dot={false}
              isAnimationActive={false}
            />
            {numeric ? (
              <Line yAxisId="mean" dataKey="mean" name="mean" stroke="#6366f1" dot={false} isAnimationActive={false} />
            ) : null}
          </LineChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
