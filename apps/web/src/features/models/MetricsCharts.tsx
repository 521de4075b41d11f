"use client";
/** A model's requests, entity rows and errors, and its latency p50/p99, per bucket of the range. */
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { CHART_TICK } from "@/lib/chart-style";
import { formatCount } from "@/lib/format";
import type { ModelDetail } from "./model";

const HOUR = 3_600_000;

function ticks(bucketMs: number): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat("en", {
    timeZone: "UTC",
    hourCycle: "h23",
    hour: "2-digit",
    minute: "2-digit",
    ...(bucketMs < HOUR ? {} : { month: "short", day: "numeric" }),
  });
}

export function MetricsCharts({ metrics }: { metrics: ModelDetail["metrics"] }) {
  const format = ticks(metrics.bucketMs);
  const data = metrics.points.map((p) => ({
    when: format.format(new Date(p.bucket)),
    requests: p.requests,
    entityRows: p.entityRows,
    errors: p.errors,
    p50: p.p50Ms,
    p99: p.p99Ms,
  }));
  const tooltip = { contentStyle: { borderRadius: 8, border: "1px solid #e4e7ec", fontSize: 13 } };
  return (
    <div style={{ display: "grid", gridTemplateColumns: "repeat(auto-fit, minmax(320px, 1fr))", gap: 16 }}>
      <figure style={{ margin: 0 }} aria-label="Requests, entity rows and errors over time">
        <div style={{ width: "100%", height: 220 }}>
          <ResponsiveContainer width="100%" height="100%">
            <LineChart data={data} margin={{ top: 8, right: 8, bottom: 4, left: 4 }}>
              <CartesianGrid vertical={false} stroke="#eaecf0" />
              <XAxis dataKey="when" tick={CHART_TICK} axisLine={false} tickLine={false} minTickGap={48} />
              <YAxis
                tick={CHART_TICK}
                axisLine={false}
                tickLine={false}
                width={56}
                tickFormatter={(v: number) => formatCount(v)}
              />
              <Tooltip {...tooltip} formatter={(v) => formatCount(Number(v))} />
              <Legend wrapperStyle={{ fontSize: 12 }} />
              <Line dataKey="requests" name="requests" stroke="#6366f1" dot={false} isAnimationActive={false} />
              <Line dataKey="entityRows" name="entity rows" stroke="#0ea5e9" dot={false} isAnimationActive={false} />
              <Line dataKey="errors" name="errors" stroke="#ef4444" dot={false} isAnimationActive={false} />
            </LineChart>
          </ResponsiveContainer>
        </div>
      </figure>
      <figure style={{ margin: 0 }} aria-label="Latency p50 and p99 over time">
        <div style={{ width: "100%", height: 220 }}>
          <ResponsiveContainer width="100%" height="100%">
            <LineChart data={data} margin={{ top: 8, right: 8, bottom: 4, left: 4 }}>
              <CartesianGrid vertical={false} stroke="#eaecf0" />
              <XAxis dataKey="when" tick={CHART_TICK} axisLine={false} tickLine={false} minTickGap={48} />
              <YAxis tick={CHART_TICK} axisLine={false} tickLine={false} width={56} unit=" ms" />
              <Tooltip {...tooltip} formatter={(v) => (v === null ? "—" : `≤ ${v} ms`)} />
              <Legend wrapperStyle={{ fontSize: 12 }} />
              <Line dataKey="p50" name="p50" stroke="#10b981" dot={false} connectNulls isAnimationActive={false} />
              <Line dataKey="p99" name="p99" stroke="#f59e0b" dot={false} connectNulls isAnimationActive={false} />
            </LineChart>
          </ResponsiveContainer>
        </div>
      </figure>
    </div>
  );
}
