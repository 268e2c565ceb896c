import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { MamoriError } from '../../core/index.js';
import { loadIncidentView, recordAction, type IncidentView } from '../../incidents/index.js';
import { blockIncidentDestinations, buildStixBundle, renderNftables, renderPlainList, renderSquidDst, renderSquidDstdomain, writeFileAtomic } from '../../respond/index.js';
import { listBlocklist, listIncidents, type Store } from '../../store/index.js';
import { createContext, type CliContext, type GlobalOptions } from '../context.js';
import { actorName, syncIncidents } from '../incidents-sync.js';

const KINDS = ['stix', 'squid-acl', 'nft', 'list'] as const;
type Kind = (typeof KINDS)[number];

async function blockEntries(ctx: CliContext, store: Store, incidentId: string | undefined, actor: string) {
  const guard = { internal: ctx.config.netlog.internal, allow: ctx.config.netlog.allow };
  const added = await blockIncidentDestinations(store.db, guard, { ...(incidentId ? { incidentId } : {}), actor });
  const entries = await listBlocklist(store.db, incidentId ? { incidentId } : {});
  const byIncident = new Map<string, string[]>();
  for (const e of entries.filter((x) => added.includes(x.value) && x.incidentId)) byIncident.set(e.incidentId!, [...(byIncident.get(e.incidentId!) ?? []), e.value]);
  for (const [id, values] of byIncident) await recordAction(store.db, id, 'blocklist', `put on the block list: ${values.join(', ')}`, actor);
  return entries;
}

function output(path: string | undefined, text: string): void {
  if (path) writeFileAtomic(resolve(path), text);
  else process.stdout.write(text);
}

/**
 * `mamori export stix|squid-acl|nft|list [--incident id] [-o FILE]`: block lists for the proxy and the firewall
 * (adding the incidents' flagged destinations to the stored block list first) and STIX 2.1 for the national
 * centre. Files are replaced atomically, so a proxy may reload at any time. `squid-acl` writes two ACL files:
 * `-o DIR` puts `mamori-block-dstdomain.acl` and `mamori-block-dst.acl` in DIR; `-o FILE --acl dstdomain|dst`
 * writes one.
 *
 * @example
 * mamori export squid-acl -o /etc/squid/mamori/ && squid -k reconfigure
 */
export const registerExport = (program: Command): void => {
  program
    .command('export <kind>')
    .description('export block lists (squid-acl, nft, list) or a STIX 2.1 bundle (stix)')
    .option('--incident <id>', 'only this incident')
    .option('-o, --output <path>', 'write to a file (a directory for squid-acl) instead of stdout')
    .option('--acl <type>', 'squid-acl: which file, dstdomain|dst (default both)')
    .option('--actor <name>', 'who exports (audit trail)')
    .action(async (kindArg: string, opts: { incident?: string; output?: string; acl?: string; actor?: string }, cmd: Command) => {
      if (!(KINDS as readonly string[]).includes(kindArg)) throw new MamoriError('ERR_USAGE', `export kind must be one of ${KINDS.join('|')}, not "${kindArg}"`);
      const kind = kindArg as Kind;
      if (opts.acl !== undefined && !['dstdomain', 'dst'].includes(opts.acl)) throw new MamoriError('ERR_USAGE', `--acl must be dstdomain or dst, not "${opts.acl}"`);
      const ctx = createContext(cmd.optsWithGlobals<GlobalOptions>());
      const actor = actorName(opts.actor);
      const store = await ctx.openStore();
      try {
        await syncIncidents(ctx, store);
        if (opts.incident && !(await listIncidents(store.db, { ids: [opts.incident] })).length) throw new MamoriError('ERR_NOT_FOUND', `no incident ${opts.incident}`);
        if (kind === 'stix') {
          const ids = opts.incident ? [opts.incident] : (await listIncidents(store.db)).filter((i) => i.status !== 'closed').map((i) => i.id);
          const views: IncidentView[] = [];
          for (const id of ids) views.push((await loadIncidentView(store.db, id))!);
          const bundle = buildStixBundle(views, { organisation: ctx.config.respond.stix.organisation ?? ctx.config.org, tlp: ctx.config.respond.stix.tlp });
          output(opts.output, `${JSON.stringify(bundle, null, 2)}\n`);
          for (const v of views) await recordAction(store.db, v.id, 'stix', `exported as STIX 2.1 (${bundle.id})`, actor);
          return;
        }
        const entries = await blockEntries(ctx, store, opts.incident, actor);
        if (kind === 'nft') return output(opts.output, renderNftables(entries));
        if (kind === 'list') return output(opts.output, renderPlainList(entries));
        const files = { dstdomain: renderSquidDstdomain(entries), dst: renderSquidDst(entries) };
        if (opts.output && existsSync(opts.output) && statSync(opts.output).isDirectory()) {
          const dir = resolve(opts.output);
          writeFileAtomic(join(dir, 'mamori-block-dstdomain.acl'), files.dstdomain);
          writeFileAtomic(join(dir, 'mamori-block-dst.acl'), files.dst);
          process.stdout.write(
            `acl mamori_block_domains dstdomain "${join(dir, 'mamori-block-dstdomain.acl')}"\nacl mamori_block_dst dst "${join(dir, 'mamori-block-dst.acl')}"\nhttp_access deny mamori_block_domains\nhttp_access deny mamori_block_dst\n`,
          );
          return;
        }
        if (opts.output && !opts.acl) throw new MamoriError('ERR_USAGE', 'squid-acl -o needs a directory, or --acl dstdomain|dst for a single file');
        if (opts.acl) return output(opts.output, files[opts.acl as 'dstdomain' | 'dst']);
        process.stdout.write(files.dstdomain + files.dst);
      } finally {
        await store.close();
      }
    });
};
