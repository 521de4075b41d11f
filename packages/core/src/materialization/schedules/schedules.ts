/**
 * Materialization schedules of a project: create, change, pause, resume, delete, list. Each write
 * goes with its audit entry; views must exist and be online (none = every online view).
 */
import type { ScheduleRecord } from "@pantry/db";
import { didYouMean, PantryError } from "../../errors";
import type { Registry } from "../../registry/registry";
import { formatScheduleInterval, parseScheduleInterval } from "./interval";

/** A schedule as stored (see ScheduleRecord: next/last run, lease, who and when), views parsed. */
export interface MaterializationSchedule extends Omit<ScheduleRecord, "projectName" | "views"> {
  project: string;
  /** Empty = every online view of the project. */
  views: string[];
  /** The interval as written back ("1h"). */
  every: string;
}

export interface CreateScheduleInput {
  project: string;
  /** Default: "every_<interval>" (e.g. every_1h). */
  name?: string;
  /** "15m", "1h", "1d"; at least a minute. */
  every: string;
  /** Empty or absent = every online view. */
  views?: string[];
  actor: string;
  /** The first run is one interval after now. */
  now?: Date;
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/;

export function toSchedule(record: ScheduleRecord): MaterializationSchedule {
  const { projectName, views, ...rest } = record;
  return {
    ...rest,
    project: projectName,
    views,
    every: formatScheduleInterval(record.intervalSeconds),
  };
}

export async function listSchedules(registry: Registry, project: string | null): Promise<MaterializationSchedule[]> {
  const rows = await registry.schedules.list(project);
  return rows.map(toSchedule);
}

export async function getScheduleOrThrow(
  registry: Registry,
  options: { project: string; name: string },
): Promise<MaterializationSchedule> {
  const row = await registry.schedules.get(options.project, options.name);
  if (row) return toSchedule(row);
  const names = (await listSchedules(registry, options.project)).map((s) => s.name);
  throw new PantryError(
    "NOT_FOUND",
    `schedule '${options.name}' is not in project '${options.project}'` +
      (names.length ? ` (it has: ${names.join(", ")})${didYouMean(options.name, names)}` : "; it has no schedules yet"),
    { schedule: options.name },
  );
}

export async function createSchedule(registry: Registry, input: CreateScheduleInput): Promise<MaterializationSchedule> {
  const given = input.name?.trim();
  const intervalSeconds = parseScheduleInterval(input.every.trim(), given || "(new)");
  const name = given || `every_${formatScheduleInterval(intervalSeconds)}`;
  if (!NAME.test(name)) {
    throw new PantryError(
      "INVALID_ARGUMENT",
      `schedule name '${name}' may hold only letters, digits, '_', '.' and '-' (up to 100, starting with a letter or digit)`,
      { schedule: name, field: "name" },
    );
  }
  await registry.getProjectOrThrow(input.project);
  const views = await checkViews(registry, input.project, input.views ?? []);
  const now = input.now ?? new Date();
  const created = await registry.schedules.create(
    {
      projectName: input.project,
      name,
      views,
      intervalSeconds,
      nextRunAt: new Date(now.getTime() + intervalSeconds * 1000),
    },
    {
      actor: input.actor,
      action: "create-schedule",
      summary: `schedule '${name}' created: ${describeViews(views)} every ${formatScheduleInterval(intervalSeconds)}`,
      details: { views, intervalSeconds },
    },
  );
  if (!created) {
    throw new PantryError(
      "CONFLICT",
      `project '${input.project}' already has a schedule named '${name}'; pick another name (--name) or delete that one`,
      { schedule: name, field: "name" },
    );
  }
  return toSchedule(created);
}

/** Stops running it (the schedule and its history stay). */
export function pauseSchedule(registry: Registry, options: { project: string; name: string; actor: string }) {
  return setEnabled(registry, options, false);
}

/** Runs it again from one interval after now (the slots missed while paused are skipped). */
export function resumeSchedule(
  registry: Registry,
  options: { project: string; name: string; actor: string; now?: Date },
) {
  return setEnabled(registry, options, true);
}

export async function deleteSchedule(
  registry: Registry,
  options: { project: string; name: string; actor: string },
): Promise<MaterializationSchedule> {
  const existing = await getScheduleOrThrow(registry, options);
  const removed = await registry.schedules.delete(options.project, options.name, {
    actor: options.actor,
    action: "delete-schedule",
    summary: `schedule '${options.name}' deleted`,
    details: { views: existing.views, intervalSeconds: existing.intervalSeconds },
  });
  if (!removed) throw new PantryError("NOT_FOUND", `schedule '${options.name}' was deleted meanwhile`);
  return existing;
}

const CHANGES = { pause: pauseSchedule, resume: resumeSchedule, delete: deleteSchedule };
export type ScheduleChangeKind = keyof typeof CHANGES;

/** Pause, resume or delete one schedule (the CLI's and the console's verbs). */
export function changeSchedule(
  registry: Registry,
  options: { project: string; name: string; actor: string; change: ScheduleChangeKind; now?: Date },
): Promise<MaterializationSchedule> {
  return CHANGES[options.change](registry, options);
}

async function setEnabled(
  registry: Registry,
  options: { project: string; name: string; actor: string; now?: Date },
  enabled: boolean,
): Promise<MaterializationSchedule> {
  const existing = await getScheduleOrThrow(registry, options);
  if (existing.enabled === enabled) return existing;
  const now = options.now ?? new Date();
  const verb = enabled ? "resume" : "pause";
  const updated = await registry.schedules.update(
    options.project,
    options.name,
    enabled ? { enabled, nextRunAt: new Date(now.getTime() + existing.intervalSeconds * 1000) } : { enabled },
    {
      actor: options.actor,
      action: `${verb}-schedule`,
      summary: `schedule '${options.name}' ${enabled ? "resumed" : "paused"}`,
      details: { enabled },
    },
  );
  if (!updated) throw new PantryError("NOT_FOUND", `schedule '${options.name}' was deleted meanwhile`);
  return toSchedule(updated);
}

async function checkViews(registry: Registry, project: string, requested: string[]): Promise<string[]> {
  const views = [...new Set(requested.map((v) => v.trim()).filter(Boolean))];
  if (views.length === 0) return [];
  const known = (await registry.getContents(project)).featureViews;
  for (const name of views) {
    const view = known.find((v) => v.name === name);
    if (!view) {
      throw new PantryError(
        "NOT_FOUND",
        `feature view '${name}' is not in project '${project}'${didYouMean(
          name,
          known.map((v) => v.name),
        )}; pick one of its online views`,
        { view: name, field: "views" },
      );
    }
    if (!view.online) {
      throw new PantryError(
        "FAILED_PRECONDITION",
        `feature view '${name}' is not online (online: false), so it is never materialized; schedule an online view`,
        { view: name, field: "views" },
      );
    }
  }
  return views;
}

function describeViews(views: string[]): string {
  return views.length ? views.join(", ") : "every online view";
}
