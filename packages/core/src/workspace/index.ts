export { discoverRepos, registryKey, type DiscoveredRepos } from "./discover-repos";
export {
  openWorkspace,
  type OpenWorkspaceOptions,
  Workspace,
  type WorkspaceProject,
  type WorkspaceRegistry,
} from "./workspace";
