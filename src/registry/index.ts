export { registerFile, registerBytes, type RegisterOptions, type RegisterOutcome } from './register-file.js';
export { loadDocumentIndex, type LoadedIndex } from './load-index.js';
export { documentText } from './document-text.js';
