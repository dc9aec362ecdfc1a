/**
 * The relation index of one dyad: a time-decayed, modality-weighted mean of
 * Goldstein scores over distinct events, on −100…+100 (docs/RELATIONS.md).
 */
import type { Contribution, EvidenceRef, RelationParams } from './types.js';

const DAY_MS = 86_400_000;
const dayCache = new Map<string, number>();

/** Days since 1970-01-01 for an ISO date (cached: a corpus has few distinct dates). */
export function dayNumber(date: string): number {
  let d = dayCache.get(date);
  if (d === undefined) {
    d = Math.floor(Date.parse(`${date.slice(0, 10)}T00:00:00Z`) / DAY_MS);
    if (Number.isNaN(d)) throw new Error(`relations: invalid event date "${date}"`);
    if (dayCache.size < 100_000) dayCache.set(date, d);
  }
  return d;
}

export function dateOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The signed score of one event: Goldstein × modality weight × (0.5 + 0.5 ×
 * coder confidence). A threat counts as conflict whatever its code; a negated
 * conflict ("did not sever ties") counts flipped at a small weight; a negated
 * cooperation counts 0.
 */
export function eventScore(c: Pick<Contribution, 'goldstein' | 'modality' | 'negated' | 'quadClass' | 'confidence'>, p: Pick<RelationParams, 'modality' | 'negatedConflict'>): number {
  let g = c.goldstein;
  let w = p.modality[c.modality] ?? 0;
  if (c.modality === 'threatened') g = -Math.abs(g);
  if (c.negated) {
    if (c.quadClass >= 3 && c.modality !== 'threatened') {
      g = -g;
      w *= p.negatedConflict;
    } else w = 0;
  }
  return g * w * (0.5 + 0.5 * c.confidence);
}

/**
 * One distinct event of a dyad: the reports of the same dyad (either
 * direction), CAMEO root and day (± sameEventDays) folded together — many
 * articles about one meeting are one meeting.
 */
export interface EventUnit {
  day: number;
  /** Mean score of its reports. */
  score: number;
  /** Largest share among its reports (1 when any report names the dyad directly). */
  share: number;
  reports: Contribution[];
}

/** Fold one dyad's contributions (both directions) into distinct events, by day. */
export function foldCoverage(rows: Contribution[], p: Pick<RelationParams, 'sameEventDays'>): EventUnit[] {
  let sorted = rows;
  for (let i = 1; i < rows.length; i++) {
    if (rows[i]!.day < rows[i - 1]!.day) {
      sorted = [...rows].sort((x, y) => x.day - y.day || (x.eventId < y.eventId ? -1 : x.eventId > y.eventId ? 1 : 0));
      break;
    }
  }
  // Keyed by CAMEO root and sign of the score: the rows given are one dyad's (either direction).
  const open = new Map<number, EventUnit>();
  const units: EventUnit[] = [];
  for (const r of sorted) {
    const root = (r.cameoCode.charCodeAt(0) - 48) * 10 + (r.cameoCode.charCodeAt(1) - 48);
    const key = root * 3 + (r.score > 0 ? 2 : r.score < 0 ? 0 : 1);
    const u = open.get(key);
    if (u && r.day - u.day <= p.sameEventDays) {
      u.reports.push(r);
      u.score += r.score;
      if (r.share > u.share) u.share = r.share;
      continue;
    }
    const unit: EventUnit = { day: r.day, score: r.score, share: r.share, reports: [r] };
    open.set(key, unit);
    units.push(unit);
  }
  for (const u of units) u.score /= u.reports.length;
  return units;
}

export interface IndexValue {
  /** −100…+100, rounded to one decimal. */
  index: number;
  /** 0..1 from the decayed count of distinct events and the number of outlets. */
  confidence: number;
  /** Distinct events up to the date. */
  evidence: number;
  /** Reports (event rows) up to the date. */
  reports: number;
  outlets: number;
  articles: number;
}

/** Decay weight of an event `age` days old. */
export const decay = (age: number, halfLife: number): number => Math.pow(0.5, age / halfLife);

/**
 * The index at the end of `day` from the units on or before it (units sorted
 * by day). index = 100 × Σ wᵢsᵢ / (10 × (Σ wᵢ + prior)), wᵢ = shareᵢ × ½^(ageᵢ/halfLife).
 */
export function indexAt(units: EventUnit[], day: number, p: Pick<RelationParams, 'halfLifeDays' | 'prior'>, from = -Infinity): IndexValue {
  let num = 0;
  let den = 0;
  let evidence = 0;
  let reports = 0;
  const outlets = new Set<string>();
  const articles = new Set<number>();
  for (const u of units) {
    if (u.day > day) break;
    if (u.day < from) continue;
    const w = u.share * decay(day - u.day, p.halfLifeDays);
    num += w * u.score;
    den += w;
    evidence += 1;
    reports += u.reports.length;
    for (const r of u.reports) {
      articles.add(r.articleId);
      if (r.outlet) outlets.add(r.outlet);
    }
  }
  const index = den === 0 ? 0 : (100 * num) / (10 * (den + p.prior));
  return { index: round1(index), confidence: confidence(den, outlets.size || (articles.size > 0 ? 1 : 0)), evidence, reports, outlets: outlets.size, articles: articles.size };
}

/** 1 − e^(−n/3) for n decayed distinct events, × (0.4 + 0.6 × min(1, outlets/3)). */
export function confidence(decayedEvents: number, outlets: number): number {
  const c = (1 - Math.exp(-decayedEvents / 3)) * (0.4 + 0.6 * Math.min(1, outlets / 3));
  return Math.round(c * 100) / 100;
}

/** The units that move the index most at `day`, as evidence pointers. */
export function topEvidence(units: EventUnit[], day: number, p: Pick<RelationParams, 'halfLifeDays'>, n: number, from = -Infinity, lo = 0, hi = units.length): EvidenceRef[] {
  // The first n of units[lo, hi) ordered by |contribution| desc, then day desc, then position: a stable sort's
  // first n, kept in a small sorted list instead of sorting every unit.
  const best: Array<{ u: EventUnit; c: number; abs: number }> = [];
  for (let i = lo; i < hi; i++) {
    const u = units[i]!;
    if (u.day > day || u.day < from) continue;
    const c = u.share * decay(day - u.day, p.halfLifeDays) * u.score;
    const abs = Math.abs(c);
    let k = best.length;
    while (k > 0 && (abs > best[k - 1]!.abs || (abs === best[k - 1]!.abs && u.day > best[k - 1]!.u.day))) k--;
    if (k >= n) continue;
    best.splice(k, 0, { u, c, abs });
    if (best.length > n) best.pop();
  }
  return best.map(({ u, c }) => evidenceRef(u, c));
}

export function evidenceRef(u: EventUnit, contribution: number): EvidenceRef {
  // The report that names the dyad most directly, with the highest score magnitude, stands for the unit.
  const r = [...u.reports].sort((x, y) => y.share - x.share || Math.abs(y.goldstein) - Math.abs(x.goldstein))[0]!;
  const ref: EvidenceRef = {
    eventId: r.eventId, articleId: r.articleId, date: r.date, source: r.source, target: r.target, cameoCode: r.cameoCode,
    score: round2(u.score), contribution: round2(contribution), coverage: u.reports.length,
  };
  if (r.outlet) ref.outlet = r.outlet;
  if (r.via) ref.via = r.via;
  return ref;
}

export const round1 = (x: number): number => Math.round(x * 10) / 10 + 0;
export const round2 = (x: number): number => Math.round(x * 100) / 100 + 0;
