/**
 * Outlet profiles from stored article tones and quotations: articles,
 * actors covered and the tone toward each, share of opinion language, whom
 * the outlet quotes; and a side-by-side comparison of outlets on one story.
 * Pure: the CLI and API read the rows from the Store.
 */
import type { ArticleToneRow, QuoteWithArticle } from '../store/store.js';

export const UNKNOWN_OUTLET = '(unknown)';

export interface OutletActor {
  /** CAMEO-style code (USAGOV) or ISO3. */
  code: string;
  country: string;
  articles: number;
  sentences: number;
  /** Mean tone (−4…+4) of the sentences naming the actor, over all the outlet's articles. */
  tone: number;
}

export interface OutletSpeaker {
  text: string;
  code: string;
  quotes: number;
}

export interface OutletProfile {
  outlet: string;
  articles: number;
  /** Mean GDELT-style article tone (positive % − negative %). */
  tone: number;
  /** Mean share (0…1) of sentences with opinion language. */
  opinion: number;
  actors: OutletActor[];
  speakers: OutletSpeaker[];
  quotes: number;
  reactions: number;
  first?: string;
  last?: string;
}

const round = (x: number): number => Math.round(x * 1000) / 1000;
const outletOf = (r: { outlet?: string }): string => r.outlet ?? UNKNOWN_OUTLET;

function profile(outlet: string, rows: readonly ArticleToneRow[], quotes: readonly QuoteWithArticle[], maxActors: number): OutletProfile {
  const actors = new Map<string, { country: string; articles: number; sentences: number; sum: number }>();
  for (const r of rows) {
    for (const a of r.actors) {
      const e = actors.get(a.code) ?? { country: a.country, articles: 0, sentences: 0, sum: 0 };
      e.articles++;
      e.sentences += a.sentences;
      e.sum += a.tone * a.sentences;
      actors.set(a.code, e);
    }
  }
  const speakers = new Map<string, OutletSpeaker>();
  for (const q of quotes) {
    if (!q.speaker) continue;
    const key = q.speaker.ref ?? q.speaker.text;
    const s = speakers.get(key) ?? { text: q.speaker.text, code: q.speaker.code, quotes: 0 };
    s.quotes++;
    speakers.set(key, s);
  }
  const dates = rows.map((r) => r.published?.slice(0, 10)).filter((d): d is string => !!d).sort();
  const p: OutletProfile = {
    outlet,
    articles: rows.length,
    tone: rows.length ? round(rows.reduce((s, r) => s + r.tone, 0) / rows.length) : 0,
    opinion: rows.length ? round(rows.reduce((s, r) => s + r.opinion, 0) / rows.length) : 0,
    actors: [...actors]
      .map(([code, e]) => ({ code, country: e.country, articles: e.articles, sentences: e.sentences, tone: e.sentences ? round(e.sum / e.sentences) : 0 }))
      .sort((x, y) => y.sentences - x.sentences || x.code.localeCompare(y.code))
      .slice(0, maxActors),
    speakers: [...speakers.values()].sort((x, y) => y.quotes - x.quotes || x.text.localeCompare(y.text)),
    quotes: quotes.filter((q) => !q.reaction).length,
    reactions: quotes.filter((q) => q.reaction).length,
  };
  if (dates.length) {
    p.first = dates[0]!;
    p.last = dates.at(-1)!;
  }
  return p;
}

/** One profile per outlet, most articles first. */
export function outletProfiles(rows: readonly ArticleToneRow[], quotes: readonly QuoteWithArticle[], opts: { maxActors?: number } = {}): OutletProfile[] {
  const byOutlet = new Map<string, ArticleToneRow[]>();
  for (const r of rows) byOutlet.set(outletOf(r), [...(byOutlet.get(outletOf(r)) ?? []), r]);
  const quotesBy = new Map<string, QuoteWithArticle[]>();
  for (const q of quotes) quotesBy.set(outletOf(q), [...(quotesBy.get(outletOf(q)) ?? []), q]);
  return [...byOutlet]
    .map(([o, rs]) => profile(o, rs, quotesBy.get(o) ?? [], opts.maxActors ?? 20))
    .sort((x, y) => y.articles - x.articles || x.outlet.localeCompare(y.outlet));
}

export interface OutletComparison {
  /** Actors named by at least two of the outlets compared. */
  actors: string[];
  outlets: Array<{ outlet: string; articles: number[]; tone: number; opinion: number; toward: Record<string, number | null>; speakers: string[] }>;
}

/** Outlets side by side on the same articles (a story): tone, opinion, tone toward the actors they share, whom they quote. */
export function compareOutlets(rows: readonly ArticleToneRow[], quotes: readonly QuoteWithArticle[]): OutletComparison {
  const profiles = outletProfiles(rows, quotes, { maxActors: 1000 });
  const named = new Map<string, number>();
  for (const p of profiles) for (const a of p.actors) named.set(a.code, (named.get(a.code) ?? 0) + 1);
  const shared = [...named].filter(([, n]) => n >= 2 || profiles.length === 1).map(([c]) => c).sort();
  return {
    actors: shared,
    outlets: profiles.map((p) => ({
      outlet: p.outlet,
      articles: rows.filter((r) => outletOf(r) === p.outlet).map((r) => r.articleId),
      tone: p.tone,
      opinion: p.opinion,
      toward: Object.fromEntries(shared.map((c) => [c, p.actors.find((a) => a.code === c)?.tone ?? null])),
      speakers: p.speakers.map((s) => s.text),
    })),
  };
}
