import { createHash } from 'node:crypto';
import type { MamoriConfig } from '../config/index.js';

/**
 * The ISTag: changes whenever what decides changes (policy, detectors, classification, labels), so a
 * proxy that cached answers or OPTIONS knows to ask again.
 *
 * @example
 * istagOf(config); // 'mamori-3f9a0c1d2e4b5a69'
 */
export function istagOf(config: MamoriConfig): string {
  const basis = JSON.stringify([config.policy, config.detect, config.classify, config.fingerprint, config.labels ?? null]);
  return `mamori-${createHash('sha256').update(basis).digest('hex').slice(0, 16)}`;
}
