/**
 * Who may do what: three roles, each including the one below, and the role every action needs.
 * No node imports: the console's browser code reads this table to disable buttons.
 */
export const ROLES = ["viewer", "editor", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const ACTION_ROLES = {
  /** Catalog, lineage, usage, freshness, jobs, search, get-online-features. */
  read: "viewer",
  /** Console edits (create/update of console objects), Feast imports, refreshing the workspace. */
  edit: "editor",
  materialize: "editor",
  schedule: "editor",
  save_dataset: "editor",
  /** /push and /write-to-online-store. */
  push: "editor",
  /** Deprecate and reactivate a view. */
  deprecate: "editor",
  retire: "admin",
  /** Deleting a registry object from the console. */
  delete: "admin",
  /** A Feast import that changes or deletes objects an earlier import made. */
  replace_import: "admin",
  manage_users: "admin",
} as const satisfies Record<string, Role>;

export type Action = keyof typeof ACTION_ROLES;

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

export function roleNeeded(action: Action): Role {
  return ACTION_ROLES[action];
}

export function roleAllows(role: Role, action: Action): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(ACTION_ROLES[action]);
}

/** Who is acting. `auth: "no_auth"` principals are admins named by the caller (a header, the OS user). */
export interface Principal {
  name: string;
  role: Role;
  auth: "no_auth" | "token";
}
