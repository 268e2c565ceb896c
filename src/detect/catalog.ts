import type { DetectorCategory } from '../core/index.js';
import type { DetectorInfo } from './types.js';

type Row = readonly [id: string, category: DetectorCategory, label: string, description: string, validated: boolean, context?: readonly string[]];

/**
 * Context words per identifier, lower-case, Japanese and English.
 *
 * @example
 * hasContext(text, start, end, CONTEXT.myNumber);
 */
export const CONTEXT = Object.freeze({
  myNumber: ['個人番号', 'マイナンバー', 'my number', 'mynumber', 'individual number', '個人番号カード'],
  corporate: ['法人番号', 'corporate number', '会社法人等番号'],
  passport: ['旅券', 'パスポート', 'passport'],
  license: ['免許証', '運転免許', "driver's license", 'drivers license', 'driver license', 'driving licence', 'license no', 'licence no'],
  bank: ['口座番号', '口座', '普通', '当座', '預金', '振込', 'account no', 'account number', 'bank account', 'acct'],
  residence: ['在留カード', '在留', 'residence card', 'zairyu'],
  jpPhone: ['電話', 'tel', '携帯', 'fax', '連絡先', 'phone', 'mobile', '内線'],
  postal: ['〒', '郵便番号', 'postal', 'zip'],
  card: ['card', 'credit', 'visa', 'mastercard', 'amex', 'jcb', 'diners', 'discover', 'maestro', 'カード', 'クレジット', 'cc ', 'cc#', 'pan'],
  ssn: ['ssn', 'social security', 'social sec', 'ss#', 'ss #'],
  phone: ['phone', 'tel', 'call', 'mobile', 'cell', 'fax', 'office', 'desk', 'contact', 'reach', 'dial', 'text me', 'sms', 'whatsapp', 'answer', 'message', 'registered', '電話', '携帯'],
  iban: ['iban', 'bank', 'account', 'transfer', 'swift', '口座'],
  ip: ['ip', 'address', 'host', 'server', 'client'],
  email: ['email', 'e-mail', 'mail', 'メール'],
} satisfies Record<string, readonly string[]>);

const ROWS: readonly Row[] = [
  ['jp.my_number', 'pii', 'c2', '個人番号 (My Number): 12 digits with check digit, near context words', true, CONTEXT.myNumber],
  ['jp.corporate_number', 'pii', 'c1', '法人番号 (corporate number): 13 digits with leading check digit', true, CONTEXT.corporate],
  ['jp.passport', 'pii', 'c2', '旅券番号 (passport number): 2 letters + 7 digits', false, CONTEXT.passport],
  ['jp.drivers_license', 'pii', 'c2', '運転免許証番号: 12 digits near context words', false, CONTEXT.license],
  ['jp.bank_account', 'financial', 'c2', '口座番号 (bank account number): 7 digits near context words', false, CONTEXT.bank],
  ['jp.residence_card', 'pii', 'c2', '在留カード番号: 2 letters + 8 digits + 2 letters', false, CONTEXT.residence],
  ['jp.phone', 'pii', 'c2', 'Japanese telephone number (landline, mobile, toll-free, +81)', true, CONTEXT.jpPhone],
  ['jp.postal_code', 'pii', 'c1', '郵便番号 (postal code) with 〒 or context words', false, CONTEXT.postal],
  ['credit_card', 'financial', 'c2', 'payment card number: Luhn and issuer ranges', true, CONTEXT.card],
  ['iban', 'financial', 'c2', 'IBAN: per-country length and mod-97 check', true, CONTEXT.iban],
  ['email', 'pii', 'c2', 'e-mail address', true, CONTEXT.email],
  ['ip_address', 'network', 'c1', 'IPv4 or IPv6 address', true, CONTEXT.ip],
  ['phone', 'pii', 'c2', 'telephone number: international, North American and European styles', false, CONTEXT.phone],
  ['us_ssn', 'pii', 'c2', 'US social security number, SSA-invalid ranges excluded', true, CONTEXT.ssn],
  ['secret.private_key', 'secret', 'c2', 'private key block (PEM, OpenSSH, PGP)', true],
  ['secret.aws_access_key_id', 'secret', 'c2', 'AWS access key id (AKIA…, ASIA…)', true],
  ['secret.aws_secret_access_key', 'secret', 'c2', 'AWS secret access key next to its name', false],
  ['secret.gcp_api_key', 'secret', 'c2', 'Google API key (AIza…)', true],
  ['secret.gcp_service_account', 'secret', 'c2', 'Google Cloud service-account key file', true],
  ['secret.azure_storage_key', 'secret', 'c2', 'Azure storage account key or connection string', true],
  ['secret.azure_sas_token', 'secret', 'c2', 'Azure shared access signature', true],
  ['secret.github_token', 'secret', 'c2', 'GitHub token (ghp_, gho_, ghu_, ghs_, ghr_, github_pat_)', true],
  ['secret.gitlab_token', 'secret', 'c2', 'GitLab token (glpat-, glptt-, gldt-, glrt-, GR1348941)', true],
  ['secret.slack_token', 'secret', 'c2', 'Slack token or incoming webhook URL', true],
  ['secret.stripe_key', 'secret', 'c2', 'Stripe secret or restricted key', true],
  ['secret.twilio_api_key', 'secret', 'c2', 'Twilio API key (SK + 32 hex)', true],
  ['secret.sendgrid_api_key', 'secret', 'c2', 'SendGrid API key (SG.…)', true],
  ['secret.npm_token', 'secret', 'c2', 'npm access token (npm_…)', true],
  ['secret.pypi_token', 'secret', 'c2', 'PyPI upload token (pypi-…)', true],
  ['secret.openai_api_key', 'secret', 'c2', 'OpenAI / Anthropic API key', true],
  ['secret.jwt', 'secret', 'c2', 'JSON Web Token with a decodable header', true],
  ['secret.url_credentials', 'secret', 'c2', 'user:password embedded in a URL (basic auth)', true],
  ['secret.keyword_assignment', 'secret', 'c2', 'value assigned to a password/secret/token/key name', false],
  ['secret.generic_high_entropy', 'secret', 'c2', 'high-entropy random string assigned to a name', false],
  ['marking.gokuhi', 'marking', 'c3', '極秘 marking', false],
  ['marking.hi', 'marking', 'c3', '秘 marking (【秘】, (秘), ㊙, header line)', false],
  ['marking.genpi', 'marking', 'c3', '厳秘 marking', false],
  ['marking.kimitsusei_3', 'marking', 'c3', '機密性３ marking', false],
  ['marking.kimitsusei_2', 'marking', 'c2', '機密性２ marking', false],
  ['marking.yo_kimitsu', 'marking', 'c2', '要機密 marking', false],
  ['marking.toriatsukai_chui', 'marking', 'c2', '取扱注意 marking', false],
  ['marking.bugaihi', 'marking', 'c2', '部外秘 marking', false],
  ['marking.shagaihi', 'marking', 'c2', '社外秘 marking', false],
  ['marking.kankeisha_kagiri', 'marking', 'c2', '関係者限り marking', false],
  ['marking.top_secret', 'marking', 'c3', 'TOP SECRET classification banner', false],
  ['marking.secret', 'marking', 'c3', 'SECRET classification banner', false],
  ['marking.confidential', 'marking', 'c2', 'CONFIDENTIAL banner or header', false],
  ['marking.restricted', 'marking', 'c2', 'RESTRICTED banner', false],
  ['marking.fouo', 'marking', 'c2', 'FOR OFFICIAL USE ONLY (FOUO) marking', false],
  ['marking.cui', 'marking', 'c2', 'Controlled Unclassified Information (CUI) banner', false],
];

/**
 * Every built-in identifier, frozen.
 *
 * @example
 * BUILTIN_DETECTORS.find((d) => d.id === 'jp.my_number')?.category; // 'pii'
 */
export const BUILTIN_DETECTORS: readonly DetectorInfo[] = Object.freeze(
  ROWS.map(([id, category, label, description, validated, context]) => Object.freeze({ id, category, label, description, validated, contextWords: Object.freeze([...(context ?? [])]) })),
);
