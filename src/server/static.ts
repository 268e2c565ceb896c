import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Hono } from 'hono';

const require = createRequire(import.meta.url);
// Same relative path from src/server/ (tsx) and dist/server/ (compiled): the repository root.
const OWN = fileURLToPath(new URL('../../src/server/console/static/', import.meta.url));

const FILES: Record<string, { file: string; type: string }> = {
  'htmx.min.js': { file: require.resolve('htmx.org/dist/htmx.min.js'), type: 'text/javascript; charset=utf-8' },
  'uplot.min.js': { file: require.resolve('uplot/dist/uPlot.iife.min.js'), type: 'text/javascript; charset=utf-8' },
  'uplot.min.css': { file: require.resolve('uplot/dist/uPlot.min.css'), type: 'text/css; charset=utf-8' },
  'console.css': { file: `${OWN}console.css`, type: 'text/css; charset=utf-8' },
  'console.js': { file: `${OWN}console.js`, type: 'text/javascript; charset=utf-8' },
};

/**
 * Serves the console's scripts and styles from node_modules and the repository, read once at start:
 * no CDN, and a fixed list so no path from a URL ever reaches the file system.
 *
 * @example
 * mountStatic(app);
 */
export function mountStatic(app: Hono): void {
  const loaded = new Map(Object.entries(FILES).map(([name, f]) => [name, { body: readFileSync(f.file), type: f.type }]));
  app.get('/static/:name', (c) => {
    const f = loaded.get(c.req.param('name'));
    if (!f) return c.notFound();
    c.header('content-type', f.type);
    c.header('cache-control', 'public, max-age=3600');
    return c.body(new Uint8Array(f.body));
  });
}
