import type { Command } from 'commander';
import { createDetectorSet } from '../../detect/index.js';
import { createPolicyEngine, describeConditions, effectivePolicy, policyWarnings } from '../../policy/index.js';
import { createContext, type GlobalOptions } from '../context.js';
import { parseFormat, renderTable, writeJson } from '../output.js';

/**
 * `mamori policy check [--config FILE] [--format table|json]`: validates the policy (errors name file and line)
 * and lists the rules in force, in order, ending with the default rule.
 *
 * @example
 * mamori policy check --config examples/mamori.yaml
 */
export const registerPolicy = (program: Command): void => {
  const policy = program.command('policy').description('DLP policy: rules that decide allow / alert / block');
  policy
    .command('check')
    .description('validate the policy in the config and list its rules in order (first match wins)')
    .option('--format <format>', 'table|json', 'table')
    .action((opts: { format?: string }, cmd: Command) => {
      const format = parseFormat(opts.format, ['table', 'json'] as const, 'table');
      const ctx = createContext(cmd.optsWithGlobals<GlobalOptions>());
      const detectors = createDetectorSet(ctx.config.detect).detectors.map((d) => d.id);
      const engine = createPolicyEngine(ctx.config.policy, ctx.taxonomy, detectors.length ? { detectors } : {});
      const { policy: p } = effectivePolicy(ctx.config.policy);
      const rules = [
        ...p.rules.map((r) => ({ id: r.id, action: r.action, when: describeConditions(r.when), description: r.description ?? '', conditions: r.when })),
        { id: engine.defaultRule.id, action: engine.defaultRule.action, when: 'no rule matched', description: engine.defaultRule.description ?? '', conditions: {} },
      ];
      const warnings = policyWarnings(p);
      if (format === 'json') {
        writeJson({ valid: true, mode: engine.mode, defaultPolicy: engine.usesDefaultRules, lists: p.lists, segments: p.segments, rules, warnings });
        return;
      }
      const source = engine.usesDefaultRules ? 'the shipped default policy (no policy.rules in the config)' : `${p.rules.length} rule(s) from the config`;
      process.stdout.write(`policy valid: ${source}; mode ${engine.mode}\n`);
      for (const [name, entries] of Object.entries(p.lists)) process.stdout.write(`list ${name}: ${entries.length ? entries.join(', ') : '(empty)'}\n`);
      for (const [name, entries] of Object.entries(p.segments)) process.stdout.write(`segment ${name}: ${entries.join(', ')}\n`);
      for (const w of warnings) process.stdout.write(`warning: ${w}\n`);
      process.stdout.write('\n');
      process.stdout.write(
        renderTable(
          rules.map((r, i) => ({ ...r, n: i + 1 })),
          [
            { header: '#', value: (r) => r.n, align: 'right' },
            { header: 'RULE', value: (r) => r.id },
            { header: 'ACTION', value: (r) => (engine.mode === 'monitor' && r.action === 'block' ? 'block (monitor: alert)' : r.action) },
            { header: 'WHEN', value: (r) => r.when, max: 80 },
            { header: 'DESCRIPTION', value: (r) => r.description, max: 70 },
          ],
        ),
      );
    });
};
