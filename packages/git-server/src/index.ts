export { startGitServer } from './git-server';
export type { GitRequest, GitServer, GitServerOptions } from './git-server';
