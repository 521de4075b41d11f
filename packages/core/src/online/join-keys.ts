import type { Dtype, EntitySpec, FeatureViewSpec } from "../definitions/types";
import { PantryError } from "../errors";

export interface ViewJoinKey {
  name: string;
  /** The entity's value type, else the type the view's schema declares for the column, else null. */
  dtype: Dtype | null;
  entity: string;
}

/** A view's join keys in order (its entities, each entity's keys); [] for an entityless view. */
export function joinKeysOfView(view: FeatureViewSpec, entities: ReadonlyMap<string, EntitySpec>): ViewJoinKey[] {
  const keys: ViewJoinKey[] = [];
  for (const entityName of view.entities) {
    const entity = entities.get(entityName);
    if (!entity) {
      throw new PantryError(
        "FAILED_PRECONDITION",
        `feature view '${view.name}' uses entity '${entityName}', which is not in the registry; run 'pantry apply'`,
        { view: view.name, entity: entityName },
      );
    }
    for (const name of entity.joinKeys) {
      const declared = view.entityColumns.find((c) => c.name === name)?.dtype ?? null;
      keys.push({ name, dtype: entity.valueType ?? declared, entity: entity.name });
    }
  }
  return keys;
}
