import type { Hit } from '../types.js';
import { shannonEntropy } from '../checksums.js';

/** A token family: the sticky pattern that must match where its anchor was found. */
interface TokenRule {
  readonly detector: string;
  readonly pattern: RegExp;
  readonly confidence: number;
  readonly check?: (token: string) => boolean;
}

const rule = (detector: string, source: string, confidence = 0.95, check?: (t: string) => boolean): TokenRule => ({
  detector,
  pattern: new RegExp(`${source}(?![A-Za-z0-9_])`, 'y'),
  confidence,
  ...(check ? { check } : {}),
});

const notExample = (t: string) => !/EXAMPLE|TEST|FAKE|SAMPLE|XXXX/i.test(t) && shannonEntropy(t.slice(4)) >= 3;

function jwtHeaderOk(token: string): boolean {
  try {
    const header = JSON.parse(Buffer.from(token.slice(0, token.indexOf('.')), 'base64url').toString('utf8')) as unknown;
    return typeof header === 'object' && header !== null && ('alg' in header || 'typ' in header);
  } catch {
    return false;
  }
}

/**
 * Rules by the anchor that the second pre-scan pass reports.
 *
 * @example
 * matchToken(text, at, ANCHORED_TOKENS.get('AIza')!);
 */
export const ANCHORED_TOKENS: ReadonlyMap<string, readonly TokenRule[]> = new Map([
  ['AKIA', [rule('secret.aws_access_key_id', '(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}', 0.9, notExample)]],
  ['AIza', [rule('secret.gcp_api_key', 'AIza[0-9A-Za-z_-]{35}')]],
  ['eyJ', [rule('secret.jwt', 'eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}', 0.9, jwtHeaderOk)]],
  ['xox', [rule('secret.slack_token', 'xox[baprse]-(?:\\d+-)?[0-9A-Za-z-]{10,}')]],
  ['xapp-', [rule('secret.slack_token', 'xapp-\\d-[A-Z0-9]+-\\d+-[a-z0-9]+')]],
  ['hooks.slack.com', [rule('secret.slack_token', 'hooks\\.slack\\.com/(?:services|workflows)/[A-Za-z0-9+/]{30,}')]],
  ['SG.', [rule('secret.sendgrid_api_key', 'SG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}')]],
  ['SK', [rule('secret.twilio_api_key', 'SK[0-9a-fA-F]{32}', 0.8)]],
  ['gl', [rule('secret.gitlab_token', 'gl(?:pat|ptt|dt|rt|cbt|imt|soat|ft)-[0-9A-Za-z_-]{20,}')]],
  ['GR1348941', [rule('secret.gitlab_token', 'GR1348941[0-9A-Za-z_-]{20,}')]],
  ['pypi-', [rule('secret.pypi_token', 'pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,}')]],
  ['sk-', [rule('secret.openai_api_key', 'sk-(?:proj-|svcacct-|admin-|ant-api\\d\\d-)?[A-Za-z0-9_-]{20,}(?:T3BlbkFJ[A-Za-z0-9_-]{20,})?', 0.85, (t) => /T3BlbkFJ|^sk-(?:proj|svcacct|admin|ant)-/.test(t))]],
]);

/**
 * Rules for tokens that start with a word and `_` (found at the underscore).
 *
 * @example
 * matchToken(text, wordStart, UNDERSCORE_TOKENS.get('ghp')!);
 */
export const UNDERSCORE_TOKENS: ReadonlyMap<string, readonly TokenRule[]> = new Map([
  ['ghp', [rule('secret.github_token', 'gh[pousr]_[A-Za-z0-9]{36,255}')]],
  ['gho', [rule('secret.github_token', 'gh[pousr]_[A-Za-z0-9]{36,255}')]],
  ['ghu', [rule('secret.github_token', 'gh[pousr]_[A-Za-z0-9]{36,255}')]],
  ['ghs', [rule('secret.github_token', 'gh[pousr]_[A-Za-z0-9]{36,255}')]],
  ['ghr', [rule('secret.github_token', 'gh[pousr]_[A-Za-z0-9]{36,255}')]],
  ['github', [rule('secret.github_token', 'github_pat_[A-Za-z0-9_]{82}')]],
  ['sk', [rule('secret.stripe_key', '[sr]k_(?:live|test|prod)_[0-9A-Za-z]{24,247}', 0.95, (t) => !/^.k_test_/.test(t) || shannonEntropy(t) > 4)]],
  ['rk', [rule('secret.stripe_key', '[sr]k_(?:live|test|prod)_[0-9A-Za-z]{24,247}')]],
  ['npm', [rule('secret.npm_token', 'npm_[A-Za-z0-9]{36}')]],
]);

/**
 * Tries the rules at `start`; the first that matches (and passes its check) wins.
 *
 * @example
 * matchToken('ghp_…', 0, UNDERSCORE_TOKENS.get('ghp')!);
 */
export function matchToken(text: string, start: number, rules: readonly TokenRule[]): Hit | null {
  if (start > 0 && /[A-Za-z0-9_]/.test(text[start - 1]!) && !text.startsWith('hooks.', start)) return null;
  for (const r of rules) {
    r.pattern.lastIndex = start;
    const m = r.pattern.exec(text);
    if (m && (!r.check || r.check(m[0]))) return { detector: r.detector, start, end: start + m[0].length, confidence: r.confidence };
  }
  return null;
}
