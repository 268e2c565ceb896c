import { z } from 'zod';
import type { MamoriEvent } from '../core/index.js';

const SAFE_TOKEN = /^[A-Za-z0-9_-]+$/;

/**
 * The subject token of an organisation: its name when that is a valid token, else `%` and the hex of its UTF-8
 * bytes (`%` never occurs in a plain token, so the two cannot collide).
 *
 * @example
 * orgToken('mof');      // 'mof'
 * orgToken('総務省');   // '%e7b78f...'
 */
export function orgToken(org: string): string {
  return SAFE_TOKEN.test(org) ? org : `%${Buffer.from(org, 'utf8').toString('hex')}`;
}

/** The organisation a subject token names, or undefined for a malformed token. */
export function orgFromToken(token: string): string | undefined {
  if (SAFE_TOKEN.test(token)) return token;
  if (!/^%(?:[0-9a-f]{2})+$/.test(token)) return undefined;
  return Buffer.from(token.slice(1), 'hex').toString('utf8');
}

/** Subjects of one deployment: `<prefix>.events.<org>` for events, `<prefix>.dead.<org>` for dead letters. */
export interface Subjects {
  events(org: string): string;
  dead(org: string): string;
  /** The organisation an events subject names, or undefined when it is not one. */
  orgOfEvents(subject: string): string | undefined;
  readonly allEvents: string;
  readonly allDead: string;
}

/**
 * @example
 * const s = subjects('mamori'); s.events('mof'); // 'mamori.events.mof'
 */
export function subjects(prefix: string): Subjects {
  return {
    events: (org) => `${prefix}.events.${orgToken(org)}`,
    dead: (org) => `${prefix}.dead.${orgToken(org)}`,
    orgOfEvents(subject) {
      const head = `${prefix}.events.`;
      if (!subject.startsWith(head)) return undefined;
      const rest = subject.slice(head.length);
      return rest.includes('.') ? undefined : orgFromToken(rest);
    },
    allEvents: `${prefix}.events.>`,
    allDead: `${prefix}.dead.>`,
  };
}

const short = z.string().max(200);
const text = z.string().max(8192);

// What a sensor may send: the stored event as it is (evidence already masked), bounded so that one hostile
// message cannot make the centre store megabytes.
const eventSchema = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9_-]{1,100}$/),
    org: z.string().min(1).max(200),
    time: z.iso.datetime({ offset: false }),
    channel: z.enum(['cli', 'scan', 'icap', 'api']),
    action: z.enum(['allow', 'alert', 'block']),
    monitored: z.boolean(),
    rule: short,
    reason: text,
    clientIp: short.nullable(),
    user: short.nullable(),
    method: z.string().max(32).nullable(),
    url: text.nullable(),
    destHost: z.string().max(300).nullable(),
    destIp: short.nullable(),
    bytes: z.number().int().nonnegative(),
    label: z.string().min(1).max(64),
    unscannable: z.boolean(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/).nullable(),
    fileName: z.string().max(1024).nullable(),
    findings: z.array(z.object({ detector: short, count: z.number().int().nonnegative(), samples: z.array(z.string().max(512)).max(50) }).strict()).max(500),
    matches: z
      .array(z.object({ docId: short, path: z.string().max(4096), label: z.string().min(1).max(64), coverage: z.number().min(0).max(1), longestRunChars: z.number().int().nonnegative() }).strict())
      .max(500),
  })
  .strict();

const envelopeSchema = z.object({ v: z.literal(1), event: eventSchema }).strict();

/** Header with the message's schema, so a centre can tell what it is reading before parsing. */
export const SCHEMA_HEADER = 'Mamori-Schema';
export const EVENT_SCHEMA = 'event/1';

/**
 * The bytes of an event on the bus.
 *
 * @example
 * transport.publish([{ subject: s.events(e.org), id: e.id, data: encodeEvent(e) }]);
 */
export function encodeEvent(event: MamoriEvent): Uint8Array {
  return Buffer.from(JSON.stringify({ v: 1, event }), 'utf8');
}

/** An event read back, or why it is not one (short, without the message's content). */
export type Decoded = { ok: true; event: MamoriEvent } | { ok: false; reason: string };

/**
 * Parses and validates an event message.
 *
 * @example
 * const d = decodeEvent(msg.data); if (!d.ok) deadLetter(d.reason);
 */
export function decodeEvent(data: Uint8Array): Decoded {
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('utf8'));
  } catch {
    return { ok: false, reason: `not JSON (${data.byteLength} bytes)` };
  }
  const r = envelopeSchema.safeParse(raw);
  if (!r.success) {
    const issues = r.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    return { ok: false, reason: `not an event/1 message: ${issues.join('; ')}` };
  }
  return { ok: true, event: r.data.event };
}
