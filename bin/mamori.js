#!/usr/bin/env node
// The compiled CLI lives in dist/ (built by `npm install` through `prepare`).
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const main = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
if (!existsSync(main)) {
  process.stderr.write('mamori: dist/ is missing; run `npm install` (or `npm run build`) in the mamori checkout first\n');
  process.exit(2);
}
await import(pathToFileURL(main).href);
