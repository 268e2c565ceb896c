import type { NetFinding } from '../../core/index.js';
import type { DnsSummary } from '../../store/index.js';
import { ramp } from './evidence.js';
import { kmvCount } from './kmv.js';

/** Fewest distinct subdomains under one registered domain worth scoring. */
export const TUNNEL_MIN_UNIQUE = 50;
/** Fewest distinct non-existent registered domains from one host that look like a DGA. */
export const DGA_MIN_NX_DOMAINS = 20;

function finding(kind: NetFinding['kind'], d: DnsSummary, dst: string, score: number, severity: NetFinding['severity'], reasons: string[]): NetFinding {
  return {
    kind,
    src: d.src,
    dst,
    dstHost: d.domain === '*' ? null : d.domain,
    port: 53,
    score: Math.round(score * 1000) / 1000,
    severity,
    firstSeen: new Date(d.firstSeen).toISOString(),
    lastSeen: new Date(d.lastSeen).toISOString(),
    connections: d.queries,
    bytesOut: d.labelChars,
    reasons,
  };
}

/**
 * DNS tunnelling / C2 over DNS under one registered domain: many distinct subdomains, long labels, high
 * character entropy, data-carrying record types (TXT, NULL…). Weighted 0.35/0.25/0.25/0.15.
 *
 * @example
 * scoreDnsTunnel(summary)?.score;
 */
export function scoreDnsTunnel(d: DnsSummary): NetFinding | null {
  if (d.domain === '*') return null;
  const unique = kmvCount(d.uniqueSketch);
  if (unique < TUNNEL_MIN_UNIQUE) return null;
  const avgLen = d.labelChars / Math.max(1, d.queries);
  const avgEntropy = d.entropySum / Math.max(1, d.queries);
  const dataShare = d.txt / Math.max(1, d.queries);
  const score = 0.35 * ramp(Math.log10(unique), Math.log10(TUNNEL_MIN_UNIQUE), 3.5) + 0.25 * ramp(avgLen, 12, 40) + 0.25 * ramp(avgEntropy, 2.5, 4.2) + 0.15 * Math.max(ramp(dataShare, 0.1, 0.6), ramp(d.maxLabel, 30, 60));
  if (score < 0.3) return null;
  const reasons = [
    `${unique} distinct subdomains of ${d.domain} in ${d.queries} queries`,
    `subdomain length ${avgLen.toFixed(1)} characters on average (longest label ${d.maxLabel}), entropy ${avgEntropy.toFixed(2)} bits/character`,
    `${Math.round(100 * dataShare)}% TXT/NULL/CNAME/MX-type queries`,
    `examples: ${d.samples.slice(0, 3).join(', ')}`,
  ];
  const strong = unique >= 300 && avgLen >= 20 && avgEntropy >= 3.3;
  const severity = score >= 0.75 && strong ? (dataShare >= 0.3 ? 'critical' : 'high') : score >= 0.45 ? 'medium' : 'low';
  return finding('dns-tunnel', d, d.domain, score, severity, reasons);
}

/**
 * A domain-generation algorithm: one host asking for many distinct registered domains that do not exist.
 * Reported as a rare destination (`dst` `*`: many names nobody else resolves).
 *
 * @example
 * scoreDga(summaryForSource)?.severity; // 'high'
 */
export function scoreDga(d: DnsSummary): NetFinding | null {
  if (d.domain !== '*') return null;
  const nxDomains = kmvCount(d.nxSketch);
  if (nxDomains < DGA_MIN_NX_DOMAINS) return null;
  const nxShare = d.nx / Math.max(1, d.queries);
  if (nxShare < 0.05) return null;
  const score = 0.4 + 0.4 * ramp(Math.log10(nxDomains), Math.log10(DGA_MIN_NX_DOMAINS), 3) + 0.2 * ramp(nxShare, 0.05, 0.5);
  const reasons = [
    `${nxDomains} distinct registered domains answered NXDOMAIN (${d.nx} of ${d.queries} queries): domain-generation algorithm`,
    `examples: ${d.samples.slice(0, 5).join(', ')}`,
  ];
  return finding('rare-destination', d, '*', score, nxDomains >= 50 ? 'high' : 'medium', reasons);
}
