import { runService } from '@controlplane/runtime';
import { loadGatewayConfig } from './config';
import { createGateway } from './server';

const config = loadGatewayConfig();
runService(() => createGateway(config), config.GATEWAY_PORT, config.HOST);
