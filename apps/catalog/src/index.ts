import { runService } from '@controlplane/runtime';
import { loadCatalogConfig } from './config';
import { createCatalogSubgraph } from './server';

const config = loadCatalogConfig();
runService(() => createCatalogSubgraph(config), config.CATALOG_PORT, config.HOST);
