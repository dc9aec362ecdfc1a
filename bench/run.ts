/**
 * `npm run bench -- <name>`: runs bench/<name>.ts and prints its figures.
 * Benchmarks print numbers; they are not timed tests.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const available = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts' && !f.endsWith('.test.ts') && !f.startsWith('_'))
  .map((f) => f.replace(/\.ts$/, ''));
const names = process.argv.slice(2).filter((a) => !a.startsWith('-'));
if (names.length === 0) {
  console.log(`usage: npm run bench -- <${available.join('|')}> …`);
  process.exit(names.length === 0 && process.argv.length > 2 ? 2 : 0);
}
for (const name of names) {
  const file = join(here, `${name}.ts`);
  if (!existsSync(file)) {
    console.error(`bench: no benchmark "${name}" (have: ${available.join(', ')})`);
    process.exitCode = 2;
    continue;
  }
  const r = spawnSync(process.execPath, ['--import', 'tsx', file], { stdio: 'inherit' });
  if (r.status !== 0) process.exitCode = r.status ?? 1;
}
