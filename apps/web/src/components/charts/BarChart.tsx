"use client";
/** Recharts behind one wrapper: horizontal bars with the console's fonts and colours. */
import {
  Bar,
  BarChart as RechartsBarChart,
  CartesianGrid,
  Cell,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";

export interface BarDatum {
  label: string;
  value: number;
  color?: string;
  href?: string;
}

interface BarChartProps {
  data: BarDatum[];
  /** Accessible summary of what the bars show. */
  label: string;
  valueLabel: string;
  onSelect?: (datum: BarDatum) => void;
}

const ROW_HEIGHT = 30;

export function HorizontalBarChart({ data, label, valueLabel, onSelect }: BarChartProps) {
  const height = Math.max(120, data.length * ROW_HEIGHT + 40);
  const labelWidth = Math.min(220, Math.max(80, ...data.map((d) => d.label.length * 7.2)));
  return (
    <figure style={{ margin: 0 }} aria-label={label}>
      <div style={{ width: "100%", height }}>
        <ResponsiveContainer width="100%" height="100%">
          <RechartsBarChart
            data={data}
            layout="vertical"
            margin={{ top: 4, right: 24, bottom: 4, left: 4 }}
            barCategoryGap={6}
          >
            <CartesianGrid horizontal={false} stroke="#eaecf0" />
            <XAxis
              type="number"
              allowDecimals={false}
              tick={{ fontSize: 12, fill: "#667085" }}
              axisLine={false}
              tickLine={false}
            />
            <YAxis
              type="category"
              dataKey="label"
              width={labelWidth}
              tick={{ fontSize: 12, fill: "#344054" }}
              axisLine={false}
              tickLine={false}
              interval={0}
            />
            <Tooltip
              cursor={{ fill: "rgb(79 70 229 / 0.06)" }}
              formatter={(value) => [value, valueLabel]}
              contentStyle={{ borderRadius: 8, border: "1px solid #e4e7ec", fontSize: 13 }}
            />
            <Bar
              dataKey="value"
              radius={[0, 4, 4, 0]}
              isAnimationActive={false}
              cursor={onSelect ? "pointer" : undefined}
              onClick={(entry) => {
                const datum = data.find((d) => d.label === (entry as { label?: string }).label);
                if (datum && onSelect) onSelect(datum);
              }}
            >
              {data.map((datum) => (
                <Cell key={datum.label} fill={datum.color ?? "#6366f1"} />
              ))}
            </Bar>
          </RechartsBarChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="visually-hidden">
        {label}: {data.map((d) => `${d.label} ${d.value}`).join(", ")}
      </figcaption>
    </figure>
  );
}
