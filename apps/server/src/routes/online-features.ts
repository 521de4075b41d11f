/** POST /get-online-features: Feast's body and answer, plus deprecation headers. */
import type { IncomingMessage, ServerResponse } from "node:http";
import { consumerFor, PantryError } from "@pantry/core";
import type { DeprecationNotice, OnlineServing, Principal } from "@pantry/core";
import { sendJsonText } from "../http-io";
import { asObject, optionalBoolean, optionalString } from "./body-fields";

export async function getOnlineFeaturesRoute(
  serving: OnlineServing,
  request: IncomingMessage,
  response: ServerResponse,
  body: unknown,
  principal: Principal,
): Promise<void> {
  const fields = asObject(body, "POST /get-online-features");
  const service = optionalString(fields, "feature_service");
  // Feast's Go and Java clients send `"features": []` beside a feature_service: that means none.
  const features =
    service !== undefined && Array.isArray(fields.features) && fields.features.length === 0
      ? undefined
      : fields.features;
  if ((features === undefined || features === null) === (service === undefined)) {
    throw new PantryError(
      "INVALID_ARGUMENT",
      `pass either 'features' (a list of "view:feature" refs) or 'feature_service' (a name)`,
    );
  }
  if (
    features !== undefined &&
    features !== null &&
    (!Array.isArray(features) || features.some((f) => typeof f !== "string"))
  ) {
    throw new PantryError("INVALID_ARGUMENT", `'features' must be a list of "view:feature" refs`);
  }
  if (fields.entities === undefined)
    throw new PantryError("INVALID_ARGUMENT", `'entities' is required, e.g. {"driver_id": [1001, 1002]}`);
  const consumer = request.headers["x-pantry-consumer"];
  const { response: answer } = await serving.retrieve({
    features: service ?? (features as string[]),
    entities: fields.entities,
    fullFeatureNames: optionalBoolean(fields, "full_feature_names") ?? false,
    // Token auth: the token's user (a header adds a model name under it); no_auth: the header.
    consumer: consumerFor(principal, typeof consumer === "string" ? consumer : undefined),
  });
  sendJsonText(response, 200, answer.toFeastJsonText(), deprecationHeaders(answer.deprecations));
}

/** RFC 9745 `Deprecation`, RFC 8594 `Sunset` (the earliest), and which views, for humans. */
export function deprecationHeaders(deprecations: readonly DeprecationNotice[]): Record<string, string> {
  if (deprecations.length === 0) return {};
  const headers: Record<string, string> = {
    deprecation: "true",
    "x-pantry-deprecated": deprecations
      .map((d) => (d.replacement ? `${d.view} (use ${d.replacement})` : d.view))
      .join(", "),
  };
  const sunsets = deprecations.map((d) => d.sunsetAt?.getTime()).filter((t): t is number => t !== undefined);
  if (sunsets.length > 0) headers.sunset = new Date(Math.min(...sunsets)).toUTCString();
  return headers;
}
