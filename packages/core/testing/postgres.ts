/** The registries a core test runs against (SQLite and a PostgreSQL database per test). */
import { createTestDatabase } from "@pantry/db/testing";

export { assertLocal, createTestDatabase } from "@pantry/db/testing";

/**
 * The registries a test runs against, as the `registry:` line of a feature_store.yaml: the embedded
 * SQLite file, and a PostgreSQL database created for the test and dropped by `cleanup`.
 */
export const REGISTRY_PROVIDERS = [
  { name: "SQLite", registryLine: async () => ({ line: "registry: data/registry.db", cleanup: async () => {} }) },
  {
    name: "PostgreSQL",
    registryLine: async () => {
      const db = await createTestDatabase();
      return { line: `registry: ${db.url}`, cleanup: db.drop };
    },
  },
];
