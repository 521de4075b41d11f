import { userInfo } from "node:os";

/** Who is acting, for the audit log: PANTRY_ACTOR, else the OS user. */
export function currentActor(): string {
  if (process.env.PANTRY_ACTOR) return process.env.PANTRY_ACTOR;
  try {
    return userInfo().username;
  } catch {
    return "unknown";
  }
}
