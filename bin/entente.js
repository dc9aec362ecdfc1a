#!/usr/bin/env node
// Runs the compiled CLI (dist/, built by `npm run build` and on `npm ci` via prepare).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const built = new URL('../dist/cli/bin.js', import.meta.url);
if (!existsSync(fileURLToPath(built))) {
  process.stderr.write('entente: dist/ is missing; run `npm run build` first\n');
  process.exit(2);
}
await import(built.href);
