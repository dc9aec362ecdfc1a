/**
 * The compiled matcher: per-entry flags and indexes the resolver needs,
 * built once per knowledge base, and longest-match over words with the
 * letter-case rules (case-sensitive forms compare folded text; capitalised
 * names need capitals except in lower-cased or all-capital text; "the bloc"
 * needs its article).
 */
import type { Entry, KnowledgeBase, Person, Term } from './kb.js';
import { loadLexicon, type Lexicon } from './lexicon.js';
import { normHash, type SentenceMode, type Word } from './words.js';

/** A knowledge-base match over words [start, end). */
export interface Span {
  start: number;
  end: number;
  entries: readonly Entry[];
  /** Too little evidence to stand alone (an ambiguous surname, a common word); a title before it may still confirm it. */
  weak: boolean;
  /** "pro-Russian", "anti-American": an attitude, never an actor. */
  attitude: boolean;
  /** Some entry is a single common English word matched by its capital ("Trump", "May"). */
  commonWord: boolean;
  /** The reading that wins when the form has several (non-actor, person, country, metonym, group, demonym, org, role). */
  primary: Entry;
}

/** Which reading of a match wins when one form has several. */
const KIND_RANK: Record<string, number> = { 'non-actor': 0, person: 1, country: 2, metonym: 3, group: 4, demonym: 5, org: 6, role: 7 };

function primaryOf(entries: readonly Entry[]): Entry {
  let best = entries[0]!;
  for (let k = 1; k < entries.length; k++) if (KIND_RANK[entries[k]!.kind]! < KIND_RANK[best.kind]!) best = entries[k]!;
  return best;
}

/** A span over words [start, end) with the given entries (one, when built by hand). */
export function makeSpan(start: number, end: number, entries: readonly Entry[]): Span {
  return { start, end, entries, weak: false, attitude: false, commonWord: false, primary: primaryOf(entries) };
}

const CAP_MASK = 0xffff;
const FLAG_COMMON_WORD = 1 << 16;
const FLAG_NEEDS_ARTICLE = 1 << 17;
const FLAG_ALLCAPS_SINGLE = 1 << 18;
/** "the West" written without its article and followed by a capitalised word is part of another name ("West Africans"). */
const FLAG_ARTICLE_NAME = 1 << 19;

export interface Compiled {
  kb: KnowledgeBase;
  lex: Lexicon;
  /** Bits 0–15: which form tokens start with a capital; higher bits: FLAG_*. */
  flags: Map<Entry, number>;
  /** The knowledge-base index with each entry's flags beside it (no lookups while matching). */
  index: Map<string, CFormList>;
  /** Which (length, first letter, second letter) keys exist: most words are ruled out without hashing them. */
  keyFilter: Uint32Array;
  /** Surname (and, for East Asian names, family-name-first) tokens → people. */
  surnames: Map<string, Person[]>;
  /** Person id → the words a surname alone may take after the full name (last name; family name first for East Asian names). */
  standAlone: Map<string, string[]>;
  /** Organisation id → the people who held a post there. */
  orgPosts: Map<string, Array<{ person: Person; term: Term }>>;
  formerPrefixes: Set<string>;
  officeFor(titleRef: string, country: string | undefined): string | undefined;
  /** The title names an office somewhere (generic, or a country's own title such as "secretary of state"), or "leader". */
  isOfficeTitle(titleRef: string): boolean;
  /** A group's members on a date (cached; null for groups without fixed membership). */
  membersOn(groupId: string, date: string | null): string[] | null | undefined;
}

/** Homes where news writes the family name first ("Xi Jinping", "Kim Jong Un", "Hun Manet"). */
const FAMILY_FIRST = new Set(['CHN', 'TWN', 'HKG', 'MAC', 'KOR', 'PRK', 'VNM', 'KHM', 'SGP', 'MMR']);

function startsUpper(s: string): boolean {
  const c = s.charCodeAt(0);
  if (c >= 65 && c <= 90) return true;
  if (c < 128) return false;
  const ch = s[0]!;
  return ch !== ch.toLowerCase();
}

function isAllCapsToken(s: string): boolean {
  let upper = 0;
  for (const ch of s) {
    const lo = ch.toLowerCase();
    if (lo === ch.toUpperCase()) continue;
    if (ch === lo) return false;
    upper++;
  }
  return upper >= 2;
}

export const TRIGGER_THE = 1;
export const TRIGGER_FORMER = 2;
export const TRIGGER_THEN = 4;
export const TRIGGER_QUALIFIER = 8;
export const TRIGGER_PRONOUN = 16;
export const TRIGGER_PAIR = 32;
export const TRIGGER_HONORIFIC = 64;

/** An indexed form with its entries' flags. */
export interface CForm {
  tokens: readonly string[];
  entries: readonly Entry[];
  /** primaryOf(entries), for when all entries fit. */
  primary?: Entry;
  flags: Int32Array;
  person: boolean;
}

/** The forms that start with one word: longest first, with the words that can come second. */
export interface CFormList {
  forms: CForm[];
  /** Second words of the multi-word forms (null when there are none). */
  second: Set<string> | null;
  /** Bit (first char code & 31) of every second word: most next words are ruled out without hashing. */
  secondMask: number;
  /** Index of the first one-word form (forms.length when none). */
  singles: number;
  /** TRIGGER_* bits: the word may start or extend a chain without being a match ("the", "former", "he"). */
  bits: number;
}

const cache = new WeakMap<KnowledgeBase, Compiled>();

const FILTER_BITS = 16;
const FILTER_SIZE = 1 << FILTER_BITS;
/** Slot of a key in the filter, from its FNV-1a hash (normHash). */
function filterSlot(h: number): number {
  return (h ^ (h >>> FILTER_BITS)) & (FILTER_SIZE - 1);
}

/** Name tokens of a person as normalised words (formTokens rules: split on spaces and hyphens). */
export function nameWords(name: string): string[] {
  return name
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .split(/[\s\u2010-\u2015-]+/)
    .filter((t) => t.length > 0);
}

export function compile(kb: KnowledgeBase, lex: Lexicon = loadLexicon()): Compiled {
  const hit = cache.get(kb);
  if (hit && hit.lex === lex) return hit;
  const flags = new Map<Entry, number>();
  for (const e of kb.entries) {
    let f = 0;
    e.tokens.forEach((t, k) => {
      if (k < 16 && startsUpper(t)) f |= 1 << k;
    });
    if (e.caseSensitive && e.kind !== 'role' && e.tokens.length === 1) {
      if (isAllCapsToken(e.tokens[0]!)) f |= FLAG_ALLCAPS_SINGLE;
      else f |= FLAG_COMMON_WORD;
    }
    const form = e.form;
    if (e.tokens.length === 1 && (form.startsWith('the ') || form.startsWith('The ')) && !startsUpper(e.tokens[0]!)) f |= FLAG_NEEDS_ARTICLE;
    if (e.tokens.length === 1 && form.startsWith('the ') && startsUpper(e.tokens[0]!)) f |= FLAG_ARTICLE_NAME;
    flags.set(e, f);
  }
  const index = new Map<string, CFormList>();
  for (const [key, list] of kb.index) {
    const forms: CForm[] = list.map((f) => ({ tokens: f.tokens, entries: f.entries, flags: Int32Array.from(f.entries, (e) => flags.get(e) ?? 0), person: f.entries[0]?.kind === 'person', primary: primaryOf(f.entries) }));
    let second: Set<string> | null = null;
    let secondMask = 0;
    let singles = forms.length;
    forms.forEach((f, k) => {
      if (f.tokens.length > 1) {
        (second ??= new Set()).add(f.tokens[1]!);
        secondMask |= 1 << (f.tokens[1]!.charCodeAt(0) & 31);
        // a possessive next word is compared without its 's
        if (f.tokens[1]!.endsWith("'s")) secondMask = -1;
      } else if (singles === forms.length) singles = k;
    });
    index.set(key, { forms, second, secondMask, singles, bits: 0 });
  }
  const surnames = new Map<string, Person[]>();
  const addSurname = (key: string, p: Person): void => {
    if (key.length < 2) return;
    const list = surnames.get(key);
    if (!list) surnames.set(key, [p]);
    else if (!list.includes(p)) list.push(p);
  };
  const orgPosts = new Map<string, Array<{ person: Person; term: Term }>>();
  const standAlone = new Map<string, string[]>();
  for (const p of kb.people.values()) {
    const ws = nameWords(p.name);
    if (ws.length > 1) standAlone.set(p.id, FAMILY_FIRST.has(p.home) ? [ws[ws.length - 1]!, ws[0]!] : [ws[ws.length - 1]!]);
    for (const n of [p.name, ...p.aliases]) {
      const ws = nameWords(n);
      if (ws.length < 2) continue;
      addSurname(ws[ws.length - 1]!, p);
      if (FAMILY_FIRST.has(p.home)) addSurname(ws[0]!, p);
    }
    for (const t of p.terms) {
      if (t.org === undefined) continue;
      const list = orgPosts.get(t.org) ?? [];
      list.push({ person: p, term: t });
      orgPosts.set(t.org, list);
    }
  }
  const mark = (words: Iterable<string>, bit: number): void => {
    for (const w of words) {
      const hit = index.get(w);
      if (hit) hit.bits |= bit;
      else index.set(w, { forms: [], second: null, secondMask: 0, singles: 0, bits: bit });
    }
  };
  mark(['the'], TRIGGER_THE);
  mark(kb.formerPrefixes.map((p) => p.toLowerCase()), TRIGGER_FORMER);
  mark(lex.thenPrefixes, TRIGGER_THEN);
  mark(lex.titleQualifiers, TRIGGER_QUALIFIER);
  mark(lex.pronouns.keys(), TRIGGER_PRONOUN);
  mark(lex.groupPronouns, TRIGGER_PRONOUN);
  mark(lex.pairs.keys(), TRIGGER_PAIR);
  mark(lex.honorifics.keys(), TRIGGER_HONORIFIC);
  const keyFilter = new Uint32Array(FILTER_SIZE >>> 5);
  for (const key of index.keys()) {
    const slot = filterSlot(normHash(key));
    keyFilter[slot >>> 5]! |= 1 << (slot & 31);
  }
  // country ('' for none) → title ref → office (null: none); no string building per call
  const officeCache = new Map<string, Map<string, string | null>>();
  const officeTitles = new Map<string, boolean>();
  // date → group id → members
  const membersCache = new Map<string, Map<string, string[] | null | undefined>>();
  const compiled: Compiled = {
    kb,
    lex,
    flags,
    index,
    keyFilter,
    surnames,
    standAlone,
    orgPosts,
    formerPrefixes: new Set(kb.formerPrefixes.map((p) => p.toLowerCase())),
    officeFor(titleRef, country) {
      const ck = country ?? '';
      let byRef = officeCache.get(ck);
      if (!byRef) officeCache.set(ck, (byRef = new Map()));
      let office = byRef.get(titleRef);
      if (office === undefined) {
        office = kb.officeForTitle(titleRef, country) ?? null;
        byRef.set(titleRef, office);
      }
      return office ?? undefined;
    },
    isOfficeTitle(titleRef) {
      let v = officeTitles.get(titleRef);
      if (v === undefined) {
        v = titleRef === 'leader' || kb.officeForTitle(titleRef) !== undefined || kb.roleSector(titleRef) === undefined;
        officeTitles.set(titleRef, v);
      }
      return v;
    },
    membersOn(groupId, date) {
      let byGroup = membersCache.get(date ?? '');
      if (!byGroup) {
        if (membersCache.size > 5_000) membersCache.clear();
        membersCache.set(date ?? '', (byGroup = new Map()));
      }
      if (byGroup.has(groupId)) return byGroup.get(groupId);
      const members = kb.group(groupId)?.membersOn(date);
      byGroup.set(groupId, members);
      return members;
    },
  };
  cache.set(kb, compiled);
  return compiled;
}

const scratch = new Int32Array(64);

function entryFits(c: Compiled, e: Entry, f: number, words: readonly Word[], n: number, mode: SentenceMode, i: number): boolean {
  if (e.kind === 'role') return true;
  if ((f & FLAG_NEEDS_ARTICLE) !== 0) {
    const prev = words[i - 1];
    if (!prev || prev.norm !== 'the' || prev.breakAfter) return false;
  }
  if ((f & FLAG_ARTICLE_NAME) !== 0 && mode === 'normal') {
    const prev = words[i - 1];
    const next = words[i + 1];
    if ((!prev || prev.norm !== 'the') && next && next.cap && !words[i]!.breakAfter) return false;
  }
  if (e.caseSensitive) {
    for (let k = 0; k < n; k++) if (e.tokens[k] !== words[scratch[k]!]!.folded) return false;
    if ((f & FLAG_ALLCAPS_SINGLE) !== 0 && mode === 'upper' && c.lex.functionWords.has(words[i]!.norm)) return false;
    return true;
  }
  if (mode === 'normal' || mode === 'title') {
    const mask = f & CAP_MASK;
    if (mask !== 0) {
      // a part after a hyphen may be written either way: "Kim Jong-un", "Al-Sharaa"
      for (let k = 0; k < n && k < 16; k++) {
        const w = words[scratch[k]!]!;
        if ((mask & (1 << k)) !== 0 && !w.cap && !w.hyphenBefore) return false;
      }
    }
  }
  return true;
}

/**
 * Longest match at word i, not crossing punctuation or `limit` (the
 * sentence end). Middle initials are skipped inside person names
 * ("Sergey V. Lavrov"). Entries whose case does not fit are left out; when
 * the longest form fits none, shorter ones are tried.
 */
export function matchAt(c: Compiled, words: readonly Word[], i: number, limit: number, mode: SentenceMode, list: CFormList | undefined = lookupWord(c, words[i]!)): Span | undefined {
  const w = words[i]!;
  // "People's Liberation Army": a form may keep the possessive the words strip.
  if (w.possessive) {
    const withS = c.index.get(`${w.norm}'s`);
    if (withS) {
      const sp = matchForms(c, withS, words, i, limit, mode);
      if (sp) return sp;
    }
  }
  return list && list.forms.length > 0 ? matchForms(c, list, words, i, limit, mode) : undefined;
}

/** The index entry of a word: forms starting with it and its trigger bits (a bit filter rules out most words unhashed). */
export function lookupWord(c: Compiled, w: Word): CFormList | undefined {
  const slot = filterSlot(w.hash);
  if ((c.keyFilter[slot >>> 5]! & (1 << (slot & 31))) === 0) return undefined;
  return c.index.get(w.norm);
}

function matchForms(c: Compiled, list: CFormList, words: readonly Word[], i: number, limit: number, mode: SentenceMode): Span | undefined {
  const cands = list.forms;
  let from = 0;
  if (list.second !== null) {
    // Skip the multi-word forms at once when the next word cannot continue any of them.
    const next = words[i + 1];
    if (
      i + 1 >= limit ||
      words[i]!.breakAfter ||
      !next ||
      (!next.initial && !next.possessive && ((list.secondMask & (1 << (next.norm.charCodeAt(0) & 31))) === 0 || !list.second.has(next.norm)))
    )
      from = list.singles;
  } else from = list.singles;
  for (let f = from; f < cands.length; f++) {
    const form = cands[f]!;
    const n = form.tokens.length;
    if (n > 64) continue;
    scratch[0] = i;
    let p = i + 1;
    let ok = true;
    if (n > 1) {
      const person = form.person;
      for (let k = 1; k < n; k++) {
        if (p >= limit || words[p - 1]!.breakAfter) {
          ok = false;
          break;
        }
        const want = form.tokens[k]!;
        while (person && p < limit - 1 && words[p]!.initial && words[p]!.norm !== want && !words[p]!.breakAfter) p++;
        const wp = words[p]!;
        if (wp.norm !== want && !(wp.possessive && want.length === wp.norm.length + 2 && want.startsWith(wp.norm) && want.endsWith("'s"))) {
          ok = false;
          break;
        }
        scratch[k] = p;
        p++;
      }
      if (!ok) continue;
    }
    // A possessive ends a phrase unless the form spells it: "Japan's Foreign Ministry" is not one name.
    let possessiveInside = false;
    for (let k = 0; k < n - 1; k++) {
      const wk = words[scratch[k]!]!;
      if (wk.possessive && wk.norm === form.tokens[k]) {
        possessiveInside = true;
        break;
      }
    }
    if (possessiveInside) continue;
    let fits: Entry[] | undefined;
    const entries = form.entries;
    let commonWord = false;
    let all = true;
    for (let k = 0; k < entries.length; k++) {
      const e = entries[k]!;
      const f = form.flags[k]!;
      if (entryFits(c, e, f, words, n, mode, i)) {
        if (!all) (fits ??= []).push(e);
        if ((f & FLAG_COMMON_WORD) !== 0) commonWord = true;
      } else if (all) {
        all = false;
        fits = entries.slice(0, k);
      }
    }
    // all fit (the usual case): share the form's own list
    const got = all ? entries : fits;
    if (got && got.length > 0) return { start: i, end: p, entries: got, weak: false, attitude: false, commonWord, primary: all && form.primary ? form.primary : primaryOf(got) };
  }
  return undefined;
}
