import type { z } from 'zod';
import { ApiError, badParameter } from './errors.js';

/** Query string → plain object; a parameter given twice is refused (no silent last-wins). */
export function queryObject(search: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of search) {
    if (Object.hasOwn(out, k)) throw badParameter(k, 'given more than once');
    out[k] = v;
  }
  return out;
}

/** Validate `input` against `schema`; the first problem becomes a 400 that names the parameter. */
export function validate<T>(schema: z.ZodType<T>, input: unknown, where: 'query' | 'path'): T {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  if (issue.code === 'unrecognized_keys') {
    const name = issue.keys[0] ?? '?';
    throw new ApiError(400, 'unknown_parameter', `api: unknown ${where} parameter "${name}"`);
  }
  const name = issue.path.map(String).join('.') || '(root)';
  const value = typeof input === 'object' && input !== null ? (input as Record<string, unknown>)[String(issue.path[0])] : undefined;
  const shown = value === undefined ? 'missing' : `got "${String(value)}"`;
  return failWith(name, `${issue.message.replace(/^Invalid input: /, '')} (${shown})`);
}

function failWith(name: string, why: string): never {
  throw badParameter(name, why);
}
