/** How a job's status and timing read in the console. */
export const ACTIVE_STATUSES = new Set(["queued", "running"]);

export function isActive(status: string): boolean {
  return ACTIVE_STATUSES.has(status);
}

export function statusTone(status: string): "success" | "danger" | "warning" | "neutral" {
  if (status === "succeeded" || status === "skipped") return "success";
  if (status === "failed") return "danger";
  if (status === "running" || status === "queued" || status === "pending") return "warning";
  return "neutral";
}

/** Seconds from start to end; a running job counts up to now. */
export function durationSeconds(start: Date | null, end: Date | null, now = new Date()): number | null {
  if (!start) return null;
  return ((end ?? now).getTime() - new Date(start).getTime()) / 1000;
}

export function formatDuration(seconds: number | null): string {
  if (seconds === null) return "—";
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const minutes = Math.floor(seconds / 60);
  return minutes < 60 ? `${minutes} min ${Math.round(seconds % 60)} s` : `${(minutes / 60).toFixed(1)} h`;
}

/** While any job is queued or running the page polls; otherwise it stays still. */
export const POLL_MS = 1000;
