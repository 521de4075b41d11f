"use client";
/** Requests over time, stacked per model, one bucket per point (15 min, 1 h or 6 h by range). */
import { Area, AreaChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatCount } from "@/lib/format";
import { colourOf, type UsageReport } from "./model";
import { CHART_TICK } from "@/lib/chart-style";

const HOUR = 3_600_000;

/** Times of day for 15-minute buckets; day and hour otherwise (a day alone would repeat on the axis). */
function tickFormat(bucketMs: number): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat("en", {
    timeZone: "UTC",
    hourCycle: "h23",
    hour: "2-digit",
    minute: "2-digit",
    ...(bucketMs < HOUR ? {} : { month: "short", day: "numeric" }),
  });
}

const FULL = new Intl.DateTimeFormat("en", {
  timeZone: "UTC",
  hourCycle: "h23",
  month: "short",
  day: "numeric",
  hour: "2-digit",
  minute: "2-digit",
});

export function UsageChart({ report }: { report: UsageReport }) {
  const shown = report.consumers.filter((c) => !report.consumer || c.consumer === report.consumer);
  const ticks = tickFormat(report.bucketMs);
  const data = report.series.map((point) => ({
    when: ticks.format(new Date(point.bucket)),
    at: `${FULL.format(new Date(point.bucket))} UTC`,
    ...Object.fromEntries(shown.map((c) => [c.consumer, point.requests[c.consumer] ?? 0])),
  }));
  return (
    <figure style={{ margin: 0 }} aria-label="Requests over time per model">
      <div style={{ width: "100%", height: 240 }}>
        <ResponsiveContainer width="100%" height="100%">
          <AreaChart data={data} margin={{ top: 8, right: 8, bottom: 4, left: 4 }}>
            <CartesianGrid vertical={false} stroke="#eaecf0" />
            <XAxis dataKey="when" tick={CHART_TICK} axisLine={false} tickLine={false} minTickGap={48} />
            <YAxis
              tick={CHART_TICK}
              axisLine={false}
              tickLine={false}
              allowDecimals={false}
              tickFormatter={(v: number) => formatCount(v)}
              width={56}
            />
            <Tooltip
              labelFormatter={(_, payload) => payload?.[0]?.payload?.at ?? ""}
              formatter={(value) => formatCount(Number(value))}
              contentStyle={{ borderRadius: 8, border: "1px solid #e4e7ec", fontSize: 13 }}
            />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            {shown.map((c) => (
              <Area
                key={c.consumer}
                type="monotone"
                dataKey={c.consumer}
                name={c.consumer}
                stackId="requests"
                stroke={colourOf(report.consumers, c.consumer)}
                fill={colourOf(report.consumers, c.consumer)}
                fillOpacity={0.35}
                strokeWidth={1.5}
                isAnimationActive={false}
              />
            ))}
          </AreaChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
