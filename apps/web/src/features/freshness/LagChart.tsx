"use client";
/** One view's lag after each successful run, with its expected freshness as a reference line. */
import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { CHART_TICK as TICK, chartTime as SHORT } from "@/lib/chart-style";
import { formatDateTime } from "@/lib/format";
import { formatLag, lagUnit } from "./freshness-format";

export interface LagChartPoint {
  at: Date;
  lagMs: number;
}

export function LagChart({
  view,
  points,
  expectedMs,
}: {
  view: string;
  points: LagChartPoint[];
  expectedMs: number | null;
}) {
  const max = Math.max(expectedMs ?? 0, ...points.map((p) => p.lagMs));
  const unit = lagUnit(max);
  const data = points.map((p) => ({
    when: SHORT.format(new Date(p.at)),
    at: formatDateTime(p.at),
    lag: Number((p.lagMs / unit.ms).toFixed(2)),
    lagMs: p.lagMs,
  }));
  const expected = expectedMs === null ? null : Number((expectedMs / unit.ms).toFixed(2));
  const top = Math.max(1, Math.ceil(Math.max(expected ?? 0, ...data.map((d) => d.lag)) * 1.1));
  return (
    <figure style={{ margin: 0 }} aria-label={`Lag over time of ${view}`} data-testid="lag-chart">
      <p className="muted" style={{ margin: "0 0 8px", fontSize: 13 }}>
        Lag when each run finished.{" "}
        {expectedMs !== null ? (
          <span style={{ color: "#d92d20" }}>Dashed red line: expected {formatLag(expectedMs)}.</span>
        ) : (
          "No expected freshness."
        )}
      </p>
      <div style={{ width: "100%", height: 240 }}>
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={data} margin={{ top: 16, right: 16, bottom: 4, left: 4 }}>
            <CartesianGrid vertical={false} stroke="#eaecf0" />
            <XAxis dataKey="when" tick={TICK} axisLine={false} tickLine={false} minTickGap={24} />
            <YAxis tick={TICK} axisLine={false} tickLine={false} width={72} unit={` ${unit.label}`} domain={[0, top]} />
            <Tooltip
              labelFormatter={(_, payload) => payload?.[0]?.payload?.at ?? ""}
              formatter={(_value, _name, item) => [formatLag(item.payload?.lagMs as number), "Lag"]}
              contentStyle={{ borderRadius: 8, border: "1px solid #e4e7ec", fontSize: 13 }}
            />
            {expected !== null ? <ReferenceLine y={expected} stroke="#d92d20" strokeDasharray="6 4" /> : null}
            <Line dataKey="lag" name="Lag" stroke="#6366f1" strokeWidth={2} dot={{ r: 3 }} isAnimationActive={false} />
          </LineChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="visually-hidden">
        Lag of {view} after each run: {data.map((d) => `${d.at} ${formatLag(d.lagMs)}`).join(", ")}
        {expectedMs !== null ? `; expected ${formatLag(expectedMs)}` : ""}
      </figcaption>
    </figure>
  );
}
