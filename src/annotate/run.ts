import type { Annotations, Store } from '../store/store.js';
import type { KnowledgeBase } from '../actors/kb.js';
import { annotateArticle, annotationVersion } from './annotate.js';

export interface AnnotateSummary {
  annotated: number;
  failed: number;
  mentions: number;
  events: number;
  errors: Array<{ id: number; error: string }>;
  seconds: number;
}

/**
 * Annotate stored articles that lack the current version's annotations (or
 * all of them with `all`), one transaction per page of 200 articles, so a
 * killed run resumes where it stopped. A failing article is reported, not fatal.
 */
export async function annotatePending(
  store: Store,
  kb: KnowledgeBase,
  opts: { all?: boolean; onProgress?: (done: number, label: string) => void } = {},
): Promise<AnnotateSummary> {
  const started = performance.now();
  const version = annotationVersion();
  const summary: AnnotateSummary = { annotated: 0, failed: 0, mentions: 0, events: 0, errors: [], seconds: 0 };
  let afterId = 0;
  for (;;) {
    const ids = await store.listToAnnotate(version, { afterId, limit: 200, ...(opts.all ? { all: true } : {}) });
    if (ids.length === 0) break;
    const batch: Array<{ articleId: number; annotations: Annotations }> = [];
    for (const id of ids) {
      afterId = id;
      const article = await store.getArticle(id);
      if (!article) continue;
      try {
        batch.push({ articleId: id, annotations: annotateArticle(article, kb) });
      } catch (e) {
        summary.failed++;
        summary.errors.push({ id, error: `annotate: article #${id}: ${(e as Error).message}` });
      }
    }
    // One transaction per page of articles: a killed run keeps every committed page.
    await store.saveAnnotations(batch);
    for (const { annotations: a } of batch) {
      summary.annotated++;
      summary.mentions += a.mentions.length;
      summary.events += a.events.length;
    }
    opts.onProgress?.(summary.annotated + summary.failed, `#${afterId}`);
  }
  summary.seconds = Math.round((performance.now() - started) / 10) / 100;
  return summary;
}
