import { runService } from '@controlplane/runtime';
import { loadIdentityConfig } from './config';
import { createIdentitySubgraph } from './server';

const config = loadIdentityConfig();
runService(() => createIdentitySubgraph(config), config.IDENTITY_PORT, config.HOST);
