/** Test support: find the PostgreSQL server tests use, and make throwaway schemas on it. */
import pg from 'pg';
import { describeError } from '../store/dialects.js';

const CANDIDATES = process.env.ENTENTE_TEST_PG_URL
  ? [process.env.ENTENTE_TEST_PG_URL]
  : ['postgres://postgres@127.0.0.1:5432/test', 'postgres://root@127.0.0.1:5432/test'];

/** The first reachable server URL, or why none is (tests skip with that reason). */
export async function findPostgres(): Promise<{ url: string } | { reason: string }> {
  const failures: string[] = [];
  for (const url of CANDIDATES) {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
    try {
      await client.connect();
      await client.query('select 1');
      return { url };
    } catch (e) {
      failures.push(`${url}: ${describeError(e)}`);
    } finally {
      await client.end().catch(() => {});
    }
  }
  return { reason: `PostgreSQL not reachable at ${failures.join('; ')}` };
}

/** A schema name unique to this process and call. */
export function schemaName(prefix: string): string {
  return `${prefix}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
}

export async function dropSchemas(url: string, schemas: string[]): Promise<void> {
  if (schemas.length === 0) return;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const schema of schemas) await client.query(`drop schema if exists "${schema}" cascade`);
  } finally {
    await client.end();
  }
}
