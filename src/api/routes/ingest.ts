import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../../config.js';
import type { Store } from '../../store/store.js';
import type { KnowledgeBase } from '../../actors/kb.js';
import type { ItemResult } from '../../types.js';
import { ingest } from '../../ingest/ingest.js';
import { annotatePending } from '../../annotate/run.js';
import { ApiError } from '../errors.js';
import { route, type AnyRoute } from '../route.js';
import { ingestQuery } from '../schemas.js';

/**
 * POST /api/ingest: the body is one input as `entente ingest` reads it. The
 * body is kept under `uploadDir` named by its hash, so posting the same bytes
 * twice stores nothing new (the same origin and text).
 */
export function ingestRoutes(store: Store, kb: KnowledgeBase, config: Readonly<Config>, uploadDir: string, changed: () => void = () => {}): AnyRoute[] {
  let queue: Promise<unknown> = Promise.resolve();
  return [
    route({
      method: 'POST',
      path: '/api/ingest',
      operationId: 'ingest',
      summary: 'Ingest one input (text, HTML, feed, JSON/JSONL, CSV; detected by content), then annotate it. Needs --allow-ingest and the bearer token',
      tag: 'ingest',
      auth: true,
      query: ingestQuery,
      body: { types: ['text/plain', 'text/html', 'application/json', 'application/x-ndjson', 'text/csv', 'application/rss+xml', 'application/atom+xml', 'application/xml', 'text/xml'], description: 'the input bytes' },
      returns: '{ summary, items: ItemResult[], annotation }',
      handler: async ({ query: q, body }) => {
        if (!body || body.length === 0) throw new ApiError(400, 'empty_body', 'api: ingest needs a non-empty body');
        const name = `upload-${createHash('sha256').update(body).digest('hex').slice(0, 24)}`;
        mkdirSync(uploadDir, { recursive: true });
        const path = join(uploadDir, name);
        writeFileSync(path, body);
        // One ingest at a time: deduplication reads what the previous one stored.
        const run = queue.then(async () => {
          const items: ItemResult[] = [];
          const summary = await ingest([path], store, config, { ...(q.date ? { date: q.date } : {}), ...(q.outlet ? { outlet: q.outlet } : {}), ...(q.format ? { format: q.format } : {}) }, { onResult: (r) => items.push(r) });
          const annotation = await annotatePending(store, kb);
          changed();
          return { summary, items, annotation: { annotated: annotation.annotated, mentions: annotation.mentions, events: annotation.events, failed: annotation.failed } };
        });
        queue = run.catch(() => undefined);
        return run;
      },
    }),
  ];
}
