import cliProgress from 'cli-progress';

/** A progress bar on stderr when it is a terminal; a no-op otherwise (pipes, CI, JSON consumers). */
export interface Progress {
  tick(detail?: string): void;
  stop(): void;
}

/**
 * @example
 * const p = startProgress(files.length, 'scan');
 * for (const f of files) { work(f); p.tick(f); }
 * p.stop();
 */
export function startProgress(total: number, title: string): Progress {
  if (!process.stderr.isTTY || total < 2) return { tick: () => undefined, stop: () => undefined };
  const bar = new cliProgress.SingleBar(
    { stream: process.stderr, format: `${title} [{bar}] {value}/{total} {detail}`, hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, { detail: '' });
  return {
    tick: (detail = '') => bar.increment(1, { detail: detail.length > 40 ? `…${detail.slice(-39)}` : detail }),
    stop: () => bar.stop(),
  };
}
