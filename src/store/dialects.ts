import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import type { StoreKind } from './migrations.js';
import type { Database } from './tables.js';

export type StoreLocation =
  | { kind: 'sqlite'; path: string }
  | { kind: 'postgres'; url: string; schema?: string };

/** A Kysely instance on one dialect, with what the store needs to know about it. */
export interface OpenedDatabase {
  db: Kysely<Database>;
  kind: StoreKind;
  /** Path, or URL with the password redacted. */
  location: string;
  /** PostgreSQL schema holding the tables (and the migration table); undefined for SQLite. */
  schema?: string;
}

const SQLITE_BUSY_TIMEOUT_MS = 5000;
const PG_CONNECT_TIMEOUT_MS = 5000;
/** Unquoted PostgreSQL identifier, so it can go into search_path as is. */
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** A `postgres://` or `postgresql://` URL is PostgreSQL; anything else (a path, `:memory:`) is SQLite. */
export function parseLocation(location: string, opts: { schema?: string } = {}): StoreLocation {
  if (!/^postgres(ql)?:\/\//i.test(location)) {
    if (location === '') throw new Error('store: empty database location');
    return { kind: 'sqlite', path: location };
  }
  let url: URL;
  try {
    url = new URL(location);
  } catch {
    throw new Error(`store: invalid PostgreSQL URL ${redactUrl(location)}`);
  }
  const fromQuery = url.searchParams.get('schema') ?? undefined;
  url.searchParams.delete('schema');
  const schema = opts.schema ?? fromQuery;
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
    throw new Error(`store: invalid PostgreSQL schema name "${schema}" (use lower-case letters, digits and _)`);
  }
  return schema === undefined ? { kind: 'postgres', url: url.toString() } : { kind: 'postgres', url: url.toString(), schema };
}

/** The URL with its password replaced by `***` (for messages and `Store.location`). */
export function redactUrl(location: string): string {
  try {
    const url = new URL(location);
    if (url.password === '') return location;
    url.password = '***';
    return url.toString();
  } catch {
    return location.replace(/(\/\/[^:/@]*:)[^@]*@/, '$1***@');
  }
}

export function describeError(e: unknown): string {
  if (e instanceof AggregateError && e.errors.length > 0) return e.errors.map(describeError).join('; ');
  if (e instanceof Error) return e.message || (e as NodeJS.ErrnoException).code || e.name;
  return String(e);
}

export async function openDatabase(location: string, opts: { schema?: string } = {}): Promise<OpenedDatabase> {
  const where = parseLocation(location, opts);
  return where.kind === 'sqlite' ? openSqlite(where.path) : openPostgres(where.url, where.schema, redactUrl(location));
}

function openSqlite(path: string): OpenedDatabase {
  let database: BetterSqlite3.Database;
  try {
    if (path !== ':memory:' && !path.startsWith('file:')) mkdirSync(dirname(path), { recursive: true });
    database = new BetterSqlite3(path, { timeout: SQLITE_BUSY_TIMEOUT_MS });
  } catch (e) {
    throw new Error(`store: cannot open SQLite database ${path}: ${describeError(e)}`);
  }
  try {
    // WAL: a commit is in the log before the call returns, so a killed process loses nothing it was told was saved.
    database.pragma('journal_mode = WAL');
    database.pragma('synchronous = NORMAL');
    database.pragma('foreign_keys = ON');
    database.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
  } catch (e) {
    database.close();
    throw new Error(`store: cannot open SQLite database ${path}: ${describeError(e)}`);
  }
  return { db: new Kysely<Database>({ dialect: new SqliteDialect({ database }) }), kind: 'sqlite', location: path };
}

async function openPostgres(url: string, schema: string | undefined, shown: string): Promise<OpenedDatabase> {
  const pool = new pg.Pool({
    connectionString: url,
    connectionTimeoutMillis: PG_CONNECT_TIMEOUT_MS,
    ...(schema === undefined ? {} : { options: `-c search_path=${schema}` }),
  });
  // An idle client dropped by the server must not crash the process; the next query reports the problem.
  pool.on('error', () => {});
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  try {
    if (schema !== undefined) {
      await sql`create schema if not exists ${sql.id(schema)}`.execute(db);
      return { db, kind: 'postgres', location: shown, schema };
    }
    const { rows } = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db);
    return { db, kind: 'postgres', location: shown, schema: rows[0]?.schema ?? 'public' };
  } catch (e) {
    await db.destroy().catch(() => {});
    throw new Error(`store: cannot connect to PostgreSQL at ${shown}: ${describeError(e)}`);
  }
}
