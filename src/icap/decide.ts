import type { MamoriConfig } from '../config/index.js';
import type { InspectContext, Inspection, LabelTaxonomy, Verdict } from '../core/index.js';
import type { Inspector } from '../inspect.js';
import type { PolicyEngine } from '../policy/index.js';
import { Limiter } from './limiter.js';

/** Decides uploads: the inspector within a time budget, or policy alone when content cannot be inspected. */
export interface Decider {
  /** Inspects `load()`'s bytes; on error or timeout, policy decides the content as unscannable. */
  inspect(load: () => Promise<Uint8Array>, context: InspectContext): Promise<Inspection>;
  /** Content mamori could not read at all (over the size cap, truncated): policy decides. */
  uninspectable(reason: string, bytes: number, context: InspectContext): Inspection;
}

export interface DeciderOptions {
  readonly inspector: Inspector;
  readonly policy: PolicyEngine;
  readonly taxonomy: LabelTaxonomy;
  readonly config: MamoriConfig;
}

class InspectTimeout extends Error {}

/**
 * Wraps the inspector with a concurrency limit (each inspection holds one body in memory), a timeout,
 * and the fail-safe: whatever goes wrong, policy decides as for unscannable content (by default: block).
 *
 * @example
 * const decider = createDecider({ inspector, policy, taxonomy, config });
 * const inspection = await decider.inspect(() => spool.bytes(), context);
 */
export function createDecider(options: DeciderOptions): Decider {
  const { inspector, policy, taxonomy, config } = options;
  const slots = new Limiter(config.icap.maxConcurrentInspections);

  function uninspectable(reason: string, bytes: number, context: InspectContext): Inspection {
    const lowest = taxonomy.lowest;
    // Monitor mode is applied by the policy engine itself.
    const verdict: Verdict = policy.decide({ label: lowest, unscannable: true, findings: [], matches: [], bytes, context });
    return {
      label: lowest,
      unscannable: true,
      unscannableReasons: [reason],
      findings: [],
      matches: [],
      reasons: [{ label: lowest, kind: 'unscannable', message: `unscannable: ${reason}` }],
      parts: [],
      errors: [],
      verdict,
      bytes,
      sha256: '',
    };
  }

  return {
    uninspectable,
    async inspect(load, context) {
      const release = await slots.acquire();
      let timer: NodeJS.Timeout | undefined;
      let bytes = 0;
      try {
        const content = await load();
        bytes = content.byteLength;
        const timeout = new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new InspectTimeout()), config.icap.inspectTimeoutMs);
        });
        return await Promise.race([inspector.inspect(content, context), timeout]);
      } catch (e) {
        const reason = e instanceof InspectTimeout ? `inspection exceeded ${config.icap.inspectTimeoutMs} ms` : `inspection failed: ${(e as Error).message}`;
        return uninspectable(reason, bytes, context);
      } finally {
        clearTimeout(timer);
        release();
      }
    },
  };
}
