/**
 * The console's view of a folder of feature repos: every project of every registry they use.
 * Repos may share one registry or each have their own; each distinct registry is opened once.
 * Projects with no repo (a Feast import, a project made in the console) are listed too and get a
 * FeatureStore built from the config of a repo on the same registry.
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { type AccessPolicy, accessPolicyFor } from "../auth/policy";
import { type RepoConfig, redactSecrets } from "../config/repo-config";
import { registerShutdownHook } from "../deploy/shutdown-hooks";
import type { Tags } from "../definitions/types";
import { didYouMean, PantryError } from "../errors";
import { FeatureStore } from "../feature-store";
import { Registry } from "../registry/registry";
import { configStamp, type DiscoveredRepos, discoverRepos, registryKey } from "./discover-repos";

export interface WorkspaceProject {
  name: string;
  description: string;
  owner: string;
  tags: Tags;
  /** The feature repo folder, when the project comes from one; null for imports and console-only projects. */
  repoPath: string | null;
  /** Where the project's registry lives, with secrets redacted (safe to show). */
  registry: string;
  /** false while a repo's project has never been applied (its registry does not know it yet). */
  applied: boolean;
}

/** One distinct registry and the repo configs that point at it (the first one stands for it). */
export interface WorkspaceRegistry {
  key: string;
  /** Where it lives, secrets redacted. */
  location: string;
  /**
   * Open lazily for a SQLite file that does not exist yet: listing the workspace must not create
   * empty registry files for repos nobody has applied (start-up applies them when they are empty).
   */
  open(): Promise<Registry>;
  /** false for a SQLite registry whose file does not exist yet. */
  exists(): boolean;
  configs: RepoConfig[];
}

/**
 * One project of the workspace, resolved once per request: its registry (open) and its
 * FeatureStore (offline and online stores opened on first use). What the console's procedures get.
 */
export interface ProjectHandle {
  name: string;
  /** The project's own feature repo folder; null for imports and console-only projects. */
  repoPath: string | null;
  registry: Registry;
  store: FeatureStore;
}

interface Discovered {
  repos: DiscoveredRepos;
  registries: WorkspaceRegistry[];
}

interface ProjectPlacement {
  project: WorkspaceProject;
  registry: WorkspaceRegistry;
  /** The project's own repo config, else one borrowed from its registry. */
  config: RepoConfig;
}

export interface OpenWorkspaceOptions {
  /** A folder of feature repos, or one feature repo. Default: PANTRY_WORKSPACE, else ./feature_store. */
  root?: string;
}

export class Workspace {
  readonly root: string;
  private discovered: Promise<Discovered> | null = null;
  private readonly stores = new Map<string, FeatureStore>();
  private policy: { stamp: string; repos: DiscoveredRepos } | null = null;

  constructor(options: OpenWorkspaceOptions = {}) {
    this.root = resolve(options.root ?? process.env.PANTRY_WORKSPACE ?? "./feature_store");
  }

  /** Forgets the discovered repos and built stores: the next call reads the folder again. */
  async refresh(): Promise<void> {
    this.discovered = null;
    this.policy = null;
    const stores = [...this.stores.values()];
    this.stores.clear();
    await Promise.all(stores.map((store) => store.close()));
  }

  /** Problems found while reading the repos' feature_store.yaml files (never fatal). */
  async problems(): Promise<string[]> {
    const { repos, registries } = await this.discover();
    const notes = repos.problems.map((p) => redactSecrets(p));
    if (registries.length === 0)
      notes.push(`${this.root} holds no feature repo (no sub-folder with a feature_store.yaml)`);
    return notes;
  }

  /**
   * Who may do what in this workspace (token auth when any of its repos turns it on). A repo
   * whose feature_store.yaml declares `auth:` but cannot be read makes this throw: the
   * workspace then refuses every request until it is fixed, never falling back to no_auth.
   */
  async accessPolicy(): Promise<AccessPolicy> {
    const stamp = configStamp(this.root);
    if (this.policy?.stamp !== stamp) {
      // A feature_store.yaml changed since the repos were read: the auth settings are read again.
      this.policy = { stamp, repos: discoverRepos(this.root) };
    }
    const { repos } = this.policy;
    if (repos.authProblems.length > 0) {
      throw new PantryError(
        "FAILED_PRECONDITION",
        `Pantry refuses to serve this workspace: a feature_store.yaml that configures auth could not be read, and Pantry never falls back to no_auth. Fix it (auth: {type: token, tokens_file: users.yaml} or auth: {type: no_auth}) and restart or refresh:\n${repos.authProblems.map((p) => `  - ${redactSecrets(p)}`).join("\n")}`,
        { key: "auth" },
      );
    }
    return accessPolicyFor(repos.configs);
  }

  async registries(): Promise<WorkspaceRegistry[]> {
    return (await this.discover()).registries;
  }

  async listProjects(): Promise<WorkspaceProject[]> {
    return (await this.placements()).map((p) => p.project);
  }

  async getProjectOrThrow(name: string): Promise<WorkspaceProject> {
    return (await this.placementOrThrow(name)).project;
  }

  async registryFor(project: string): Promise<Registry> {
    return (await this.placementOrThrow(project)).registry.open();
  }

  /** The open registries that exist (a repo never applied has none yet). */
  async openRegistries(): Promise<Registry[]> {
    const registries = await this.registries();
    return Promise.all(registries.filter((r) => r.exists()).map((r) => r.open()));
  }

  /** The FeatureStore of a project, built once and kept until refresh(). */
  async storeFor(project: string): Promise<FeatureStore> {
    return this.stores.get(project) ?? this.storeOf(await this.placementOrThrow(project));
  }

  /** A project's registry and store; NOT_FOUND (with a did-you-mean) for a name the workspace does not hold. */
  async project(name: string): Promise<ProjectHandle> {
    const placement = await this.placementOrThrow(name);
    return {
      name,
      repoPath: placement.project.repoPath,
      registry: await placement.registry.open(),
      store: this.storeOf(placement),
    };
  }

  private storeOf(placement: ProjectPlacement): FeatureStore {
    const name = placement.project.name;
    const cached = this.stores.get(name);
    if (cached) return cached;
    const store = new FeatureStore({ config: placement.config });
    this.stores.set(name, store);
    return store;
  }

  /**
   * A FeatureStore per feature repo of the workspace, each on its own feature_store.yaml (what
   * `pantry serve --workspace` serves). A repo whose yaml cannot be read, or a folder with no repo,
   * is an error naming it: a server does not start with part of its repos silently left out.
   */
  async repoStores(): Promise<FeatureStore[]> {
    const { repos } = await this.discover();
    if (repos.problems.length > 0) {
      throw new PantryError(
        "INVALID_ARGUMENT",
        `some feature repos of ${this.root} cannot be read:\n  - ${repos.problems.join("\n  - ")}`,
      );
    }
    if (repos.configs.length === 0) {
      throw new PantryError("NOT_FOUND", `no feature repos (folders with a feature_store.yaml) in ${this.root}`);
    }
    return repos.configs.map((config) => this.stores.get(config.project) ?? new FeatureStore({ config }));
  }

  /** A store for a project that may not exist yet (imports and first console edits create projects). */
  async storeForNewProject(project: string, onRegistryOf?: string): Promise<FeatureStore> {
    const registries = await this.registries();
    const home = onRegistryOf ? (await this.placementOrThrow(onRegistryOf)).registry : registries[0];
    const base = home?.configs[0];
    if (!base)
      throw new PantryError("FAILED_PRECONDITION", `${this.root} holds no feature repo to take a registry from`);
    return new FeatureStore({ config: { ...base, project } });
  }

  async close(): Promise<void> {
    await this.refresh();
  }

  private discover(): Promise<Discovered> {
    this.discovered ??= this.readRepos().catch((error: unknown) => {
      this.discovered = null;
      throw error;
    });
    return this.discovered;
  }

  private async readRepos(): Promise<Discovered> {
    const repos = discoverRepos(this.root);
    const byKey = new Map<string, RepoConfig[]>();
    for (const config of repos.configs) {
      const key = registryKey(config.registry);
      byKey.set(key, [...(byKey.get(key) ?? []), config]);
    }
    const registries = [...byKey].map(([key, configs]): WorkspaceRegistry => {
      const location = (configs[0] as RepoConfig).registry;
      const exists = () => location.type !== "sqlite" || existsSync(location.path);
      return {
        key,
        configs,
        location: location.type === "sqlite" ? location.path : redactSecrets(location.url),
        exists,
        open: () => Registry.open(location),
      };
    });
    return { repos, registries };
  }

  /** Projects are listed from the registries on every call (one cheap query each), so a CLI apply shows up. */
  private async placements(): Promise<ProjectPlacement[]> {
    return (await this.collectPlacements(false)).placements;
  }

  /**
   * With `tolerant`, a registry that cannot be read (PostgreSQL down) is skipped and its error kept:
   * the projects its repos declare are still placed (their calls then fail on that registry
   * alone), and the projects of the other registries answer as usual.
   */
  private async collectPlacements(tolerant: boolean): Promise<{ placements: ProjectPlacement[]; failures: unknown[] }> {
    const { registries } = await this.discover();
    const placements = new Map<string, ProjectPlacement>();
    const failures: unknown[] = [];
    for (const home of registries) {
      let stored: Awaited<ReturnType<Registry["listProjects"]>> = [];
      try {
        stored = home.exists() ? await (await home.open()).listProjects() : [];
      } catch (error) {
        if (!tolerant) throw error;
        failures.push(error);
      }
      const where = home.location;
      for (const project of stored) {
        if (placements.has(project.name)) continue; // the same name in two registries: the first one wins
        const own = home.configs.find((c) => c.project === project.name);
        placements.set(project.name, {
          project: { ...project, repoPath: own?.repoPath ?? null, registry: where, applied: true },
          registry: home,
          config: own ?? { ...(home.configs[0] as RepoConfig), project: project.name },
        });
      }
      for (const config of home.configs) {
        if (placements.has(config.project)) continue;
        placements.set(config.project, {
          project: {
            name: config.project,
            description: "",
            owner: "",
            tags: {},
            repoPath: config.repoPath,
            registry: where,
            applied: false,
          },
          registry: home,
          config,
        });
      }
    }
    return {
      placements: [...placements.values()].sort((a, b) => a.project.name.localeCompare(b.project.name)),
      failures,
    };
  }

  private async placementOrThrow(name: string): Promise<ProjectPlacement> {
    // One registry being down does not take the projects of the others with it.
    const { placements, failures } = await this.collectPlacements(true);
    const found = placements.find((p) => p.project.name === name);
    if (found) return found;
    // The project may be in the registry that could not be read: say that, not NOT_FOUND.
    if (failures.length > 0) throw failures[0];
    const names = placements.map((p) => p.project.name);
    throw new PantryError(
      "NOT_FOUND",
      `project '${name}' is not in the workspace ${this.root}${didYouMean(name, names)}` +
        (names.length ? ` (projects: ${names.join(", ")})` : "; it holds no project yet"),
      { project: name },
    );
  }
}

const workspaces = new Map<string, Workspace>();

/** One workspace per folder per process: the console's requests share its open registries and caches. */
export function openWorkspace(options: OpenWorkspaceOptions = {}): Workspace {
  const root = resolve(options.root ?? process.env.PANTRY_WORKSPACE ?? "./feature_store");
  let workspace = workspaces.get(root);
  if (!workspace) {
    const opened = new Workspace({ root });
    workspace = opened;
    workspaces.set(root, opened);
    // A console stopping on SIGTERM closes the registries and stores its requests opened.
    registerShutdownHook("close", async () => {
      workspaces.delete(root);
      await opened.close();
    });
  }
  return workspace;
}
