export { type AccessPolicy, accessPolicyFor, authorize, bearerToken } from "./policy";
export {
  ACTION_ROLES,
  type Action,
  isRole,
  type Principal,
  ROLES,
  type Role,
  roleAllows,
  roleNeeded,
} from "./roles";
export {
  addRepoUser,
  addTokenUser,
  findUserByToken,
  generateToken,
  hashToken,
  readTokensFile,
  removeRepoUser,
  removeTokenUser,
  type TokenUser,
} from "./tokens";
export { createSession, revokeSession, SESSION_MAX_AGE_SECONDS, sessionToken } from "./sessions";
export * from "./network";
