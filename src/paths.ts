import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root (holds package.json and data/), from src/ under tsx or dist/ when built. */
function findRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'data'))) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error(`paths: cannot find the entente package root above ${fileURLToPath(import.meta.url)}`);
    dir = up;
  }
}

export const ROOT = findRoot();
export const DATA_DIR = join(ROOT, 'data');
/** ../shared beside the project: read-only test and benchmark inputs. */
export const SHARED_DIR = join(ROOT, '..', 'shared');
