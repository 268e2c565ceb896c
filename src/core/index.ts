export * from './errors.js';
export * from './types.js';
export * from './labels.js';
export * from './mask.js';
export * from './ids.js';
export * from './destinations.js';
