"use client";
/** Rows written (bars) and duration (line) per finished job, oldest to newest. */
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { CHART_TICK as TICK, chartTime as SHORT } from "@/lib/chart-style";
import { formatCount, formatDateTime } from "@/lib/format";
import type { RouterOutputs } from "@/lib/trpc/types";
import { durationSeconds, isActive } from "./job-status";

type Job = RouterOutputs["catalog"]["jobs"][number];

export function JobsChart({ jobs }: { jobs: Job[] }) {
  const data = jobs
    .filter((j) => !isActive(j.status) && j.startedAt)
    .slice(0, 40)
    .reverse()
    .map((j) => ({
      id: j.id,
      when: SHORT.format(new Date(j.createdAt)),
      at: formatDateTime(j.createdAt),
      rows: j.rowsWritten,
      seconds: Number((durationSeconds(j.startedAt, j.finishedAt) ?? 0).toFixed(2)),
    }));
  if (data.length < 2) return null;
  return (
    <figure style={{ margin: 0 }} aria-label="Rows written and duration per job">
      <div style={{ width: "100%", height: 220 }}>
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart data={data} margin={{ top: 8, right: 8, bottom: 4, left: 4 }}>
            <CartesianGrid vertical={false} stroke="#eaecf0" />
            <XAxis dataKey="when" tick={TICK} axisLine={false} tickLine={false} minTickGap={24} />
            <YAxis
              yAxisId="rows"
              tick={TICK}
              axisLine={false}
              tickLine={false}
              allowDecimals={false}
              tickFormatter={(v: number) => formatCount(v)}
              width={64}
            />
            <YAxis
              yAxisId="seconds"
              orientation="right"
              tick={TICK}
              axisLine={false}
              tickLine={false}
              unit=" s"
              width={56}
            />
            <Tooltip
              labelFormatter={(_, payload) => payload?.[0]?.payload?.at ?? ""}
              formatter={(value, name) => (name === "Rows written" ? formatCount(Number(value)) : `${value} s`)}
              contentStyle={{ borderRadius: 8, border: "1px solid #e4e7ec", fontSize: 13 }}
            />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            <Bar
              yAxisId="rows"
              dataKey="rows"
              name="Rows written"
              fill="#6366f1"
              radius={[4, 4, 0, 0]}
              isAnimationActive={false}
              maxBarSize={28}
            />
            <Line
              yAxisId="seconds"
              dataKey="seconds"
              name="Duration"
              stroke="#d97706"
              strokeWidth={2}
              dot={{ r: 3 }}
              isAnimationActive={false}
            />
          </ComposedChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="visually-hidden">
        Rows written and duration per job: {data.map((d) => `${d.at} ${d.rows} rows in ${d.seconds} s`).join(", ")}
      </figcaption>
    </figure>
  );
}
