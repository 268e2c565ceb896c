import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument, isNode } from 'yaml';
import { MamoriError } from '../core/index.js';
import { configSchema, type MamoriConfig } from './schema.js';

/**
 * Parses and validates a YAML config. Errors name the file, the line and what is wrong:
 * `mamori.yaml:12: policy.rules.0.action: Invalid option: expected one of "allow"|"alert"|"block"`.
 *
 * @example
 * const config = parseConfig(readFileSync('mamori.yaml', 'utf8'), 'mamori.yaml');
 */
export function parseConfig(text: string, file = '<config>'): MamoriConfig {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    const line = lineCounter.linePos(e.pos[0]).line;
    throw new MamoriError('ERR_CONFIG', `${file}:${line}: ${e.message.split('\n')[0]}`);
  }
  const raw: unknown = doc.toJS() ?? {};
  const result = configSchema.safeParse(raw);
  if (result.success) return result.data;
  const messages = result.error.issues.slice(0, 5).map((issue) => {
    // Walk up the path until a node with a position exists (a missing key has none).
    let line: number | string = '?';
    for (let n = issue.path.length; n >= 0; n--) {
      const node = n === 0 ? doc.contents : doc.getIn(issue.path.slice(0, n) as (string | number)[], true);
      if (isNode(node) && node.range) {
        line = lineCounter.linePos(node.range[0]).line;
        break;
      }
    }
    const where = issue.path.length ? `${issue.path.join('.')}: ` : '';
    return `${file}:${line}: ${where}${issue.message}`;
  });
  throw new MamoriError('ERR_CONFIG', messages.join('; '));
}

/** Reads and validates a config file; a missing file is ERR_CONFIG. */
export function loadConfigFile(path: string): MamoriConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new MamoriError('ERR_CONFIG', `cannot read config ${path}: ${(e as Error).message}`, { cause: e });
  }
  return parseConfig(text, path);
}

/** The configuration with every default, as used when no file is given. */
export function defaultConfig(): MamoriConfig {
  return configSchema.parse({});
}
