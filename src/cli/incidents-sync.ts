import { IncidentCorrelator, loadIncidentView, type CorrelationResult } from '../incidents/index.js';
import { enqueueIncidentNotices } from '../respond/index.js';
import type { Store } from '../store/index.js';
import type { CliContext } from './context.js';

/**
 * Brings incidents up to date with what is stored (incrementally: events since the last run, the organisation's
 * network findings when they changed since the last run) and queues
 * SIEM notices for new and escalated incidents when syslog or a webhook is configured.
 *
 * @example
 * await syncIncidents(ctx, store);
 */
export async function syncIncidents(ctx: CliContext, store: Store): Promise<CorrelationResult> {
  const correlator = new IncidentCorrelator({ db: store.db, taxonomy: ctx.taxonomy, config: ctx.config.incidents });
  const fromEvents = await correlator.catchUp();
  const fromFindings = await correlator.catchUpFindings(ctx.config.org);
  const union = (a: readonly string[], b: readonly string[]) => [...new Set([...a, ...b])];
  const result: CorrelationResult = {
    created: union(fromEvents.created, fromFindings.created),
    updated: union(fromEvents.updated, fromFindings.updated).filter((id) => !fromEvents.created.includes(id) && !fromFindings.created.includes(id)),
    escalated: union(fromEvents.escalated, fromFindings.escalated),
    merged: fromEvents.merged + fromFindings.merged,
  };
  const respond = ctx.config.respond;
  if (respond.syslog || respond.webhook) {
    for (const [ids, kind] of [
      [result.created, 'opened'],
      [result.escalated, 'escalated'],
    ] as const) {
      const views = [];
      for (const id of ids) {
        const v = await loadIncidentView(store.db, id);
        if (v) views.push(v);
      }
      if (views.length) await enqueueIncidentNotices(store.db, views, kind, respond);
    }
  }
  return result;
}

/** Who is acting, for the audit trail: `--actor`, else the login name. */
export function actorName(explicit: string | undefined): string {
  return explicit ?? process.env.MAMORI_ACTOR ?? process.env.USER ?? process.env.USERNAME ?? 'unknown';
}
