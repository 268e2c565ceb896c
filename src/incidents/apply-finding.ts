import type { NetFinding } from '../core/index.js';
import { findingKey, normaliseHostName, normaliseIp } from './keys.js';
import { destinationFor, maxTime, minTime, type IncidentState } from './state.js';

/**
 * Merges one network finding into its incident; false when the incident already holds it unchanged. An updated
 * finding (a later `lastSeen`) replaces the old one, so destination figures are recomputed from the incident's findings.
 *
 * @example
 * applyFinding(state, finding);
 */
export function applyFinding(state: IncidentState, f: NetFinding): boolean {
  const key = findingKey(f);
  const known = state.findings.get(key);
  if (
    known &&
    known.lastSeen === f.lastSeen &&
    known.firstSeen === f.firstSeen &&
    known.bytesOut === f.bytesOut &&
    known.connections === f.connections &&
    known.severity === f.severity &&
    known.score === f.score
  ) {
    return false;
  }
  const dst = normaliseIp(f.dst);
  const dest = destinationFor(state, dst, normaliseHostName(f.dstHost), f.firstSeen);
  dest.lastSeen = maxTime(dest.lastSeen, f.lastSeen);
  state.findings.set(key, {
    incidentId: state.record.id,
    key,
    kind: f.kind,
    src: f.src,
    dst: f.dst,
    dstHost: f.dstHost,
    port: f.port,
    score: f.score,
    severity: f.severity,
    firstSeen: f.firstSeen,
    lastSeen: f.lastSeen,
    connections: f.connections,
    bytesOut: f.bytesOut,
    reasons: [...f.reasons],
  });
  state.dirtyFindings.add(key);

  // Different analytics often report the same flow: the largest figure, not the sum, is what left.
  let findings = 0;
  let netBytes = 0;
  for (const other of state.findings.values()) {
    const ip = normaliseIp(other.dst);
    if ((ip && ip === dest.ip) || (other.dstHost && normaliseHostName(other.dstHost) === dest.host && !ip)) {
      findings += 1;
      netBytes = Math.max(netBytes, other.bytesOut);
    }
  }
  dest.findings = findings;
  dest.netBytesOut = netBytes;

  const r = state.record;
  r.firstSeen = minTime(r.firstSeen, f.firstSeen);
  r.lastSeen = maxTime(r.lastSeen, f.lastSeen);
  state.dirty = true;
  state.timeline.push({
    id: `finding:${r.org}|${key}`,
    incidentId: r.id,
    time: f.firstSeen,
    kind: `network-${f.kind}`,
    summary: `${f.kind} from ${f.src} to ${f.dstHost ?? f.dst}${f.port === null ? '' : `:${f.port}`} (${f.severity}, score ${f.score.toFixed(2)}, ${f.connections} connections, ${f.bytesOut} bytes out, until ${f.lastSeen})`,
    evidence: { findingKeys: [key], destinations: [dest.key] },
  });
  return true;
}
