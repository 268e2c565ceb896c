export { registerFile, registerBytes, type RegisterOptions, type RegisterOutcome } from './register-file.js';
export { loadDocumentIndex, indexedDocument, type LoadedIndex, type LoadIndexOptions } from './load-index.js';
export { snapshotTarget, readIndexSnapshot, writeIndexSnapshot, type SnapshotTarget } from './snapshot-file.js';
export { followRegistry, syncIndex, type RegistryFollower, type RegistryChanges, type RegistryUpdate } from './follow.js';
export { documentText } from './document-text.js';
