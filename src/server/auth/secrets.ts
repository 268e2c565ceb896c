import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

/**
 * A random secret for cookies and tokens: 32 bytes, base64url.
 *
 * @example
 * const sessionId = randomSecret();
 */
export function randomSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/**
 * SHA-256 hex of a high-entropy secret: what the store keeps of session ids and API tokens.
 * (Passwords are low-entropy and get argon2id instead.)
 *
 * @example
 * const idHash = sha256hex(sessionId);
 */
export function sha256hex(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/**
 * Compares two strings in time independent of where they differ.
 *
 * @example
 * if (!safeEqual(header, session.csrfToken)) throw forbidden();
 */
export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

// OWASP's argon2id minimum (19 MiB, 2 passes): about 30 ms per sign-in on one core.
const ARGON = { algorithm: 2 /* Algorithm.Argon2id: a const enum, not importable under verbatimModuleSyntax */, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/**
 * Hashes a password with argon2id into a PHC string.
 *
 * @example
 * const passwordHash = await hashPassword('correct horse battery staple');
 */
export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON);
}

/**
 * Checks a password against a PHC string; false on mismatch or a malformed hash.
 *
 * @example
 * if (await verifyPassword(row.passwordHash, input)) { ... }
 */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A hash of a random password: verifying against it costs the same as a real one (no timing oracle for unknown users). */
export const DUMMY_HASH_PROMISE: Promise<string> = hashPassword(randomSecret());
