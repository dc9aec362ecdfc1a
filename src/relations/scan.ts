/**
 * The index of every dyad in one pass over columns of numbers: the same
 * formula as score.ts (`foldCoverage`, `indexAt`, `topEvidence`), without an
 * object per contribution, so millions of events take seconds.
 */
import type { ActorCatalog } from './groups.js';
import { confidence, dateOfDay, dayNumber, decay, eventScore, round1, round2 } from './score.js';
import type { EvidenceRef, RelationParams, RelationRow } from './types.js';

export interface DyadScan {
  a: string;
  b: string;
  index: number;
  before: number;
  confidence: number;
  evidence: number;
  reports: number;
  articles: number;
  outlets: number;
  windowEvidence: number;
  quad: [number, number, number, number];
  goldsteinSum: number;
  goldsteinMean: number;
  first: string;
  last: string;
  /** Some row names the dyad directly (not only through a group). */
  direct: boolean;
  top: EvidenceRef[];
  windowTop: EvidenceRef[];
}

class Growable {
  row = new Int32Array(1024);
  dyad = new Int32Array(1024);
  share = new Float32Array(1024);
  via = new Int32Array(1024);
  length = 0;
  push(row: number, dyad: number, share: number, via: number): void {
    if (this.length === this.row.length) {
      const grow = <T extends Int32Array | Float32Array>(a: T): T => {
        const b = new (a.constructor as new (n: number) => T)(a.length * 2);
        b.set(a);
        return b;
      };
      this.row = grow(this.row);
      this.dyad = grow(this.dyad);
      this.share = grow(this.share);
      this.via = grow(this.via);
    }
    const i = this.length++;
    this.row[i] = row;
    this.dyad[i] = dyad;
    this.share[i] = share;
    this.via[i] = via;
  }
}

export function scanDyads(rows: readonly RelationRow[], catalog: ActorCatalog, params: RelationParams, o: { asOfDay: number; startDay: number; nTop: number }): DyadScan[] {
  const n = rows.length;
  const day = new Int32Array(n);
  const score = new Float64Array(n);
  const root = new Int16Array(n);
  for (let i = 0; i < n; i++) {
    const r = rows[i]!;
    day[i] = dayNumber(r.date);
    score[i] = eventScore(r, params);
    root[i] = (r.cameoCode.charCodeAt(0) - 48) * 10 + (r.cameoCode.charCodeAt(1) - 48);
  }
  // Articles and outlets as small integers, counted per dyad with stamps instead of sets.
  const articleIdx = new Int32Array(n);
  const outletIdx = new Int32Array(n);
  const articleIds = new Map<number, number>();
  const outletIds = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const r = rows[i]!;
    let a = articleIds.get(r.articleId);
    if (a === undefined) articleIds.set(r.articleId, (a = articleIds.size));
    articleIdx[i] = a;
    if (r.outlet) {
      let x = outletIds.get(r.outlet);
      if (x === undefined) outletIds.set(r.outlet, (x = outletIds.size));
      outletIdx[i] = x;
    } else outletIdx[i] = -1;
  }
  const articleStamp = new Int32Array(articleIds.size);
  const outletStamp = new Int32Array(outletIds.size);
  // Dyads and groups interned to numbers.
  const dyadIds = new Map<string, Map<string, number>>();
  const dyadA: string[] = [];
  const dyadB: string[] = [];
  const intern = (x: string, y: string): number => {
    const a = x < y ? x : y;
    const b = x < y ? y : x;
    let inner = dyadIds.get(a);
    if (!inner) dyadIds.set(a, (inner = new Map()));
    let id = inner.get(b);
    if (id === undefined) {
      id = dyadA.length;
      inner.set(b, id);
      dyadA.push(a);
      dyadB.push(b);
    }
    return id;
  };
  const groupIds = new Map<string, number>();
  const groupKey = new Map<string, boolean>();
  const groupNames: string[] = [];
  const c = new Growable();
  for (let i = 0; i < n; i++) {
    const r = rows[i]!;
    if (r.source === r.target) continue;
    c.push(i, intern(r.source, r.target), 1, -1);
    for (let side = 0; side < 2; side++) {
      const group = side === 0 ? r.source : r.target;
      let isGroup = groupKey.get(group);
      if (isGroup === undefined) groupKey.set(group, (isGroup = catalog.isGroup(group)));
      if (!isGroup) continue;
      const members = catalog.members(group, r.date);
      if (!members || members.length === 0) continue;
      const share = catalog.loose(group) ? 1 / members.length : Math.min(params.memberShare, 1 / Math.sqrt(members.length));
      if (share < params.minMemberShare) continue;
      let g = groupIds.get(group);
      if (g === undefined) {
        g = groupNames.length;
        groupIds.set(group, g);
        groupNames.push(group);
      }
      const other = side === 0 ? r.target : r.source;
      for (const m of members) if (m !== other) c.push(i, intern(m, other), share, g);
    }
  }
  // Order contributions by dyad, then day: two stable counting sorts.
  const m = c.length;
  let minDay = Infinity;
  let maxDay = -Infinity;
  for (let i = 0; i < n; i++) {
    if (day[i]! < minDay) minDay = day[i]!;
    if (day[i]! > maxDay) maxDay = day[i]!;
  }
  const byDay = countingOrder(m, (k) => day[c.row[k]!]! - minDay, m === 0 ? 1 : maxDay - minDay + 1);
  const nd = dyadA.length;
  const dyadCount = new Int32Array(nd + 1);
  for (let k = 0; k < m; k++) dyadCount[c.dyad[k]! + 1]! += 1;
  for (let d = 1; d <= nd; d++) dyadCount[d]! += dyadCount[d - 1]!;
  const start = dyadCount.slice();
  const order = new Int32Array(m);
  for (const k of byDay) order[start[c.dyad[k]!]!++] = k;

  const out: DyadScan[] = [];
  // Per-dyad scratch: units (distinct events) as parallel arrays.
  let uDay = new Int32Array(256);
  let uSum = new Float64Array(256);
  let uCount = new Int32Array(256);
  let uShare = new Float32Array(256);
  let uRep = new Int32Array(256);
  const open = new Map<number, number>();
  for (let d = 0; d < nd; d++) {
    const from = dyadCount[d]!;
    const to = dyadCount[d + 1]!;
    if (to - from > uDay.length) {
      const size = 2 ** Math.ceil(Math.log2(to - from));
      uDay = new Int32Array(size); uSum = new Float64Array(size); uCount = new Int32Array(size); uShare = new Float32Array(size); uRep = new Int32Array(size);
    }
    open.clear();
    let units = 0;
    const quad: [number, number, number, number] = [0, 0, 0, 0];
    let gSum = 0;
    let w = 0;
    let first = Infinity;
    let last = -Infinity;
    let direct = false;
    let reports = 0;
    let articles = 0;
    let outlets = 0;
    for (let j = from; j < to; j++) {
      const k = order[j]!;
      const i = c.row[k]!;
      const dd = day[i]!;
      if (dd > o.asOfDay) break;
      const share = c.share[k]!;
      const r = rows[i]!;
      reports++;
      quad[r.quadClass - 1] = quad[r.quadClass - 1]! + share;
      gSum += share * r.goldstein;
      w += share;
      if (dd < first) first = dd;
      if (dd > last) last = dd;
      if (share === 1) direct = true;
      if (articleStamp[articleIdx[i]!] !== d + 1) {
        articleStamp[articleIdx[i]!] = d + 1;
        articles++;
      }
      if (outletIdx[i]! >= 0 && outletStamp[outletIdx[i]!] !== d + 1) {
        outletStamp[outletIdx[i]!] = d + 1;
        outlets++;
      }
      const s = score[i]!;
      const key = root[i]! * 3 + (s > 0 ? 2 : s < 0 ? 0 : 1);
      const u = open.get(key);
      if (u !== undefined && dd - uDay[u]! <= params.sameEventDays) {
        uSum[u]! += s;
        uCount[u]! += 1;
        // The representative report: the most direct, then the strongest.
        const rep = uRep[u]!;
        if (share > c.share[rep]! || (share === c.share[rep]! && Math.abs(r.goldstein) > Math.abs(rows[c.row[rep]!]!.goldstein))) uRep[u] = k;
        if (share > uShare[u]!) uShare[u] = share;
        continue;
      }
      uDay[units] = dd; uSum[units] = s; uCount[units] = 1; uShare[units] = share; uRep[units] = k;
      open.set(key, units);
      units++;
    }
    if (units === 0) continue;
    let num = 0;
    let den = 0;
    let numB = 0;
    let denB = 0;
    let windowEvidence = 0;
    for (let u = 0; u < units; u++) {
      const mean = uSum[u]! / uCount[u]!;
      uSum[u] = mean;
      const wt = uShare[u]! * decay(o.asOfDay - uDay[u]!, params.halfLifeDays);
      num += wt * mean;
      den += wt;
      if (uDay[u]! < o.startDay) {
        const wb = uShare[u]! * decay(o.startDay - 1 - uDay[u]!, params.halfLifeDays);
        numB += wb * mean;
        denB += wb;
      } else windowEvidence++;
    }
    const idx = (x: number, y: number) => (y === 0 ? 0 : round1((100 * x) / (10 * (y + params.prior))));
    const ref = (u: number): EvidenceRef => {
      const k = uRep[u]!;
      const r = rows[c.row[k]!]!;
      const contribution = uShare[u]! * decay(o.asOfDay - uDay[u]!, params.halfLifeDays) * uSum[u]!;
      const e: EvidenceRef = {
        eventId: r.eventId, articleId: r.articleId, date: r.date,
        source: c.via[k]! >= 0 && rows[c.row[k]!]!.source === groupNames[c.via[k]!] ? (dyadA[d] === r.target ? dyadB[d]! : dyadA[d]!) : r.source,
        target: c.via[k]! >= 0 && rows[c.row[k]!]!.target === groupNames[c.via[k]!] ? (dyadA[d] === r.source ? dyadB[d]! : dyadA[d]!) : r.target,
        cameoCode: r.cameoCode, score: round2(uSum[u]!), contribution: round2(contribution), coverage: uCount[u]!,
      };
      if (r.outlet) e.outlet = r.outlet;
      if (c.via[k]! >= 0) e.via = groupNames[c.via[k]!]!;
      return e;
    };
    const topOf = (fromDay: number): EvidenceRef[] => {
      const best: Array<[number, number]> = [];
      for (let u = 0; u < units; u++) {
        if (uDay[u]! < fromDay) continue;
        const v = Math.abs(uShare[u]! * decay(o.asOfDay - uDay[u]!, params.halfLifeDays) * uSum[u]!);
        if (best.length < o.nTop || v > best[best.length - 1]![0] || (v === best[best.length - 1]![0] && uDay[u]! > uDay[best[best.length - 1]![1]]!)) {
          best.push([v, u]);
          best.sort((x, y) => y[0] - x[0] || uDay[y[1]]! - uDay[x[1]]!);
          if (best.length > o.nTop) best.pop();
        }
      }
      return best.map(([, u]) => ref(u));
    };
    out.push({
      a: dyadA[d]!, b: dyadB[d]!,
      index: idx(num, den), before: idx(numB, denB), confidence: confidence(den, outlets || (articles > 0 ? 1 : 0)),
      evidence: units, reports, articles, outlets, windowEvidence,
      quad: quad.map(round2) as DyadScan['quad'], goldsteinSum: round2(gSum), goldsteinMean: w === 0 ? 0 : round2(gSum / w),
      first: dateOfDay(first), last: dateOfDay(last), direct,
      top: topOf(-Infinity), windowTop: topOf(o.startDay),
    });
  }
  return out;
}

/** Indexes 0..m-1 stably ordered by `key(k)` in 0..range-1. */
function countingOrder(m: number, key: (k: number) => number, range: number): Int32Array {
  const counts = new Int32Array(range + 1);
  for (let k = 0; k < m; k++) counts[key(k) + 1]! += 1;
  for (let i = 1; i <= range; i++) counts[i]! += counts[i - 1]!;
  const out = new Int32Array(m);
  for (let k = 0; k < m; k++) out[counts[key(k)]!++] = k;
  return out;
}
