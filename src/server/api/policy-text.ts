import { parseDocument, stringify } from 'yaml';
import { parseConfig, type MamoriConfig } from '../../config/index.js';
import { MamoriError } from '../../core/index.js';

/**
 * Validates a policy document: YAML whose only top-level key is `policy`, checked by the same
 * `parseConfig` as the config file, so errors carry the same `policy.yaml:LINE: path: message` form.
 *
 * @example
 * const policy = parsePolicyYaml('policy:\n  mode: monitor\n');
 */
export function parsePolicyYaml(text: string): MamoriConfig['policy'] {
  const config = parseConfig(text, 'policy.yaml');
  const doc = parseDocument(text);
  const top: unknown = doc.toJS();
  const keys = top && typeof top === 'object' ? Object.keys(top) : [];
  const extra = keys.filter((k) => k !== 'policy');
  if (extra.length > 0) throw new MamoriError('ERR_CONFIG', `policy.yaml: only the "policy" section belongs here, not ${extra.map((k) => JSON.stringify(k)).join(', ')}`);
  if (!keys.includes('policy')) throw new MamoriError('ERR_CONFIG', 'policy.yaml:1: the document needs a top-level "policy:" section');
  return config.policy;
}

/**
 * The policy section of a running configuration as a policy document.
 *
 * @example
 * const text = policyYamlOf(config);
 */
export function policyYamlOf(config: MamoriConfig): string {
  return stringify({ policy: config.policy });
}
