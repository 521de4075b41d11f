/**
 * A project's definitions read straight from the SQLite registry file with better-sqlite3, for
 * the read path every verb takes (`getContents`): Prisma's first query instantiates its
 * WebAssembly query compiler, about 0.09 s of a CLI process that only reads. Only the `spec`
 * columns (the canonical JSON the registry keeps) and the project's own fields are read, in one
 * read transaction, so the five lists are one consistent snapshot. Writes stay with Prisma.
 */
import Database from "better-sqlite3";
import { RegistryDbError } from "./errors";
import type { ObjectKindName, ProjectRecord } from "./records";

export interface ProjectSpecs {
  project: Pick<ProjectRecord, "name" | "description" | "owner" | "tags">;
  /** Each kind's specs (JSON text), ordered by name. */
  specs: Record<ObjectKindName, string[]>;
}

/** Prisma's model (table) per object kind (prisma/schema.prisma has no @@map). */
const TABLES: Record<ObjectKindName, string> = {
  entity: "Entity",
  dataSource: "DataSource",
  featureView: "FeatureView",
  onDemandFeatureView: "OnDemandFeatureView",
  featureService: "FeatureService",
};

export class SqliteSpecReader {
  #db: Database.Database | null = null;
  #read: ((project: string) => ProjectSpecs | null) | null = null;

  constructor(private readonly path: string) {}

  projectSpecs(project: string): ProjectSpecs | null {
    try {
      return this.reader()(project);
    } catch (error) {
      throw new RegistryDbError(
        "UNAVAILABLE",
        `cannot read the registry file ${this.path}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  close(): void {
    this.#db?.close();
    this.#db = null;
    this.#read = null;
  }

  private reader(): (project: string) => ProjectSpecs | null {
    if (this.#read) return this.#read;
    // Read-only: this connection never takes the write lock the Prisma side serializes on.
    const db = new Database(this.path, { readonly: true, fileMustExist: true, timeout: 10_000 });
    this.#db = db;
    const findProject = db.prepare<
      [string],
      { id: string; name: string; description: string; owner: string; tags: string }
    >(`SELECT "id", "name", "description", "owner", "tags" FROM "Project" WHERE "name" = ?`);
    const lists = Object.entries(TABLES).map(([kind, table]) => ({
      kind: kind as ObjectKindName,
      statement: db.prepare<[string], { spec: string }>(
        `SELECT "spec" FROM "${table}" WHERE "projectId" = ? ORDER BY "name" ASC`,
      ),
    }));
    this.#read = db.transaction((project: string): ProjectSpecs | null => {
      const row = findProject.get(project);
      if (!row) return null;
      const specs = Object.fromEntries(
        lists.map(({ kind, statement }) => [kind, statement.all(row.id).map((r) => r.spec)]),
      ) as Record<ObjectKindName, string[]>;
      return { project: { name: row.name, description: row.description, owner: row.owner, tags: row.tags }, specs };
    });
    return this.#read;
  }
}
