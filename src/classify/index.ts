export { classify, type Evidence, type Classification } from './classify.js';
export { classifyConfigSchema, type ClassifyConfig } from './config.js';
