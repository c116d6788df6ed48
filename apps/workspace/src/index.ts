import { runService } from '@controlplane/runtime';
import { loadWorkspaceConfig } from './config';
import { createWorkspaceSubgraph } from './server';

const config = loadWorkspaceConfig();
runService(() => createWorkspaceSubgraph(config), config.WORKSPACE_PORT, config.HOST);
