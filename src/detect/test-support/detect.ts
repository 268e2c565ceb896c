import { createDetectorSet, detectConfigSchema, type DetectConfig } from '../index.js';

/** A detector set with the default config, optionally overridden. */
export function defaultSet(overrides: Partial<DetectConfig> = {}) {
  return createDetectorSet(detectConfigSchema.parse(overrides));
}

/** `[detector, matched text]` pairs for `text`, the shape most tests compare. */
export function found(text: string, overrides: Partial<DetectConfig> = {}): [string, string][] {
  return defaultSet(overrides)
    .detect(text)
    .map((e) => [e.detector, text.slice(e.start, e.end)]);
}

/** Only the detectors with this prefix. */
export function foundBy(prefix: string, text: string): [string, string][] {
  return found(text).filter(([d]) => d.startsWith(prefix));
}
