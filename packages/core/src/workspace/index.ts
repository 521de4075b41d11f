export { discoverRepos, registryKey, type DiscoveredRepos } from "./discover-repos";
export {
  openWorkspace,
  type OpenWorkspaceOptions,
  type ProjectHandle,
  Workspace,
  type WorkspaceProject,
  type WorkspaceRegistry,
} from "./workspace";
export { ensureWorkspaceSchedulers, schedulerIntervalMs, startStoreSchedulers } from "./schedulers";
