export { parseUsageRange, RANGE_SPANS, usageReport, viewReaders } from "./report";
export * from "./types";
