export { splitUpload } from './split.js';
export type { UploadItem, UploadSplit, UploadOptions, UploadLimits } from './types.js';
export { parseMediaType, type MediaType } from './media-type.js';
export { decodeEmbedded, type Embedded } from './embedded.js';
export { extractUpload, type ExtractUploadOptions } from './extract-upload.js';
