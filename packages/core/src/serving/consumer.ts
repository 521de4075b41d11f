/** Who a usage rollup is attributed to: the authenticated user, never only what a header claims. */
import type { Principal } from "../auth/roles";
import { MAX_CONSUMER_NAME_LENGTH, normalizeConsumerName } from "./usage-buffer";

/**
 * Token auth: the token's user, and `user/model` when the caller names a model (the
 * x-pantry-consumer header); a header can therefore only add a name under that user, never pose
 * as another one. no_auth: the header as sent (capped), else "anonymous".
 */
export function consumerFor(principal: Principal, declared: string | null | undefined): string {
  const model = declared ? normalizeConsumerName(declared) : "";
  if (principal.auth !== "token") return model || "anonymous";
  const user = normalizeConsumerName(principal.name);
  if (model === "" || model === "anonymous" || model === user) return user;
  const room = MAX_CONSUMER_NAME_LENGTH - user.length - 1;
  const suffix = model.startsWith(`${user}/`) ? model.slice(user.length + 1) : model;
  return room > 0 ? `${user}/${suffix.slice(0, room)}` : user;
}
