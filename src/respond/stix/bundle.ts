import { isIP } from 'node:net';
import type { DestinationView, IncidentView } from '../../incidents/index.js';
import { scoId, sdoId, stixTime, uuidv5, MAMORI_NAMESPACE } from './ids.js';

/** The Incident Core Extension of the STIX 2.1 incident (OASIS CTI, extension-definition). */
export const INCIDENT_CORE_EXTENSION = 'extension-definition--ef765651-680c-498d-9894-99799f2fa126';
/** Predefined TLP 1.0 marking definitions of STIX 2.1. */
export const TLP_MARKINGS = Object.freeze({
  white: 'marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9',
  green: 'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da',
  amber: 'marking-definition--f88d31f6-486f-44da-b317-01333bde0b82',
  red: 'marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed',
});

export type StixObject = { type: string; id: string } & Record<string, unknown>;
export interface StixBundle {
  type: 'bundle';
  id: string;
  objects: StixObject[];
}

export interface StixOptions {
  /** The organisation that reports (the identity that created the objects). */
  readonly organisation: string;
  readonly tlp?: keyof typeof TLP_MARKINGS;
}

const CRITICALITY: Record<string, number> = { low: 25, medium: 50, high: 75, critical: 100 };

function addressSco(ip: string): StixObject {
  const type = isIP(ip) === 6 ? 'ipv6-addr' : 'ipv4-addr';
  return { type, spec_version: '2.1', id: scoId(type, { value: ip }), value: ip };
}

function patternOf(d: DestinationView): { pattern: string; name: string }[] {
  const out: { pattern: string; name: string }[] = [];
  const esc = (s: string) => s.replace(/\\/g, '\\\\').replace(/'/g, "\\'");
  if (d.ip && isIP(d.ip)) out.push({ pattern: `[${isIP(d.ip) === 6 ? 'ipv6-addr' : 'ipv4-addr'}:value = '${esc(d.ip)}']`, name: `Exfiltration destination ${d.ip}` });
  if (d.host && !isIP(d.host)) out.push({ pattern: `[domain-name:value = '${esc(d.host)}']`, name: `Exfiltration destination ${d.host}` });
  return out;
}

function basename(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1] || path;
}

/**
 * A STIX 2.1 bundle for the national centre and other agencies: the reporting identity, one indicator per
 * destination address and name (with its pattern), observed data of the host, destinations and documents
 * (names and hashes only — never contents), a sighting of each indicator, and the incident with the Incident
 * Core Extension. Ids are deterministic: exporting the same incident again yields the same ids.
 *
 * @example
 * const bundle = buildStixBundle([view], { organisation: 'Ministry of Finance', tlp: 'amber' });
 */
export function buildStixBundle(incidents: readonly IncidentView[], options: StixOptions): StixBundle {
  const marking = options.tlp ? { object_marking_refs: [TLP_MARKINGS[options.tlp]] } : {};
  const objects = new Map<string, StixObject>();
  const put = (o: StixObject) => objects.set(o.id, o);
  const firstCreated = incidents.map((i) => stixTime(i.createdAt)).sort()[0] ?? stixTime(new Date().toISOString());
  const identityId = sdoId('identity', options.organisation);
  put({ type: 'identity', spec_version: '2.1', id: identityId, created: firstCreated, modified: firstCreated, name: options.organisation, identity_class: 'organization', ...marking });

  for (const inc of incidents) {
    const created = stixTime(inc.createdAt);
    const modified = stixTime(inc.updatedAt) < created ? created : stixTime(inc.updatedAt);
    const common = { spec_version: '2.1', created_by_ref: identityId, created, modified, ...marking };
    const observedRefs: string[] = [];
    if (isIP(inc.host)) {
      const host = addressSco(inc.host);
      put(host);
      observedRefs.push(host.id);
    }
    for (const d of inc.destinations) {
      if (d.ip && isIP(d.ip)) {
        const addr = addressSco(d.ip);
        put(addr);
        observedRefs.push(addr.id);
      }
      if (d.host && !isIP(d.host)) {
        const dn: StixObject = { type: 'domain-name', spec_version: '2.1', id: scoId('domain-name', { value: d.host }), value: d.host };
        put(dn);
        observedRefs.push(dn.id);
      }
    }
    for (const doc of inc.documents) {
      const name = basename(doc.path);
      const hashes = doc.sha256 ? { 'SHA-256': doc.sha256 } : undefined;
      const file: StixObject = { type: 'file', spec_version: '2.1', id: scoId('file', hashes ? { hashes, name } : { name }), name, ...(hashes ? { hashes } : {}) };
      put(file);
      observedRefs.push(file.id);
    }
    const evidence = Math.max(1, Math.min(999_999_999, inc.timeline.filter((t) => t.evidence.eventIds?.length || t.evidence.findingKeys?.length).length));
    const observed: StixObject = {
      type: 'observed-data',
      id: sdoId('observed-data', inc.id),
      ...common,
      first_observed: stixTime(inc.firstSeen),
      last_observed: stixTime(inc.lastSeen),
      number_observed: evidence,
      object_refs: [...new Set(observedRefs)],
    };
    put(observed);

    const related: string[] = [observed.id];
    for (const d of inc.destinations) {
      for (const p of patternOf(d)) {
        const indicatorId = sdoId('indicator', p.pattern);
        const prior = objects.get(indicatorId);
        const validFrom = stixTime(d.firstSeen);
        put({
          type: 'indicator',
          id: indicatorId,
          ...common,
          created: prior ? (prior.created as string) : created,
          name: p.name,
          description: `Destination of data leaving ${inc.org} (${d.uploads} upload(s), ${d.findings} network finding(s), ${d.bytesOut} bytes out).`,
          indicator_types: ['malicious-activity'],
          pattern: p.pattern,
          pattern_type: 'stix',
          pattern_version: '2.1',
          valid_from: prior && (prior.valid_from as string) < validFrom ? (prior.valid_from as string) : validFrom,
        });
        const sighting: StixObject = {
          type: 'sighting',
          id: sdoId('sighting', `${inc.id}|${p.pattern}`),
          ...common,
          first_seen: stixTime(d.firstSeen),
          last_seen: stixTime(d.lastSeen),
          count: Math.min(999_999_999, d.uploads + d.findings),
          sighting_of_ref: indicatorId,
          observed_data_refs: [observed.id],
          where_sighted_refs: [identityId],
        };
        put(sighting);
        related.push(indicatorId, sighting.id);
      }
    }
    const byStatus = (s: string) => inc.documents.filter((d) => d.status === s).length;
    const leaked = byStatus('confirmed');
    put({
      type: 'incident',
      id: sdoId('incident', inc.id),
      ...common,
      name: `Data exfiltration from ${inc.host} (${inc.org})`,
      description:
        `Host ${inc.host} of ${inc.org}: ${inc.documents.length} sensitive document(s) involved — ${leaked} confirmed sent, ${byStatus('blocked')} blocked, ${byStatus('suspected')} suspected; ` +
        `highest label ${inc.topLabel}; ${inc.destinations.length} destination(s); ${inc.findings.length} network finding(s); severity ${inc.severity}; status ${inc.status}; ` +
        `from ${stixTime(inc.firstSeen)} to ${stixTime(inc.lastSeen)}.`,
      external_references: [{ source_name: 'mamori', external_id: inc.id }],
      extensions: {
        [INCIDENT_CORE_EXTENSION]: {
          extension_type: 'property-extension',
          investigation_status: inc.status === 'new' ? 'new' : inc.status === 'closed' ? 'closed' : 'open',
          determination: leaked > 0 ? 'confirmed' : byStatus('blocked') > 0 && !inc.leaked ? 'blocked' : 'suspected',
          blocked: !inc.leaked,
          criticality: CRITICALITY[inc.severity] ?? 50,
          other_object_refs: related,
        },
      },
    });
  }
  const all = [...objects.values()];
  const bundleName = all.map((o) => o.id).sort().join(',');
  return { type: 'bundle', id: `bundle--${uuidv5(bundleName, MAMORI_NAMESPACE)}`, objects: all };
}
