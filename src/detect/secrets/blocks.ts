import type { Hit } from '../types.js';

const HEADER = /-----BEGIN ((?:[A-Z0-9]+ )*)PRIVATE KEY(?: BLOCK)?-----/y;
const MAX_BLOCK = 64 * 1024;

/**
 * A private-key block (PEM, OpenSSH, PGP, encrypted PKCS#8) starting at `at`: the whole block when its
 * END line follows, the header alone otherwise (a truncated key is still a leaked key).
 *
 * @example
 * privateKeyAt('-----BEGIN OPENSSH PRIVATE KEY-----\n…\n-----END OPENSSH PRIVATE KEY-----', 0);
 */
export function privateKeyAt(text: string, at: number): Hit | null {
  HEADER.lastIndex = at;
  const m = HEADER.exec(text);
  if (!m) return null;
  const kind = m[1] ?? '';
  const footer = `-----END ${kind}PRIVATE KEY${m[0].endsWith('BLOCK-----') ? ' BLOCK' : ''}-----`;
  // The body is base64 (and PGP armour headers): the next `-----` is the footer or the block is cut.
  const rel = text.slice(at + m[0].length, at + MAX_BLOCK).indexOf('-----');
  const endAt = rel < 0 ? -1 : at + m[0].length + rel;
  if (endAt >= 0 && text.startsWith(footer, endAt)) return { detector: 'secret.private_key', start: at, end: endAt + footer.length, confidence: 0.99 };
  return { detector: 'secret.private_key', start: at, end: at + m[0].length, confidence: 0.9 };
}

const ACCOUNT_KEY = /(?:AccountKey|SharedAccessKey)=([A-Za-z0-9+/]{40,100}={0,2})/y;
const SAS = /&sig=[A-Za-z0-9%+/]{30,120}={0,2}/y;

/**
 * Azure storage account key / service-bus shared key inside a connection string, or a SAS signature.
 *
 * @example
 * azureAt('DefaultEndpointsProtocol=https;AccountName=x;AccountKey=…==', 46);
 */
export function azureAt(text: string, at: number): Hit | null {
  if (text.startsWith('&sig=', at)) {
    SAS.lastIndex = at;
    const m = SAS.exec(text);
    return m && /[?&]sv=\d{4}-\d\d-\d\d/.test(text.slice(Math.max(0, at - 300), at)) ? { detector: 'secret.azure_sas_token', start: at + 1, end: at + m[0].length, confidence: 0.9 } : null;
  }
  ACCOUNT_KEY.lastIndex = at;
  const m = ACCOUNT_KEY.exec(text);
  if (!m || /EXAMPLE|XXXX/i.test(m[1]!)) return null;
  return { detector: 'secret.azure_storage_key', start: at, end: at + m[0].length, confidence: 0.95 };
}

/**
 * A Google Cloud service-account key file: `"type": "service_account"` with a private key nearby.
 *
 * @example
 * serviceAccountAt('{"type": "service_account", "private_key": "-----BEGIN PRIVATE KEY-----…"}', 10);
 */
export function serviceAccountAt(text: string, at: number): Hit | null {
  const before = text.slice(Math.max(0, at - 20), at);
  if (!/"type"\s*:\s*"$/.test(before)) return null;
  const around = text.slice(Math.max(0, at - 4096), at + 4096);
  if (!/"private_key"\s*:\s*"-----BEGIN/.test(around) || !/"client_email"/.test(around)) return null;
  return { detector: 'secret.gcp_service_account', start: at, end: at + 'service_account'.length, confidence: 0.95 };
}
