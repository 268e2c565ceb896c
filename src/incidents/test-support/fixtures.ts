import { newId, type MamoriEvent, type NetFinding } from '../../core/index.js';
import type { InventoryEntry } from '../../store/index.js';

/** An ICAP upload event; defaults: a blocked c2 upload from 10.0.0.5 to evil.example. */
export function uploadEvent(over: Partial<MamoriEvent> = {}): MamoriEvent {
  return {
    id: newId('evt'),
    org: 'mof',
    time: '2026-11-01T10:00:00.000Z',
    channel: 'icap',
    action: 'block',
    monitored: false,
    rule: 'c2-to-unlisted',
    reason: 'c2 content to an unlisted destination',
    clientIp: '10.0.0.5',
    user: null,
    method: 'POST',
    url: 'http://evil.example/u',
    destHost: 'evil.example',
    destIp: null,
    bytes: 1000,
    label: 'c2',
    unscannable: false,
    sha256: null,
    fileName: 'doc.docx',
    findings: [],
    matches: [],
    ...over,
  };
}

/** A registry match entry of an event. */
export function match(docId: string, label = 'c2', path = `/share/${docId}.docx`): MamoriEvent['matches'][number] {
  return { docId, path, label, coverage: 0.9, longestRunChars: 500 };
}

/** A network finding; defaults: a high beacon from 10.0.0.5 to 203.0.113.9 (evil.example). */
export function netFinding(over: Partial<NetFinding> = {}): NetFinding {
  return {
    kind: 'beacon',
    src: '10.0.0.5',
    dst: '203.0.113.9',
    dstHost: 'evil.example',
    port: 443,
    score: 0.93,
    severity: 'high',
    firstSeen: '2026-11-01T08:00:00.000Z',
    lastSeen: '2026-11-01T12:00:00.000Z',
    connections: 480,
    bytesOut: 50_000,
    reasons: ['regular intervals (every 30 s, jitter 2%)'],
    ...over,
  };
}

/** A sensitive file in the inventory of a host. */
export function inventoryFile(over: Partial<InventoryEntry> = {}): InventoryEntry {
  return {
    org: 'mof',
    host: '10.0.0.5',
    path: 'C:/Users/tanaka/予算.xlsx',
    size: 4096,
    mtimeMs: 1_700_000_000_000,
    sha256: 'cd'.repeat(32),
    label: 'c2',
    unscannable: false,
    findings: [],
    matches: [],
    errors: [],
    scannedAt: '2026-10-30T00:00:00.000Z',
    ...over,
  };
}
