export { configSchema, type MamoriConfig } from './schema.js';
export { parseConfig, loadConfigFile, defaultConfig } from './load.js';
