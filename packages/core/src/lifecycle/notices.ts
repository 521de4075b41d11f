/**
 * Deprecation notices: a deprecation or retirement that reaches a feature service or a model
 * becomes one notice per service and per model, addressed to their owners (a service's owner;
 * for a model, the owners of the services whose tags name it). Owners acknowledge them; the
 * deprecation's report shows who did and who still reads the thing.
 */
import type { NoticeRecord, NoticeRecordInput } from "@pantry/db";
import type { RepoContents } from "../definitions/types";
import { PantryError } from "../errors";
import { consumersFromTags } from "../lineage/consumers";
import type { Registry } from "../registry/registry";
import type { AffectedService, RecentConsumer } from "./types";

export type DeprecationNoticeEntry = NoticeRecord;

/** One notice per affected service and per model (tag-named or seen in usage), with its owners. */
export function noticesFor(
  impact: { services: AffectedService[]; consumers: RecentConsumer[]; excludeService?: string },
  contents: RepoContents,
): NoticeRecordInput[] {
  const notices: NoticeRecordInput[] = [];
  const ownersOfModel = new Map<string, Set<string>>();
  for (const service of contents.featureServices) {
    for (const link of consumersFromTags(service)) {
      const owners = ownersOfModel.get(link.consumer) ?? new Set<string>();
      if (service.owner) owners.add(service.owner);
      ownersOfModel.set(link.consumer, owners);
    }
  }
  const models = new Set<string>();
  for (const affected of impact.services) {
    for (const model of affected.consumers) models.add(model);
    if (affected.name === impact.excludeService) continue;
    const owner = contents.featureServices.find((s) => s.name === affected.name)?.owner ?? "";
    notices.push({ subjectKind: "featureService", subject: affected.name, owner });
  }
  for (const consumer of impact.consumers) models.add(consumer.consumer);
  for (const model of [...models].sort()) {
    notices.push({
      subjectKind: "model",
      subject: model,
      owner: [...(ownersOfModel.get(model) ?? [])].sort().join(", "),
    });
  }
  return notices;
}

export interface NoticeListOptions {
  project: string;
  /** "open" (default): not acknowledged yet; "acknowledged"; "all". */
  status?: "open" | "acknowledged" | "all";
  /** Only notices addressed to this owner (matched against the comma-separated owner list). */
  owner?: string;
}

export async function listNotices(registry: Registry, options: NoticeListOptions): Promise<DeprecationNoticeEntry[]> {
  await registry.getProjectOrThrow(options.project);
  const status = options.status ?? "open";
  const rows = await registry.governance.listNotices({
    projectName: options.project,
    open: status === "open" ? true : status === "acknowledged" ? false : undefined,
  });
  if (!options.owner) return rows;
  const owner = options.owner;
  return rows.filter((row) => ownersOf(row).includes(owner));
}

export function countOpenNotices(registry: Registry, project?: string): Promise<number> {
  return registry.governance.countOpenNotices(project);
}

export function ownersOf(notice: { owner: string }): string[] {
  return notice.owner
    .split(",")
    .map((o) => o.trim())
    .filter(Boolean);
}

/** An owner (anyone with editor rights, in practice) acknowledges a notice; audited. */
export async function acknowledgeNotice(
  registry: Registry,
  options: { project: string; id: string; actor: string },
): Promise<DeprecationNoticeEntry> {
  await registry.getProjectOrThrow(options.project);
  const outcome = await registry.governance.acknowledgeNotice(options.project, options.id, options.actor, (notice) => ({
    summary: `${notice.subjectKind === "model" ? "model" : "feature service"} '${notice.subject}' acknowledged that ${notice.targetKind === "feature" ? "feature" : notice.targetKind === "featureService" ? "feature service" : "view"} '${notice.target}' is ${notice.state}`,
    details: { notice: notice.id, subjectKind: notice.subjectKind, subject: notice.subject, state: notice.state },
  }));
  if (outcome.status === "missing") {
    throw new PantryError(
      "NOT_FOUND",
      `notice '${options.id}' is not in project '${options.project}'; list the open ones with 'pantry notices list'`,
    );
  }
  if (outcome.status === "already") {
    const when = outcome.notice.acknowledgedAt?.toISOString().slice(0, 16) ?? "";
    throw new PantryError(
      "FAILED_PRECONDITION",
      `notice '${options.id}' was already acknowledged by ${outcome.notice.acknowledgedBy ?? "someone"} (${when}Z)`,
    );
  }
  return outcome.notice;
}
