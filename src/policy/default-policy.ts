import { parse } from 'yaml';
import { policyConfigSchema, type PolicyConfig } from './config.js';

/**
 * The shipped policy for a government network (政府機関等の対策基準): 機密性2 and above leave only for
 * approved destinations, content mamori could not inspect does not leave for unknown ones, a quarantined
 * host sends nothing, and every decision is recorded as an event.
 * It applies whenever the config has no `policy.rules`; `policy.lists.approved` fills its list.
 *
 * @example
 * policyConfigSchema.parse(parse(DEFAULT_POLICY_YAML)).rules.length; // 6
 */
export const DEFAULT_POLICY_YAML = `# mamori default policy. Rules are tried in order; the first that matches decides.
mode: enforce                 # monitor: record what would be blocked, block nothing (for rollout)
lists:
  # Destinations that may receive c2 and c3 content: the organisation's own
  # services, approved cloud tenants, partner agencies. Empty: nothing sensitive leaves until listed.
  #   example.go.jp           the domain and every subdomain
  #   "*.files.example.go.jp" subdomains only, not files.example.go.jp itself
  #   "=upload.example.go.jp" exactly that host
  #   203.0.113.0/24, 2001:db8::/32
  approved: []
segments: {}
rules:
  - id: quarantined-host-upload
    description: a quarantined host sends nothing out (requests with a body)
    when:
      quarantined: true
      size: { min: 1 }
    action: block
  - id: sensitive-to-unapproved
    description: c2 and above may only go to approved destinations
    when:
      label: { atLeast: c2 }
      not: { destination: { list: approved } }
    action: block
  - id: unscannable-to-unapproved
    description: content that could not be inspected (encrypted archive, protected PDF) may not go to unknown destinations
    when:
      unscannable: true
      not: { destination: { list: approved } }
    action: block
  - id: sensitive-to-approved
    description: c2 and above to an approved destination is allowed and recorded as an alert
    when:
      label: { atLeast: c2 }
    action: alert
  - id: unscannable-to-approved
    description: uninspectable content to an approved destination is allowed and recorded as an alert
    when:
      unscannable: true
    action: alert
  - id: registered-document
    description: part of a registered document went out below the label thresholds
    when:
      document: true
    action: alert
default:
  action: allow
  description: nothing sensitive found
`;

/**
 * The default policy, parsed and frozen.
 *
 * @example
 * DEFAULT_POLICY.rules.map((r) => r.id); // ['quarantined-host-upload', 'sensitive-to-unapproved', ...]
 */
export const DEFAULT_POLICY: PolicyConfig = Object.freeze(policyConfigSchema.parse(parse(DEFAULT_POLICY_YAML)));

/**
 * The policy an engine runs: the config's own rules, or (when it has none) the default rules with the
 * config's lists, segments and default rule merged over the default policy's.
 *
 * @example
 * effectivePolicy({ mode: 'monitor', lists: { approved: ['example.go.jp'] }, segments: {}, rules: [] });
 */
export function effectivePolicy(config: PolicyConfig): { policy: PolicyConfig; usesDefaultRules: boolean } {
  if (config.rules.length > 0) return { policy: config, usesDefaultRules: false };
  return {
    usesDefaultRules: true,
    policy: {
      mode: config.mode,
      lists: { ...DEFAULT_POLICY.lists, ...config.lists },
      segments: { ...DEFAULT_POLICY.segments, ...config.segments },
      rules: DEFAULT_POLICY.rules,
      default: config.default ?? DEFAULT_POLICY.default,
    },
  };
}
