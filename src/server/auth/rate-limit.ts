/** A fixed-window counter per key, bounded in memory. */
export interface RateLimiter {
  /** Counts one hit; true while the key is within its limit. */
  hit(key: string, now?: number): boolean;
  /** True when the key is over its limit, without counting. */
  blocked(key: string, now?: number): boolean;
  reset(key: string): void;
}

/**
 * In-memory limiter: at most `limit` hits per `windowMs` per key. Keeps at most `maxKeys` keys
 * (oldest dropped first), so a flood of distinct keys cannot exhaust memory.
 *
 * @example
 * const perIp = createRateLimiter({ limit: 20, windowMs: 60_000 });
 * if (!perIp.hit(ip)) throw new MamoriError('ERR_RATE_LIMIT', 'too many sign-in attempts');
 */
export function createRateLimiter(opts: { limit: number; windowMs: number; maxKeys?: number }): RateLimiter {
  const maxKeys = opts.maxKeys ?? 10_000;
  const windows = new Map<string, { start: number; count: number }>();
  const current = (key: string, now: number) => {
    const w = windows.get(key);
    if (!w || now - w.start >= opts.windowMs) return undefined;
    return w;
  };
  return {
    hit(key, now = Date.now()) {
      let w = current(key, now);
      if (!w) {
        windows.delete(key);
        if (windows.size >= maxKeys) windows.delete(windows.keys().next().value as string);
        w = { start: now, count: 0 };
        windows.set(key, w);
      }
      w.count++;
      return w.count <= opts.limit;
    },
    blocked(key, now = Date.now()) {
      const w = current(key, now);
      return w !== undefined && w.count >= opts.limit;
    },
    reset(key) {
      windows.delete(key);
    },
  };
}
