import { InvalidArgumentError, type Command } from 'commander';
import type { Config } from '../config.js';
import { loadKnowledgeBase } from '../actors/kb.js';
import { openStore } from '../store/store.js';
import { startServer } from '../api/server.js';

export interface ServeCommandContext {
  out: (s: string) => void;
  err: (s: string) => void;
  config: () => Readonly<Config>;
  /** Resolves when the process is asked to stop (SIGINT/SIGTERM); tests pass their own. */
  stopSignal?: () => Promise<void>;
}

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError(`expected a port 0…65535, got "${value}"`);
  return n;
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/;

function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}

export function registerServeCommand(program: Command, ctx: ServeCommandContext): void {
  program
    .command('serve')
    .description('serve the JSON API (/api, OpenAPI at /api/openapi.json) and the dashboard (/) — read-only unless --allow-ingest')
    .option('--port <n>', 'TCP port (0 picks a free one)', port, 8080)
    .option('--host <address>', 'address to bind; anything but loopback exposes the database to the network', '127.0.0.1')
    .option('--allow-ingest', 'accept POST /api/ingest with the bearer token api.token from the config (or ENTENTE_API_TOKEN)')
    .action(async (o: { port: number; host: string; allowIngest?: boolean }) => {
      const config = ctx.config();
      const kb = loadKnowledgeBase();
      const store = await openStore(config.db);
      try {
        const running = await startServer({ store, kb, config, host: o.host, port: o.port, warm: true, ...(o.allowIngest ? { allowIngest: true } : {}) });
        if (!LOOPBACK.test(o.host)) ctx.err(`serve: warning: listening on ${o.host}, not loopback: anyone who reaches it can read the database\n`);
        ctx.out(`entente serving ${store.location} (${store.kind}) at ${running.url}/ — API ${running.url}/api, OpenAPI ${running.url}/api/openapi.json${o.allowIngest ? ', ingest enabled' : ''}\n`);
        await (ctx.stopSignal ?? untilSignal)();
        await running.close();
      } finally {
        await store.close();
      }
    });
}
