/**
 * Relation actor keys: who a side of an event is, for relations. A state is
 * its ISO3 code (USAGOV and USAMIL are both USA); a group, region or IGO is
 * its knowledge-base id in capitals (NATO, EU) or its CAMEO region code (EUR).
 */
import type { Actor, EventRecord } from '../events/record.js';

/** The relation key of an event actor, or '' when it names no one we can place. */
export function relationKey(a: Pick<Actor, 'country' | 'code' | 'actor_id'>): string {
  if (a.country && a.country !== 'IGO') return a.country;
  // An organisation or group of the knowledge base; a bare sector ("the government" of no known country) is no one.
  return a.actor_id ? a.actor_id.toUpperCase() : '';
}

/** The directed (source, target) key pairs of an event: every source with every target, self pairs dropped. */
export function eventDyads(e: Pick<EventRecord, 'sources' | 'targets'>): Array<{ source: string; target: string }> {
  const out: Array<{ source: string; target: string }> = [];
  const seen = new Set<string>();
  for (const s of e.sources) {
    const sk = relationKey(s);
    if (!sk) continue;
    for (const t of e.targets) {
      const tk = relationKey(t);
      if (!tk || tk === sk || seen.has(`${sk}|${tk}`)) continue;
      seen.add(`${sk}|${tk}`);
      out.push({ source: sk, target: tk });
    }
  }
  return out;
}

/** Undirected dyad key: the two keys sorted, joined by '–'. */
export function pairKey(a: string, b: string): string {
  return a < b ? `${a}–${b}` : `${b}–${a}`;
}

/** The event_dyads rows of one stored event (one per directed key pair). */
export function eventDyadRows(articleId: number, e: EventRecord): Array<{
  event_id: string; article_id: number; date: string; source: string; target: string; quad_class: number;
  goldstein: number; modality: string; negated: number; confidence: number; cameo_code: string;
}> {
  return eventDyads(e).map(({ source, target }) => ({
    event_id: e.id, article_id: articleId, date: e.date, source, target, quad_class: e.cameo.quad_class,
    goldstein: e.cameo.goldstein, modality: e.modality, negated: e.negated ? 1 : 0, confidence: e.confidence, cameo_code: e.cameo.code,
  }));
}
