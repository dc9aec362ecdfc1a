/**
 * The coder's view of the actor resolver's output: mentions mapped onto
 * token spans, merged when they name one actor ("Chinese President" +
 * "Xi Jinping"), and turned into event actors. Pure.
 */
import type { Analysis } from '../nlp/analyze.js';
import type { Actor } from './record.js';

export type MentionKind = 'country' | 'demonym' | 'metonym' | 'group' | 'org' | 'person' | 'role' | 'pronoun' | 'handle' | 'unknown-person';

/**
 * What the coder reads of a resolver mention (src/actors/resolve.ts):
 * character offsets in the analysed text, the sentence index and the
 * resolved country, sector and code.
 */
export interface CoderMention {
  start: number;
  end: number;
  text: string;
  sentence: number;
  kind: MentionKind;
  ref?: string;
  /** ISO3, IGO or ''. */
  country: string;
  sector: string;
  code: string;
  members?: readonly string[];
  /** How the resolver found it. */
  via?: string;
  /** A place ("met in Beijing"), not an actor. */
  location?: boolean;
  possessive?: boolean;
  confidence?: number;
}

/** One actor position in a sentence: one or more merged mentions over tokens [first, last]. */
export interface Slot {
  index: number;
  first: number;
  last: number;
  /** The actors the slot stands for (a pair phrase or a group of members may give several). */
  actors: Actor[];
  kind: MentionKind;
  /** A place after "in"/"at": a location, not an actor (unless a frame reads it as a target). */
  location: boolean;
  /** "X's": the slot is a possessor. */
  possessive: boolean;
  /** Adjective use ("Israeli strike", "Chinese officials"). */
  adjective: boolean;
  text: string;
  start: number;
  end: number;
  /** Has a country or a sector: a political actor. */
  political: boolean;
  confidence: number;
}

/** Regular expressions live at module level: a literal in a function body is a new object on every evaluation. */
const UPPER_START = /^\p{Lu}/u;
const LOWER_START = /^[a-z]/;
const POSSESSIVE_END = /['’]s?$/;
const RELATIONAL = /\b(?:allies|ally|partners|rivals|adversaries|enemies|foes|neighbou?rs|counterparts|critics|opponents)$/i;

const KIND_RANK: Record<MentionKind, number> = {
  person: 9, org: 8, group: 7, role: 6, country: 5, metonym: 5, pronoun: 4, demonym: 3, handle: 1, 'unknown-person': 1,
};

const ISO3 = /^[A-Z]{3}$/;

export function toActor(m: CoderMention): Actor {
  const a: Actor = { code: m.code || `${m.country}${m.sector}`, country: ISO3.test(m.country) ? m.country : '', sector: ISO3.test(m.sector) ? m.sector : '', text: m.text };
  if (m.ref && (m.kind === 'person' || m.kind === 'org' || m.kind === 'group')) a.actor_id = m.ref;
  return a;
}

/** First token whose start is ≥ offset (binary search). */
export function tokenAt(a: Analysis, offset: number): number {
  let lo = 0;
  let hi = a.tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a.tokens[mid]!.end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Slots of one sentence from the resolver's mentions: each mention mapped to
 * tokens; overlapping mentions and mentions joined only by title words
 * ("Israeli Prime Minister" + "Benjamin Netanyahu") merge into one slot that
 * keeps the most specific reading (person over role over country…).
 */
export function buildSlots(a: Analysis, sentence: number, mentions: readonly CoderMention[], headline: boolean): Slot[] {
  const s = a.sentences[sentence]!;
  const raw: Array<{ m: CoderMention; first: number; last: number }> = [];
  for (const m of mentions) {
    if (!(m.start >= s.start && m.end <= s.end)) continue;
    const first = tokenAt(a, m.start);
    let last = first;
    while (last + 1 <= s.last && a.tokens[last + 1]!.start < m.end) last++;
    if (first < s.first || first > s.last) continue;
    raw.push({ m, first, last });
  }
  raw.sort((x, y) => x.first - y.first || y.last - x.last);
  const slots: Slot[] = [];
  let cur: { ms: CoderMention[]; first: number; last: number } | undefined;
  for (const r of raw) {
    if (cur && (r.first <= cur.last || (r.first <= cur.last + 3 && (titleGap(a, cur.last + 1, r.first - 1, headline) || countryModifierGap(a, cur.ms, r.m, cur.last + 1, r.first - 1))))) {
      cur.ms.push(r.m);
      cur.last = Math.max(cur.last, r.last);
      continue;
    }
    if (cur) slots.push(makeSlot(a, slots.length, cur.ms, cur.first, cur.last));
    cur = { ms: [r.m], first: r.first, last: r.last };
  }
  if (cur) slots.push(makeSlot(a, slots.length, cur.ms, cur.first, cur.last));
  return slots;
}

/** Tokens between two mentions that are capitalised title words (no punctuation, no verb): one actor. */
function titleGap(a: Analysis, from: number, to: number, headline: boolean): boolean {
  if (from > to) return true;
  if (headline) return false;
  for (let i = from; i <= to; i++) {
    const t = a.tokens[i]!;
    if (!UPPER_START.test(t.text) || (t.pos !== 'PROPN' && t.pos !== 'NOUN')) return false;
  }
  return true;
}

/** "Nigerian junior foreign minister Dubem Oniya": a demonym, lower-case modifiers, then a person or role the resolver left without a country. */
function countryModifierGap(a: Analysis, left: readonly CoderMention[], right: CoderMention, from: number, to: number): boolean {
  if (right.country || !(right.kind === 'person' || right.kind === 'role' || right.kind === 'unknown-person')) return false;
  if (!left.some((m) => (m.kind === 'demonym' || m.kind === 'country') && m.country)) return false;
  for (let i = from; i <= to; i++) {
    const t = a.tokens[i]!;
    // "Iran's religious leader Ayatollah Khomeini": a possessive, then lower-case modifiers.
    if (i === from && (t.lower === "'s" || t.lower === '’s')) continue;
    if (!(t.pos === 'ADJ' || t.pos === 'NOUN' || t.pos === 'PROPN') || !LOWER_START.test(t.text)) return false;
  }
  return true;
}

/** The first of the highest-ranked mentions (kind rank, then having a country): what a stable sort would put first. */
function mostSpecific(ms: readonly CoderMention[]): CoderMention {
  let best = ms[0]!;
  for (let i = 1; i < ms.length; i++) {
    const m = ms[i]!;
    if (KIND_RANK[m.kind] - KIND_RANK[best.kind] > 0 || (KIND_RANK[m.kind] === KIND_RANK[best.kind] && (m.country ? 1 : 0) > (best.country ? 1 : 0))) best = m;
  }
  return best;
}

function makeSlot(a: Analysis, index: number, ms: CoderMention[], first: number, last: number): Slot {
  const best = mostSpecific(ms);
  // A person or role without a country borrows it from a demonym in the same slot ("Cambodian soldiers").
  let country = best.country;
  let code = best.code;
  if (!country) {
    const withCountry = ms.find((m) => m.country);
    if (withCountry) {
      country = withCountry.country;
      code = `${country}${best.sector}`;
    }
  }
  const start = a.tokens[first]!.start;
  const end = a.tokens[last]!.end;
  const text = a.text.slice(start, end);
  const next = a.tokens[last + 1];
  const possessive = ms.some((m) => m.possessive === true) || (next !== undefined && (next.lower === "'s" || next.lower === '’s' || next.lower === "'")) || POSSESSIVE_END.test(text);
  const location = ms.every((m) => m.location === true || m.via === 'location');
  const actors: Actor[] = [];
  if (best.members && best.members.length > 1 && (best.kind === 'pronoun' || /^(?:both|the two|each)\b/i.test(best.text))) {
    for (const c of best.members) actors.push({ code: `${c}${best.sector}`, country: ISO3.test(c) ? c : '', sector: best.sector, text: best.text });
  } else {
    // toActor without copying the mention: this runs for every slot of every sentence.
    const a: Actor = { code: code || `${country}${best.sector}`, country: ISO3.test(country) ? country : '', sector: ISO3.test(best.sector) ? best.sector : '', text };
    if (best.ref && (best.kind === 'person' || best.kind === 'org' || best.kind === 'group')) a.actor_id = best.ref;
    actors.push(a);
  }
  // "U.S. allies", "Russia's neighbours": the country names whom they are allies of, not the actor.
  // ("NATO allies" are NATO's members: groups and organisations keep their reading.)
  if ((RELATIONAL.test(text) || (next !== undefined && RELATIONAL.test(next.text) && !possessive)) && (best.kind === 'country' || best.kind === 'demonym' || best.kind === 'metonym')) for (const x of actors) {
    x.country = '';
    x.code = '';
  }
  const adjective = best.kind === 'demonym' || (ms.length === 1 && best.kind === 'country' && next !== undefined && next.pos === 'NOUN' && !possessive);
  return {
    index,
    first,
    last,
    actors,
    kind: best.kind,
    location,
    possessive,
    adjective,
    text,
    start,
    end,
    political: actors.some((x) => x.country !== '' || x.sector !== ''),
    confidence: best.confidence ?? 0.8,
  };
}
