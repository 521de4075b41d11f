/** Shared by the console's Recharts charts: axis ticks and time labels to the second (UTC). */
export const CHART_TICK = { fontSize: 12, fill: "#667085" };

export const chartTime = new Intl.DateTimeFormat("en", {
  second: "2-digit",
  hourCycle: "h23",
  month: "short",
  day: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  timeZone: "UTC",
});
