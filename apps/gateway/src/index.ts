import { runService } from '@controlplane/graphql-kit';
import { loadGatewayConfig } from './config';
import { createGateway } from './server';

const config = loadGatewayConfig();
runService(() => createGateway(config), config.GATEWAY_PORT, config.HOST);
