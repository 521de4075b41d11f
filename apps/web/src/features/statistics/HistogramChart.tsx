"use client";
/** A feature's 20-bin histogram (numbers) or its top values (strings), as bars. */
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { CHART_TICK } from "@/lib/chart-style";
import { formatCount } from "@/lib/format";
import type { FeatureStatistics } from "./model";

export function formatStat(value: number | null | undefined): string {
  if (value === null || value === undefined) return "—";
  if (Number.isInteger(value)) return value.toLocaleString("en-US");
  const abs = Math.abs(value);
  return abs !== 0 && (abs < 0.001 || abs >= 1e6) ? value.toExponential(3) : value.toPrecision(4);
}

export function HistogramChart({
  stats,
  label,
  color = "#6366f1",
  height = 200,
}: {
  stats: Pick<FeatureStatistics, "histogram" | "topValues" | "kind">;
  label: string;
  color?: string;
  height?: number;
}) {
  const data =
    stats.kind === "numeric"
      ? stats.histogram.map((bin) => ({
          name: formatStat(bin.lo),
          range: `${formatStat(bin.lo)} – ${formatStat(bin.hi)}`,
          count: bin.count,
        }))
      : stats.topValues.map((value) => ({ name: value.value, range: value.value, count: value.count }));
  if (data.length === 0)
    return <span className="muted">No values to draw (every value is null, or the type has no histogram).</span>;
  return (
    <figure style={{ margin: 0 }} aria-label={label}>
      <div style={{ width: "100%", height }}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} margin={{ top: 8, right: 8, bottom: 4, left: 4 }}>
            <CartesianGrid vertical={false} stroke="#eaecf0" />
            <XAxis dataKey="name" tick={CHART_TICK} axisLine={false} tickLine={false} minTickGap={16} />
            <YAxis
              tick={CHART_TICK}
              axisLine={false}
              tickLine={false}
              allowDecimals={false}
              tickFormatter={(v: number) => formatCount(v)}
              width={56}
            />
            <Tooltip
              labelFormatter={(_, payload) => payload?.[0]?.payload?.range ?? ""}
              formatter={(value) => [formatCount(Number(value)), "rows"]}
              contentStyle={{ borderRadius: 8, border: "1px solid #e4e7ec", fontSize: 13 }}
            />
            <Bar dataKey="count" fill={color} isAnimationActive={false} radius={[3, 3, 0, 0]} />
          </BarChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
