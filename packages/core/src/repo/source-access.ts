/**
 * What a data source may point at, checked before anything is planned (apply from code, console
 * edits, Feast imports) and again by the offline stores before each read: a file source's path
 * must be inside the repo folder or offline_store.allowed_paths, and a PostgreSQL query source
 * must be exactly one statement.
 */
import { confinePath, isUrlPath, type PathPolicy } from "../config/allowed-paths";
import type { RegistryObjectSpec } from "../definitions/types";
import { isPantryError, type PantryError, ValidationErrors } from "../errors";
import { singleStatement } from "../offline/sql/single-statement";

/**
 * keepUrls (Feast imports): a path that is a URL (s3://, gs://, https://) is kept as a record,
 * since Feast registries routinely point at object stores; it is never read (every read confines
 * the path again and refuses URLs). Local paths outside the allowed folders are refused for
 * every origin.
 */
export function checkSourceAccess(
  objects: readonly RegistryObjectSpec[],
  policy: PathPolicy,
  options: { keepUrls?: boolean } = {},
): void {
  const errors: PantryError[] = [];
  for (const spec of objects) {
    if (spec.kind !== "dataSource") continue;
    const what = `data source '${spec.name}'`;
    try {
      if (spec.type === "file" && !(options.keepUrls && isUrlPath(spec.path)))
        confinePath(policy, spec.path, { what, field: "path" });
      if (spec.type === "postgres" && spec.query !== null) singleStatement(spec.query, { what });
    } catch (error) {
      if (!isPantryError(error)) throw error;
      errors.push(error);
    }
  }
  if (errors.length === 1) throw errors[0];
  if (errors.length > 1) {
    throw new ValidationErrors(
      errors.map((e) => e.message),
      "Some data sources point at files or SQL this repo may not use; nothing was changed",
    );
  }
}
