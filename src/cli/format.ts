import type { StoredArticle } from '../types.js';
import type { ArticleSummary } from '../store/store.js';
import { formatMessage } from '../messages.js';

function pad(s: string, n: number): string {
  return s.length >= n ? s.slice(0, n - 1) + '…' : s.padEnd(n);
}

export function displayTitle(a: { title: string; body?: string }): string {
  if (a.title) return a.title;
  const words = (a.body ?? '').split(/\s+/).slice(0, 10).join(' ');
  return words ? `(untitled) ${words}…` : '(untitled)';
}

export function articlesTable(items: ArticleSummary[], total: number): string {
  const lines = [`${pad('ID', 6)} ${pad('DATE', 11)} ${pad('OUTLET', 20)} ${pad('LANG', 5)} ${pad('REL', 4)} TITLE`];
  for (const a of items) {
    const flags = [a.duplicateOf !== undefined ? `dup of #${a.duplicateOf}` : '', a.flagged ? 'flagged' : ''].filter(Boolean).join(', ');
    lines.push(
      `${pad(String(a.id), 6)} ${pad(a.published ?? '-', 11)} ${pad(a.outlet ?? '-', 20)} ${pad(a.language, 5)} ${pad(String(a.related), 4)} ${a.title || '(untitled)'}${flags ? `  [${flags}]` : ''}`,
    );
  }
  lines.push(`${items.length} of ${total} article(s)`);
  return lines.join('\n');
}

export function articleText(a: StoredArticle, showRemoved: boolean): string {
  const out: string[] = [];
  out.push(`#${a.id} ${displayTitle(a)}`);
  const meta: Array<[string, string | undefined]> = [
    ['outlet', a.outlet ? `${a.outlet} (${a.outletBasis ?? 'given'})` : undefined],
    ['published', a.published ? `${a.published} (${a.dateBasis})` : 'unknown'],
    ['language', a.language],
    ['format', a.format],
    ['origin', a.origin],
    ['url', a.url],
    ['duplicate of', a.duplicateOf !== undefined ? `#${a.duplicateOf}` : undefined],
    ['ingested', a.ingestedAt],
  ];
  for (const [k, v] of meta) if (v) out.push(`${k.padEnd(13)}${v}`);
  if (a.dek) out.push('', a.dek);
  out.push('', a.body || '(no body)');
  if (a.related.length) {
    out.push('', `Related headlines (${a.related.length}):`);
    for (const r of a.related) out.push(`  - ${r}`);
  }
  if (a.messages.length) {
    out.push('', 'Messages:');
    for (const m of a.messages) out.push(`  [${m.severity}] ${m.ruleId}: ${formatMessage(m)}`);
  }
  if (showRemoved) {
    out.push('', `Removed by the cleaner (${a.removed.length}):`);
    if (a.removed.length === 0) out.push('  (nothing)');
    for (const r of a.removed) out.push(`  [${r.stage}/${r.ruleId}] ${r.text}`);
  } else if (a.removed.length) out.push('', `(${a.removed.length} removed line(s): show them with --removed)`);
  return out.join('\n');
}
