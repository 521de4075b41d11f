export { parseUsageRange, RANGE_SPANS, usageReport, viewReaders } from "./report";
export { getProjectUsage, getViewReaders } from "./console";
export * from "./types";
