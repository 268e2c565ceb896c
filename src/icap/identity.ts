import { isIP } from 'node:net';
import type { HeaderList } from './headers.js';

/** Who sent the upload, from the headers the proxy adds (Squid's `icap_send_client_ip`/`_username`). */
export interface ClientIdentity {
  readonly clientIp?: string;
  readonly user?: string;
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * Normalises a proxy user name: `WinNT://EXAMPLE/alice` → `EXAMPLE\alice`, an LDAP DN → its first CN.
 *
 * @example
 * normaliseUser('LDAP://dc1/CN=Alice Sato,OU=Staff,DC=example,DC=jp'); // 'Alice Sato'
 */
export function normaliseUser(name: string): string {
  let s = name.trim();
  const winnt = /^winnt:\/\/(.+)$/i.exec(s);
  if (winnt) s = winnt[1]!.replace(/\//g, '\\');
  const ldap = /^ldaps?:\/\/(?:[^/]*\/)?(.+)$/i.exec(s);
  if (ldap) {
    const dn = ldap[1]!;
    s = /(?:^|,)\s*cn=([^,]+)/i.exec(dn)?.[1]?.trim() ?? dn;
  }
  return s.slice(0, 256);
}

function decodeUser(value: string): string {
  const v = value.trim();
  if (BASE64.test(v) && v.length % 4 === 0) {
    const text = Buffer.from(v, 'base64').toString('utf8');
    // Printable text round-trips; anything else was a plain name that happened to look like base64.
    if (!/[\u0000-\u001f\ufffd]/.test(text) && Buffer.from(text, 'utf8').toString('base64') === v) return text;
  }
  return v;
}

/**
 * Reads `X-Client-IP` and `X-Authenticated-User` (base64, as Squid sends it) or `X-Client-Username`.
 *
 * @example
 * clientIdentity(new HeaderList([['X-Client-IP', '10.0.0.5'], ['X-Authenticated-User', 'V2luTlQ6Ly9FWC9hbGljZQ==']]));
 * // { clientIp: '10.0.0.5', user: 'EX\\alice' }
 */
export function clientIdentity(headers: HeaderList): ClientIdentity {
  const ip = headers.get('x-client-ip')?.trim();
  const auth = headers.get('x-authenticated-user');
  const plain = headers.get('x-client-username');
  const raw = auth !== undefined && auth.trim() !== '' ? decodeUser(auth) : plain?.trim();
  const user = raw !== undefined && raw !== '' && raw !== '-' ? normaliseUser(raw) : undefined;
  return {
    ...(ip !== undefined && isIP(ip) ? { clientIp: ip } : {}),
    ...(user !== undefined && user !== '' ? { user } : {}),
  };
}
