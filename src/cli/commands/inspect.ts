import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { isIP } from 'node:net';
import type { Command } from 'commander';
import { MamoriError, type InspectContext, type Inspection } from '../../core/index.js';
import { createContext } from '../context.js';
import { EXIT } from '../exit.js';
import { explainDecision } from '../../policy/index.js';
import { buildInspector } from '../inspector.js';
import { renderExplanation } from '../policy-explain.js';
import { parseFormat, renderTable, writeJson } from '../output.js';

interface InspectOptions {
  format?: string;
  dest?: string;
  client?: string;
  user?: string;
  method?: string;
  name?: string;
}

/** `mamori inspect <file|->`: label, evidence and the verdict for one file. Exit 1 when the verdict blocks. */
export function registerInspect(program: Command): void {
  program
    .command('inspect')
    .description('inspect one file (or - for stdin): label, findings, document matches and the policy verdict')
    .argument('<file>', 'file to inspect, or - for standard input')
    .option('--format <format>', 'table|json', 'table')
    .option('--dest <url>', 'destination URL or host the content would go to (for policy)')
    .option('--client <ip>', 'client address (for policy)')
    .option('--user <name>', 'user name (for policy)')
    .option('--method <method>', 'HTTP method (for policy)', 'POST')
    .option('--name <name>', 'file name to assume for stdin')
    .action(async (file: string, opts: InspectOptions) => {
      const format = parseFormat(opts.format, ['table', 'json'] as const, 'table');
      const ctx = createContext(program.opts());
      const bytes = await readInput(file);
      const context: InspectContext = {
        channel: 'cli',
        fileName: file === '-' ? (opts.name ?? 'stdin') : basename(file),
        method: opts.method ?? 'POST',
        org: ctx.config.org,
        ...destination(opts.dest),
        ...(opts.client !== undefined ? { clientIp: opts.client } : {}),
        ...(opts.user !== undefined ? { user: opts.user } : {}),
      };
      const { inspector, policy } = await buildInspector(ctx);
      const result = await inspector.inspect(bytes, context);
      const explanation = explainDecision(policy, { label: result.label, unscannable: result.unscannable, findings: result.findings, matches: result.matches, bytes: result.bytes, context });
      if (format === 'json') writeJson({ ...result, policy: explanation });
      else process.stdout.write(`${renderInspection(result, ctx.taxonomy.get(result.label)?.name)}\n${renderExplanation(explanation)}`);
      if (result.verdict.action === 'block') process.exitCode = EXIT.blocked;
    });
}

async function readInput(file: string): Promise<Uint8Array> {
  if (file === '-') {
    const chunks: Buffer[] = [];
    for await (const c of process.stdin) chunks.push(c as Buffer);
    return Buffer.concat(chunks);
  }
  try {
    return await readFile(file);
  } catch (e) {
    throw new MamoriError('ERR_INPUT', `cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, { cause: e });
  }
}

function destination(dest: string | undefined): Partial<InspectContext> {
  if (dest === undefined) return {};
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(dest) ? dest : `http://${dest}`);
  } catch {
    throw new MamoriError('ERR_USAGE', `--dest is not a URL or host: ${dest}`);
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return { url: url.href, destHost: host, ...(isIP(host) ? { destIp: host } : {}) };
}

function renderInspection(r: Inspection, labelName: string | undefined): string {
  const lines = [
    `label      ${r.label}${labelName ? ` (${labelName})` : ''}${r.unscannable ? '  UNSCANNABLE' : ''}`,
    `verdict    ${r.verdict.action}  rule ${r.verdict.rule}: ${r.verdict.reason}`,
    ...r.reasons.map((x, i) => `${i === 0 ? 'reasons' : '       '}    [${x.label}] ${x.message}`),
    `content    ${r.bytes} bytes, ${r.parts.length} part(s), sha256 ${r.sha256.slice(0, 16)}…`,
  ];
  let out = lines.join('\n') + '\n';
  if (r.findings.length > 0) {
    out += '\n' + renderTable(r.findings, [
      { header: 'DETECTOR', value: (f) => f.detector },
      { header: 'COUNT', value: (f) => f.count, align: 'right' },
      { header: 'CONF', value: (f) => f.confidence.toFixed(2), align: 'right' },
      { header: 'LABEL', value: (f) => f.label },
      { header: 'SAMPLES', value: (f) => f.samples.join(', '), max: 60 },
    ]);
  }
  if (r.matches.length > 0) {
    out += '\n' + renderTable(r.matches, [
      { header: 'DOCUMENT', value: (m) => m.path, max: 60 },
      { header: 'LABEL', value: (m) => m.label },
      { header: 'COVERAGE', value: (m) => `${(m.coverage * 100).toFixed(1)}%`, align: 'right' },
      { header: 'RUN', value: (m) => m.longestRunChars, align: 'right' },
    ]);
  }
  for (const e of r.errors) out += `error      ${e.path}: ${e.code}: ${e.message}\n`;
  return out;
}
