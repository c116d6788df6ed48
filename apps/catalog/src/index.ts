import { runService } from '@controlplane/graphql-kit';
import { loadCatalogConfig } from './config';
import { createCatalogSubgraph } from './server';

const config = loadCatalogConfig();
runService(() => createCatalogSubgraph(config), config.CATALOG_PORT, config.HOST);
