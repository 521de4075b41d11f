/**
 * One server may serve several projects (a workspace of feature repos). Feast's JSON names no
 * project, so the project is: the `x-pantry-project` header or `?project=`, else the only one,
 * else the one project that has the view, service or push source the body names.
 */
import type { IncomingMessage } from "node:http";
import { didYouMean, PantryError } from "@pantry/core";
import type { FeastProjectJson, OnlineServing, ServingIndex } from "@pantry/core";
import type { MaterializationContextSource } from "./routes/materialize";

export interface FeatureServerProject {
  serving: OnlineServing;
  /** Enables /materialize and /materialize-incremental for this project. */
  materialization?: MaterializationContextSource;
  /** The project in Feast's registry JSON (Feast's REST registry contract); absent: not listed. */
  feastProjectJson?: () => Promise<FeastProjectJson>;
}

export function pickProject(
  projects: readonly FeatureServerProject[],
  request: IncomingMessage,
  query: URLSearchParams,
  body: unknown,
): FeatureServerProject {
  const named = headerValue(request, "x-pantry-project") ?? query.get("project") ?? bodyProject(body);
  if (named !== null) {
    const found = projects.find((p) => p.serving.project === named);
    if (found) return found;
    const names = projects.map((p) => p.serving.project);
    throw new PantryError(
      "NOT_FOUND",
      `project '${named}' is not served here (projects: ${names.join(", ")})${didYouMean(named, names)}`,
      {
        project: named,
      },
    );
  }
  if (projects.length === 1) return projects[0] as FeatureServerProject;
  const object = typeOfBody(body);
  if (object) {
    const matches = projects.filter((p) => object.test(p.serving.index));
    if (matches.length === 1) return matches[0] as FeatureServerProject;
    if (matches.length === 0) {
      throw new PantryError(
        "NOT_FOUND",
        `no project served here has ${object.label} (projects: ${projects.map((p) => p.serving.project).join(", ")})`,
      );
    }
  }
  throw new PantryError(
    "INVALID_ARGUMENT",
    `this server serves several projects (${projects.map((p) => p.serving.project).join(", ")}); name one with the x-pantry-project header or ?project=`,
  );
}

function headerValue(request: IncomingMessage, name: string): string | null {
  const value = request.headers[name];
  return typeof value === "string" && value !== "" ? value : null;
}

function bodyProject(body: unknown): string | null {
  const project = (body as { project?: unknown } | null)?.project;
  return typeof project === "string" && project !== "" ? project : null;
}

/** What the body names, as a test on a project's index. */
function typeOfBody(body: unknown): { label: string; test: (index: ServingIndex) => boolean } | null {
  if (body === null || typeof body !== "object") return null;
  const b = body as Record<string, unknown>;
  if (typeof b.feature_service === "string") {
    const name = b.feature_service;
    return { label: `feature service '${name}'`, test: (index) => index.services.has(name) };
  }
  if (Array.isArray(b.features) && typeof b.features[0] === "string") {
    const view = b.features[0].split(":")[0] ?? "";
    return { label: `feature view '${view}'`, test: (index) => index.views.has(view) };
  }
  if (typeof b.feature_view_name === "string") {
    const view = b.feature_view_name;
    return { label: `feature view '${view}'`, test: (index) => index.views.has(view) };
  }
  if (typeof b.push_source_name === "string") {
    const source = b.push_source_name;
    return { label: `push source '${source}'`, test: (index) => index.sources.get(source)?.type === "push" };
  }
  return null;
}
