import { readFileSync } from 'node:fs';
import { z } from 'zod';

/**
 * Configuration is read once at the edge (CLI), validated, frozen and passed
 * in. Precedence: command-line flags > environment > config file > defaults.
 */
const ConfigSchema = z
  .object({
    db: z.string().min(1),
    ingest: z
      .object({
        /** Largest input file, URL body or stdin read, in bytes. */
        maxBytes: z.number().int().positive(),
        /** Articles per storage transaction. */
        batchSize: z.number().int().min(1).max(5000),
        /** SimHash bits two articles may differ by and still be near-duplicates. */
        nearThreshold: z.number().int().min(0).max(15),
        /** Bodies shorter than this many words are only checked for exact duplicates. */
        nearMinWords: z.number().int().min(1),
      })
      .strict(),
    fetch: z
      .object({
        timeoutMs: z.number().int().positive(),
        maxBytes: z.number().int().positive(),
        maxRedirects: z.number().int().min(0).max(20),
        allowPrivate: z.boolean(),
        userAgent: z.string().min(1),
      })
      .strict(),
    api: z
      .object({
        /** Bearer token for POST /api/ingest (only with `serve --allow-ingest`); at least 16 characters. */
        token: z.string().min(16).optional(),
        /** Largest request body, in bytes. */
        maxBodyBytes: z.number().int().positive(),
      })
      .strict(),
  })
  .strict();

export type Config = z.infer<typeof ConfigSchema>;

export const DEFAULT_CONFIG: Config = {
  db: 'entente.db',
  ingest: { maxBytes: 50 * 1024 * 1024, batchSize: 200, nearThreshold: 3, nearMinWords: 40 },
  fetch: { timeoutMs: 15_000, maxBytes: 10 * 1024 * 1024, maxRedirects: 5, allowPrivate: false, userAgent: 'entente/0.1 (+news ingestion)' },
  api: { maxBodyBytes: 5 * 1024 * 1024 },
};

type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? DeepPartial<T[K]> : T[K] };
export type ConfigOverrides = DeepPartial<Config>;

function merge<T extends object>(base: T, over: DeepPartial<T> | undefined): T {
  if (!over) return base;
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [k, v] of Object.entries(over)) {
    if (v === undefined) continue;
    const b = (base as Record<string, unknown>)[k];
    out[k] = b && typeof b === 'object' && v && typeof v === 'object' ? merge(b as object, v as object) : v;
  }
  return out as T;
}

function deepFreeze<T>(o: T): Readonly<T> {
  if (o && typeof o === 'object') for (const v of Object.values(o)) deepFreeze(v);
  return Object.freeze(o);
}

function positiveInt(name: string, raw: string): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new ConfigError(`config: ${name} must be a positive integer, got "${raw}"`);
  return n;
}

export class ConfigError extends Error {}

/**
 * Build the configuration. `env` is the process environment (read here and
 * nowhere else): ENTENTE_DB, ENTENTE_CONFIG (a JSON file), ENTENTE_MAX_BYTES, ENTENTE_API_TOKEN.
 */
export function loadConfig(env: Record<string, string | undefined>, flags: ConfigOverrides = {}, configFile?: string): Readonly<Config> {
  let fromFile: ConfigOverrides = {};
  const file = configFile ?? env['ENTENTE_CONFIG'];
  if (file) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      throw new ConfigError(`config: cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    try {
      fromFile = JSON.parse(text) as ConfigOverrides;
    } catch (e) {
      throw new ConfigError(`config: ${file} is not valid JSON: ${(e as Error).message}`);
    }
  }
  const fromEnv: ConfigOverrides = {};
  if (env['ENTENTE_DB']) fromEnv.db = env['ENTENTE_DB'];
  if (env['ENTENTE_API_TOKEN']) fromEnv.api = { token: env['ENTENTE_API_TOKEN'] };
  if (env['ENTENTE_MAX_BYTES']) fromEnv.ingest = { maxBytes: positiveInt('ENTENTE_MAX_BYTES', env['ENTENTE_MAX_BYTES']) };
  const merged = merge(merge(merge(DEFAULT_CONFIG, fromFile), fromEnv), flags);
  const parsed = ConfigSchema.safeParse(merged);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(`config: ${issue.path.join('.') || '(root)'}: ${issue.message}${file ? ` (from ${file} or flags)` : ''}`);
  }
  return deepFreeze(parsed.data);
}
