export { registerFile, registerBytes, type RegisterOptions, type RegisterOutcome } from './register-file.js';
export { loadDocumentIndex, indexedDocument, type LoadedIndex } from './load-index.js';
export { followRegistry, type RegistryFollower, type RegistryChanges, type RegistryUpdate } from './follow.js';
export { documentText } from './document-text.js';
