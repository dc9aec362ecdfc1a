/**
 * The actor resolver: every actor mention in an analysed text, coded for the
 * article's date. A pure stage over wink-nlp tokens (src/nlp/analyze.ts)
 * with one compiled matcher per knowledge base (matcher.ts).
 *
 * Per sentence, left to right: knowledge-base longest matches are read as
 * chains — [the] [former|then-] [modifier: country, demonym, capital,
 * organisation, group] [qualifiers: new, acting] [titles] [name] — so
 * "Israeli Prime Minister Benjamin Netanyahu", "Japan's new prime minister",
 * "Chinese officials" and "former President Barack Obama" are one mention
 * each. Names not in the knowledge base are kept as unknown persons when a
 * title or a speech verb marks them; pronouns and "the two leaders" refer
 * back (coref.ts).
 */
import { analyze, type Analysis } from '../nlp/analyze.js';
import { pairAntecedents, pronounAntecedent, type CorefItem } from './coref.js';
import { loadKnowledgeBase, type Entry, type EntryKind, type KnowledgeBase, type Person, type Term } from './kb.js';
import {
  compile,
  lookupWord,
  makeSpan,
  matchAt,
  TRIGGER_FORMER,
  TRIGGER_HONORIFIC,
  TRIGGER_PAIR,
  TRIGGER_PRONOUN,
  TRIGGER_QUALIFIER,
  TRIGGER_THE,
  TRIGGER_THEN,
  type Compiled,
  type Span,
} from './matcher.js';
import { buildWords, sentenceMode, type SentenceMode, type Word } from './words.js';

export type MentionKind = 'country' | 'demonym' | 'metonym' | 'group' | 'org' | 'person' | 'role' | 'pronoun' | 'handle' | 'unknown-person';

export interface Mention {
  /** Character offsets in the analysed text. */
  start: number;
  end: number;
  text: string;
  /** Sentence index in the Analysis. */
  sentence: number;
  kind: MentionKind;
  /** ISO3 | group id | organisation id | person id | @handle. */
  ref?: string;
  /** ISO3, 'IGO', a CAMEO region code for regional groups (EUR, WST), or '' (unknown). */
  country: string;
  /** GOV, MIL, ELI, … or '' (the state or group as a whole). */
  sector: string;
  /** CAMEO-style code: 'USA', 'USAGOV', 'CHNMIL', an organisation code ('IGOWSTNAT'), '' unknown. */
  code: string;
  /** Role noun or title as written, lower case ("prime minister", "officials", "strike"). */
  role?: string;
  /** Office key (roles.json) of the post that decided the code. */
  office?: string;
  /** A former officeholder (sector ELI unless still in another post). */
  former?: boolean;
  /** Member states on the date (groups, organisations with members, pairs). */
  members?: string[];
  /** Index of the mention this one refers to (pronouns, repeated unknown names, titles resolved by an earlier mention). */
  antecedent?: number;
  /** Pairs ("the two leaders"): the two mentions referred to. */
  antecedents?: number[];
  /** A place ("met in Beijing", a dateline), not an actor; the event coder decides. */
  location?: boolean;
  /** Written with a possessive ("Trump's plan"). */
  possessive?: boolean;
  /** How it was resolved: name, title+name, surname, title-by-date, adjective+role, metonym, location, coref, handle, unknown-person, … */
  via: string;
  /** 0…1. */
  confidence: number;
}

export interface ResolveContext {
  date: string | null;
  /** The date came from ingestion time, not the article. */
  dateFlagged?: boolean;
}

const MODIFIER_KINDS = new Set<EntryKind>(['country', 'demonym', 'metonym', 'org', 'group']);

function primary(sp: Span): Entry {
  return sp.primary;
}

function hasKind(sp: Span, kind: EntryKind): boolean {
  for (const e of sp.entries) if (e.kind === kind) return true;
  return false;
}

function entryOf(sp: Span, kind: EntryKind): Entry | undefined {
  for (const e of sp.entries) if (e.kind === kind) return e;
  return undefined;
}

const DAY_MS = 86_400_000;
function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(b) - Date.parse(a)) / DAY_MS);
}

/** A title's slack around a term: "President Maduro" weeks after he left office still means the office. */
const TERM_SLACK_AFTER_DAYS = 92;
const TERM_SLACK_BEFORE_DAYS = 31;

interface Resolved {
  country: string;
  sector: string;
  code: string;
  office?: string;
  former: boolean;
  confidence: number;
  /** Resolved from a title's term outside its dates. */
  nearTerm?: boolean;
}

interface Modifier {
  span: Span;
  entry: Entry;
  /** ISO3, IGO, group code or ''. */
  country: string;
  sector: string;
}

interface TitleInfo {
  /** Role ref (normalised title). */
  ref: string;
  sector: string;
  /** The role word span (last title with an office, else the last title). */
  span: Span;
}

const ISO3_RE = /^[A-Z]{3}$/;
const CHAIN_TRIGGERS = TRIGGER_THE | TRIGGER_FORMER | TRIGGER_THEN | TRIGGER_QUALIFIER | TRIGGER_HONORIFIC;

function withRole(role: string, m: Omit<Mention, 'text'>): Omit<Mention, 'text'> {
  m.role = role;
  return m;
}

/** A mention without its text (push adds it), with one property order for all. */
function make(start: number, end: number, sentence: number, kind: MentionKind, ref: string | undefined, country: string, sector: string, code: string, via: string, confidence: number): Omit<Mention, 'text'> {
  if (ref === undefined) return { start, end, sentence, kind, country, sector, code, via, confidence };
  return { start, end, sentence, kind, ref, country, sector, code, via, confidence };
}

class DocResolver {
  readonly mentions: Mention[] = [];
  private readonly items: CorefItem[] = [];
  private readonly kb: KnowledgeBase;
  private readonly date: string | null;
  private readonly scale: number;
  private readonly sentStart: Int32Array;
  private readonly sentEnd: Int32Array;
  private readonly para: Int32Array;
  private readonly modes: SentenceMode[];
  /** Span starting at a word (or undefined). */
  private readonly spanAtWord: Array<Span | undefined>;
  /** Word → index of a strong span covering it, -1 if none. */
  private readonly strong: Int32Array;
  /** Word → TRIGGER_* bits. */
  private readonly bits: Uint8Array;
  private readonly docPersons = new Set<string>();
  private readonly plainPeople = new Map<string, Resolved>();
  private readonly docSurnames = new Map<string, string>();
  private readonly unknownNames = new Map<string, number>();
  private mainCountryCache: string | null | undefined;
  private readonly countryCounts = new Map<string, number>();

  constructor(
    private readonly a: Analysis,
    private readonly words: Word[],
    ctx: ResolveContext,
    private readonly c: Compiled,
  ) {
    this.kb = c.kb;
    this.date = ctx.date ? ctx.date.slice(0, 10) : null;
    this.scale = this.date === null ? 0.8 : ctx.dateFlagged ? 0.9 : 1;
    const ns = a.sentences.length;
    this.sentStart = new Int32Array(ns);
    this.sentEnd = new Int32Array(ns);
    this.para = new Int32Array(ns);
    let w = 0;
    for (let s = 0; s < ns; s++) {
      while (w < words.length && words[w]!.sentence < s) w++;
      this.sentStart[s] = w;
      let e = w;
      while (e < words.length && words[e]!.sentence === s) e++;
      this.sentEnd[s] = e;
      if (s > 0) {
        let nl = 0;
        for (let k = a.sentences[s - 1]!.end, to = a.sentences[s]!.start; k < to && nl === 0; k++) if (a.text.charCodeAt(k) === 10) nl = 1;
        this.para[s] = this.para[s - 1]! + nl;
      }
    }
    this.modes = new Array<SentenceMode>(ns);
    for (let s = 0; s < ns; s++) this.modes[s] = sentenceMode(words, this.sentStart[s]!, this.sentEnd[s]!, c.lex.functionWords);
    this.spanAtWord = new Array<Span | undefined>(words.length);
    this.strong = new Int32Array(words.length).fill(-1);
    this.bits = new Uint8Array(words.length);
  }

  // ------------------------------------------------------------ pre-pass

  run(): Mention[] {
    const { words, c } = this;
    const spans: Span[] = [];
    for (let s = 0; s < this.sentStart.length; s++) {
      const end = this.sentEnd[s]!;
      const mode = this.modes[s]!;
      for (let i = this.sentStart[s]!; i < end; ) {
        const list = lookupWord(c, words[i]!);
        if (list) this.bits[i] = list.bits;
        const sp = list || words[i]!.possessive ? matchAt(c, words, i, end, mode, list) : undefined;
        if (!sp) {
          i++;
          continue;
        }
        this.spanAtWord[i] = sp;
        spans.push(sp);
        i = sp.end;
      }
    }
    // People named in full anywhere in the article: their surnames may stand alone.
    for (const sp of spans) {
      if (sp.end - sp.start < 2) continue;
      for (const e of sp.entries) {
        if (e.kind !== 'person') continue;
        this.docPersons.add(e.ref);
        for (const w of c.standAlone.get(e.ref) ?? []) if (!this.docSurnames.has(w)) this.docSurnames.set(w, e.ref);
      }
    }
    spans.forEach((sp, k) => {
      this.judge(sp);
      if (!sp.weak) for (let i = sp.start; i < sp.end; i++) this.strong[i] = k;
    });
    for (const sp of spans) if (!sp.weak && !sp.attitude) this.countSpan(sp);

    for (let s = 0; s < this.sentStart.length; s++) this.sentencePass(s);
    this.placeEthnicGroups();
    return this.mentions;
  }

  /**
   * "ethnic Albanians in Serbia", "the Albanians of southern Serbia", "Bosnian Serbs": a people named as a minority is coded
   * by the state it lives in (CAMEO's convention), the one its sentence places it in: a location, else the
   * state after "of", else the first other state the sentence names.
   */
  private placeEthnicGroups(): void {
    const text = this.a.text;
    const ms = this.mentions;
    for (let k = 0; k < ms.length; k++) {
      const m = ms[k]!;
      if ((m.kind !== 'demonym' && m.kind !== 'role') || !ISO3_RE.test(m.country)) continue;
      // "Bosnian Serbs", "Croatian Serb refugees": a people after another state's adjective lives in that state
      const prev = ms[k - 1];
      if (prev && prev.kind === 'demonym' && prev.sentence === m.sentence && ISO3_RE.test(prev.country) && prev.country !== m.country && /^ $/.test(text.slice(prev.end, m.start)) && !prev.role) {
        m.country = prev.country;
        m.code = this.kb.actorCode(prev.country, m.sector);
        m.via = 'ethnic-home';
        continue;
      }
      if (m.kind !== 'demonym') continue;
      const ethnic = /\bethnic\s+$/i.test(text.slice(Math.max(0, m.start - 8), m.start));
      const ofNext = ms[k + 1];
      const of =
        ofNext && ofNext.sentence === m.sentence && (ofNext.kind === 'country' || ofNext.kind === 'metonym') && /^\s+of\s+(?:the\s+)?(?:(?:south|north|east|west)(?:ern)?\s+|central\s+)?$/i.test(text.slice(m.end, ofNext.start))
          ? ofNext
          : undefined;
      if (!ethnic && !(of && !m.role)) continue;
      const others = ms.filter((x) => x !== m && x.sentence === m.sentence && ISO3_RE.test(x.country) && x.country !== m.country && x.kind !== 'person' && x.kind !== 'pronoun');
      const home = (of && of.country !== m.country ? of : undefined) ?? others.find((x) => x.location && x.start > m.start) ?? others.find((x) => x.location) ?? (ethnic ? others[0] : undefined);
      if (!home) continue;
      m.country = home.country;
      m.code = this.kb.actorCode(home.country, m.sector);
      m.via = 'ethnic-home';
    }
  }

  /** Decide whether a span can stand alone (see Span.weak). */
  private judge(sp: Span): void {
    const { words, c } = this;
    const w = words[sp.start]!;
    const prev = words[sp.start - 1];
    if (w.hyphenBefore && prev && c.lex.attitudePrefixes.has(prev.norm)) {
      sp.attitude = true;
      return;
    }
    const mode = this.modes[w.sentence]!;
    const e = primary(sp);
    if (e.kind === 'person') {
      let strongPeople = 0;
      for (const x of sp.entries) if (x.kind === 'person' && (!x.ambiguous || this.docPersons.has(x.ref))) strongPeople++;
      if (strongPeople === 0) {
        sp.weak = true;
        return;
      }
    }
    if (sp.commonWord && sp.end - sp.start === 1) {
      const next = words[sp.end];
      if (e.kind === 'person' && w.norm === 'may' && this.monthContext(sp.start)) {
        sp.weak = true;
        return;
      }
      if (mode === 'title') {
        if (e.kind === 'country') return;
        if (e.kind === 'person' && (this.docPersons.has(e.ref) || (this.date !== null && this.kb.termsOn(e.ref, this.date).length > 0))) return;
        sp.weak = true;
        return;
      }
      const speech = next !== undefined && !w.breakAfter && this.isSpeech(next, mode);
      if (w.pos === 'PROPN' || speech || (e.kind === 'person' && this.docPersons.has(e.ref))) return;
      sp.weak = true;
      return;
    }
    if (e.ambiguous?.includes('person-name') && (e.kind === 'country' || e.kind === 'metonym') && mode === 'normal') {
      // "Jordan Bardella", "Michael Jordan": a place name inside a person's name.
      const next = words[sp.end];
      const nameNext = next !== undefined && !words[sp.end - 1]!.breakAfter && next.cap && next.pos === 'PROPN' && this.spanAtWord[sp.end] === undefined;
      const namePrev = prev !== undefined && !prev.breakAfter && prev.cap && prev.pos === 'PROPN' && this.strongAt(sp.start - 1) < 0 && this.spanAtWord[sp.start - 1] === undefined;
      if (nameNext || namePrev) sp.weak = true;
    }
  }

  /** "in May", "May 5": the month. */
  private monthContext(i: number): boolean {
    const prev = this.words[i - 1];
    const next = this.words[i + 1];
    return (prev !== undefined && MONTH_CUES.has(prev.norm)) || (next !== undefined && next.text.charCodeAt(0) >= 48 && next.text.charCodeAt(0) <= 57);
  }

  private countSpan(sp: Span): void {
    const e = primary(sp);
    let country: string | undefined;
    if (e.kind === 'country' || e.kind === 'demonym' || e.kind === 'metonym') country = e.ref;
    else if (e.kind === 'person') {
      const p = this.kb.person(e.ref);
      country = p ? this.personOn(p, undefined, false, false).country : undefined;
    }
    else if (e.kind === 'org') country = this.kb.orgOn(e.ref, this.date)?.country;
    if (country && country.length === 3 && country !== 'IGO' && this.kb.countries.has(country)) this.countryCounts.set(country, (this.countryCounts.get(country) ?? 0) + 1);
  }

  /** The country the article is most about (most mentions; first seen wins a tie). */
  private mainCountry(): string | undefined {
    if (this.mainCountryCache === undefined) {
      let best: string | null = null;
      let n = 0;
      for (const [k, v] of this.countryCounts) {
        if (v > n) {
          best = k;
          n = v;
        }
      }
      this.mainCountryCache = best;
    }
    return this.mainCountryCache ?? undefined;
  }

  private strongAt(i: number): number {
    return i >= 0 && i < this.strong.length ? this.strong[i]! : -1;
  }

  /** A span starting at i that may stand alone. */
  private strongSpanAt(i: number): Span | undefined {
    const sp = this.spanAtWord[i];
    return sp && !sp.weak && !sp.attitude ? sp : undefined;
  }

  private isSpeech(w: Word, mode: SentenceMode): boolean {
    const lex = this.c.lex;
    if (!lex.speechVerbs.has(w.lemma) && !lex.speechVerbs.has(w.norm)) return false;
    return mode === 'title' || w.pos === 'VERB' || w.pos === 'AUX';
  }

  // ------------------------------------------------------------ main pass

  private sentencePass(s: number): void {
    const { words, c } = this;
    const end = this.sentEnd[s]!;
    for (let i = this.sentStart[s]!; i < end; ) {
      const w = words[i]!;
      const bits = this.bits[i]!;
      // Most words start nothing: no match, no trigger word, no capital.
      if (bits === 0 && this.spanAtWord[i] === undefined && !w.cap && this.a.text.charCodeAt(w.start) !== 64) {
        i++;
        continue;
      }
      if (w.end - w.start > 1 && this.a.text.charCodeAt(w.start) === 64) {
        this.push({ start: w.start, end: w.end, sentence: s, kind: 'handle', ref: w.text, country: '', sector: '', code: '', via: 'handle', confidence: 0.9 }, {});
        i++;
        continue;
      }
      if ((bits & TRIGGER_PRONOUN) !== 0 && this.spanAtWord[i] === undefined && c.lex.groupPronouns.has(w.norm)) {
        this.groupPronoun(i, s);
        i++;
        continue;
      }
      const gender = (bits & TRIGGER_PRONOUN) !== 0 ? c.lex.pronouns.get(w.norm) : undefined;
      if (gender !== undefined && this.spanAtWord[i] === undefined) {
        i = this.pronoun(i, s, gender);
        continue;
      }
      const pairEnd = (bits & TRIGGER_PAIR) !== 0 ? this.pair(i, s) : i;
      if (pairEnd > i) {
        i = pairEnd;
        continue;
      }
      let next = i + 1;
      if (this.spanAtWord[i] !== undefined || (bits & CHAIN_TRIGGERS) !== 0) {
        const before = this.mentions.length;
        next = this.chain(i, s, bits);
        if (this.mentions.length > before || this.strongAt(i) >= 0) {
          i = Math.max(next, i + 1);
          continue;
        }
      }
      const un = w.cap ? this.unknownPerson(i, s) : i;
      i = Math.max(un, next, i + 1);
    }
  }

  private push(m: Omit<Mention, 'text'>, extra: { gender?: 'm' | 'f' | 'x'; key?: string }): number {
    const mention = m as Mention;
    mention.text = this.a.text.slice(m.start, m.end);
    if (mention.confidence > 1) mention.confidence = 1;
    mention.confidence = Math.round(mention.confidence * 100) / 100;
    this.mentions.push(mention);
    const item: CorefItem = { kind: m.kind, sentence: m.sentence, paragraph: this.para[m.sentence]!, state: m.country };
    const key = extra.key ?? (m.kind === 'person' ? m.ref : undefined);
    if (key !== undefined) item.key = key;
    if (extra.gender !== undefined) item.gender = extra.gender;
    if (m.antecedent !== undefined) item.antecedent = m.antecedent;
    if (m.location) item.location = true;
    if (m.possessive) item.possessive = true;
    this.items.push(item);
    return this.mentions.length - 1;
  }

  // ------------------------------------------------------------ chains

  /** Read a chain starting at word i; push what it names; return the next word to read. */
  private chain(i: number, s: number, firstBits: number): number {
    const { words, c } = this;
    const end = this.sentEnd[s]!;
    let j = i;
    let former = false;
    let then = false;
    let bits = firstBits;
    // "the" before a word that starts nothing (the usual case)
    if (bits === TRIGGER_THE && this.spanAtWord[i] === undefined && (j + 1 >= end || (this.bits[j + 1] === 0 && this.spanAtWord[j + 1] === undefined))) return i + 1;
    if ((bits & TRIGGER_THE) !== 0 && !words[j]!.breakAfter && j + 1 < end) {
      j++;
      bits = this.bits[j]!;
    }
    while (bits !== 0 && j + 1 < end && !words[j]!.breakAfter) {
      const free = this.spanAtWord[j] === undefined;
      if ((bits & TRIGGER_FORMER) !== 0 && free) {
        former = true;
      } else if ((bits & TRIGGER_THEN) !== 0 && words[j + 1]!.hyphenBefore) {
        then = true;
      } else if ((bits & TRIGGER_QUALIFIER) !== 0 && free && this.spanAtWord[j + 1] !== undefined) {
        // "the new Japanese prime minister"
      } else break;
      j++;
      bits = this.bits[j]!;
    }
    let mod: Modifier | undefined;
    const sp = this.strongSpanAt(j);
    // A bare role noun with nothing before it and no name or "of" after it names no one ("officials said").
    if (sp && j === i && sp.primary.kind === 'role') {
      const nx = sp.end < end && !words[sp.end - 1]!.breakAfter ? words[sp.end]! : undefined;
      if (!nx || (!nx.cap && this.spanAtWord[sp.end] === undefined && nx.norm !== 'of')) return sp.end;
    }
    if (sp) {
      const e = primary(sp);
      if (e.kind === 'non-actor') return sp.end;
      if (e.kind === 'person') return this.personChain(i, sp, s, { former, then });
      if (MODIFIER_KINDS.has(e.kind)) {
        mod = this.modifier(sp, e);
        j = sp.end;
      }
    } else if (this.spanAtWord[j]?.attitude) {
      return this.spanAtWord[j]!.end;
    }
    // qualifiers between a modifier and a title: "Japan's new prime minister", "the former Japanese prime minister"
    let t = j;
    while (t < end && t > i && !words[t - 1]!.breakAfter && this.spanAtWord[t] === undefined) {
      const n = words[t]!.norm;
      if (c.formerPrefixes.has(n)) former = true;
      else if (!c.lex.titleQualifiers.has(n)) break;
      t++;
    }
    const titles: Span[] = [];
    while (t < end && titles.length < 3 && (t === i || !words[t - 1]!.breakAfter)) {
      const ts = this.spanAtWord[t];
      if (!ts || primary(ts).kind !== 'role') break;
      // "will judge Trump by his actions": a verb, not a title
      const tw = words[t]!;
      if (ts.end - ts.start === 1 && !tw.cap && (tw.pos === 'VERB' || tw.pos === 'AUX')) break;
      titles.push(ts);
      t = ts.end;
    }
    if (titles.length === 0) t = j;
    let honor: string | undefined;
    if (t < end && (t === i || !words[t - 1]!.breakAfter) && this.spanAtWord[t] === undefined) {
      const h = (this.bits[t]! & TRIGGER_HONORIFIC) !== 0 ? c.lex.honorifics.get(words[t]!.norm) : undefined;
      if (h !== undefined && words[t]!.cap && t + 1 < end) {
        honor = h;
        t++;
      }
    }
    if (titles.length === 0 && honor === undefined) {
      // "India's Modi", "Russia's Putin": the person, placed by the modifier
      const ps = mod && t < end && !words[t - 1]!.breakAfter && (words[t - 1]!.possessive || mod.entry.kind === 'demonym') ? this.strongSpanAt(t) : undefined;
      if (ps && mod && mod.entry.kind !== 'org' && hasKind(ps, 'person')) {
        const person = this.choosePerson(ps, undefined, mod);
        if (person) return this.pushPerson(i, this.nameEnd(ps.end, end), s, person, { mod, former, then, surname: ps.end - ps.start === 1 });
      }
      if (mod) return this.modifierMention(i, mod, s, former);
      return i + 1;
    }
    const title = titles.length > 0 ? this.pickTitle(titles) : undefined;
    // "former president" is listed as one role: read it as former + title
    if (title) {
      const sp0 = title.ref.indexOf(' ');
      if (sp0 > 0 && c.formerPrefixes.has(title.ref.slice(0, sp0))) {
        former = true;
        title.ref = title.ref.slice(sp0 + 1);
        title.sector = this.kb.roleSector(title.ref) ?? title.sector;
      }
    }
    if (!mod && title) mod = this.titlePrefixModifier(title.span);
    // "the president of France"
    if (!mod && title && t + 1 < end && words[t]!.norm === 'of' && !words[t - 1]!.breakAfter) {
      let u = t + 1;
      if (words[u]!.norm === 'the' && u + 1 < end) u++;
      const os = this.strongSpanAt(u);
      if (os) {
        const oe = primary(os);
        if (oe.kind === 'country' || oe.kind === 'org') {
          mod = this.modifier(os, oe);
          t = os.end;
        }
      }
    }
    // a name after the title or honorific ("Social Media Reacts" is no title and name)
    const namesPeople = honor !== undefined || (title !== undefined && this.c.isOfficeTitle(title.ref));
    if (t < end && t > i && !words[t - 1]!.breakAfter) {
      const ps = this.spanAtWord[t];
      if (ps && hasKind(ps, 'person')) {
        const person = this.choosePerson(ps, title, mod);
        if (person) return this.pushPerson(i, this.nameEnd(ps.end, end), s, person, { title, mod, former, then, honor, surname: ps.end - ps.start === 1 });
      }
      if ((!ps || ps.weak) && namesPeople) {
        const ce = this.nameChain(t, end, this.modes[s]!);
        if (ce > t) {
          const after = this.spanAtWord[ce];
          if (after && hasKind(after, 'person') && ce - t <= 2 && !words[ce - 1]!.breakAfter) {
            const person = this.choosePerson(after, title, mod);
            if (person) return this.pushPerson(i, this.nameEnd(after.end, end), s, person, { title, mod, former, then, honor, surname: false });
          }
          const bySurname = this.personBySurname(t, ce, title, mod);
          if (bySurname) return this.pushPerson(i, ce, s, bySurname, { title, mod, former, then, honor, surname: true, via: 'title+surname' });
          return this.pushUnknownPerson(i, ce, s, title, mod, honor, former);
        }
      }
    }
    if (!title) return mod ? this.modifierMention(i, mod, s, former) : i + 1;
    return this.titleAlone(i, t, s, title, mod, former);
  }

  /** The title that decides the office: the last with an office, else the last. */
  private pickTitle(titles: Span[]): TitleInfo {
    let chosen = titles[titles.length - 1]!;
    for (let k = titles.length - 1; k >= 0; k--) {
      const e = primary(titles[k]!);
      if (this.c.officeFor(e.ref, undefined) !== undefined || e.ref === 'leader') {
        chosen = titles[k]!;
        break;
      }
    }
    const e = primary(chosen);
    return { ref: e.ref, sector: e.sector ?? '', span: chosen };
  }

  /** "Kremlin spokesman", "White House press secretary": a title that starts with a seat of power. */
  private titlePrefixModifier(sp: Span): Modifier | undefined {
    if (sp.end - sp.start < 2) return undefined;
    const cands = this.kb.index.get(this.words[sp.start]!.norm);
    if (!cands) return undefined;
    for (const f of cands) {
      const n = f.tokens.length;
      if (n >= sp.end - sp.start) continue;
      let ok = true;
      for (let k = 1; k < n && ok; k++) ok = this.words[sp.start + k]!.norm === f.tokens[k];
      if (!ok) continue;
      for (const e of f.entries) if (MODIFIER_KINDS.has(e.kind)) return this.modifier(makeSpan(sp.start, sp.start + n, [e]), e);
    }
    return undefined;
  }

  private modifier(sp: Span, e: Entry): Modifier {
    let country = '';
    let sector = '';
    let entry = e;
    if (e.kind === 'country' || e.kind === 'demonym' || e.kind === 'metonym') {
      country = this.stateOf(e);
      sector = e.sector ?? '';
    } else if (e.kind === 'org') {
      const o = this.kb.orgOn(e.ref, this.date);
      country = o?.country ?? '';
      sector = o?.sector ?? '';
    } else if (e.kind === 'group') {
      const g = this.kb.group(e.ref);
      country = g ? this.groupCountry(g.code, g.org) : '';
    }
    if (e.kind === 'demonym') entry = e;
    return { span: sp, entry, country, sector };
  }

  private groupCountry(code: string | undefined, org: string | undefined): string {
    if (code !== undefined && ISO3_RE.test(code)) return code;
    if (org !== undefined) return this.kb.org(org)?.country ?? '';
    return '';
  }

  private nameEnd(end: number, limit: number): number {
    const w = this.words[end];
    if (w && end > 0 && end < limit && !this.words[end - 1]!.breakAfter && this.c.lex.nameSuffixes.has(w.norm)) return end + 1;
    return end;
  }

  /** Capitalised words of a name not in the knowledge base ("Jane Doe", "Abu Mohammed al-Jolani"); none when an organisation word is among them. */
  private nameChain(t: number, end: number, mode: SentenceMode): number {
    const { words, c } = this;
    let k = t;
    while (k < end) {
      const w = words[k]!;
      if (this.strongAt(k) >= 0) break;
      if (c.lex.organisationWords.has(w.norm)) return t;
      if (w.cap && w.alpha && !c.lex.functionWords.has(w.norm) && !c.lex.honorifics.has(w.norm)) {
        if (mode === 'title' && (w.pos === 'VERB' || w.pos === 'AUX' || this.isSpeech(w, mode))) break;
        k++;
      } else if (w.initial && k > t) {
        k++;
      } else if (c.lex.nameParticles.has(w.norm) && k + 1 < end && words[k + 1]!.cap && !w.breakAfter) {
        k++;
        continue;
      } else break;
      if (w.breakAfter || w.possessive) break;
    }
    while (k > t && c.lex.nameParticles.has(words[k - 1]!.norm) && !words[k - 1]!.cap) k--;
    return this.nameEnd(k, end);
  }

  // ------------------------------------------------------------ people

  private titleFits(title: TitleInfo | undefined, t: Term): boolean {
    if (!title) return false;
    if (title.ref === 'leader') return t.office === this.kb.leaderOffice(t.country);
    return this.c.officeFor(title.ref, t.country === 'IGO' ? undefined : t.country) === t.office;
  }

  private choosePerson(sp: Span, title: TitleInfo | undefined, mod: Modifier | undefined): Person | undefined {
    // the common case: one unambiguous person
    if (sp.entries.length === 1) {
      const e = sp.entries[0]!;
      if (e.kind === 'person' && !e.ambiguous) return this.kb.person(e.ref);
    }
    let best: Person | undefined;
    let bestScore = -1;
    for (const e of sp.entries) {
      if (e.kind !== 'person') continue;
      const p = this.kb.person(e.ref);
      if (!p) continue;
      const inDoc = this.docPersons.has(p.id);
      const fits = title !== undefined && p.terms.some((t) => this.titleFits(title, t) && (!mod || !mod.country || mod.country === t.country));
      if (e.ambiguous && !inDoc && !fits) continue;
      const active = this.date !== null && this.kb.termsOn(p.id, this.date).length > 0;
      const score = (inDoc ? 4 : 0) + (fits ? 2 : 0) + (active ? 1 : 0);
      if (score > bestScore) {
        best = p;
        bestScore = score;
      }
    }
    return best;
  }

  /** "President Lee": a surname after a title, matched to a holder of that office. */
  private personBySurname(t: number, ce: number, title: TitleInfo | undefined, mod: Modifier | undefined): Person | undefined {
    if (ce - t !== 1) return undefined;
    const norm = this.words[t]!.norm;
    const inDoc = this.docSurnames.get(norm);
    if (inDoc) return this.kb.person(inDoc);
    if (!title) return undefined;
    const cands = this.c.surnames.get(norm);
    if (!cands) return undefined;
    let best: Person | undefined;
    let bestDistance = Number.POSITIVE_INFINITY;
    const states = new Set<string>();
    for (const p of cands) {
      for (const term of p.terms) {
        if (!this.titleFits(title, term) || (mod?.country && mod.country !== term.country)) continue;
        states.add(term.country);
        const d = this.date === null ? 0 : this.distanceToTerm(term);
        if (d < bestDistance) {
          best = p;
          bestDistance = d;
        }
      }
    }
    // far from every term, "President Bush" is still the nearest holder when all holders of that name served one state
    return bestDistance <= TERM_SLACK_AFTER_DAYS || states.size === 1 ? best : undefined;
  }

  /** Days from the date to the term (0 inside it). */
  private distanceToTerm(t: Term): number {
    const d = this.date!;
    if (d < t.start) return daysBetween(d, t.start);
    if (t.end !== null && d >= t.end) return daysBetween(t.end, d) + 1;
    return 0;
  }

  private fromTerm(t: Term, confidence: number): Resolved {
    const code = t.country === 'IGO' ? (t.org !== undefined ? (this.kb.org(t.org)?.code ?? 'IGO') : 'IGO') : this.kb.actorCode(t.country, t.sector);
    return { country: t.country, sector: t.sector, code, office: t.office, former: false, confidence };
  }

  private outOfOffice(p: Person, confidence: number): Resolved {
    const r = this.kb.resolvePersonOn(p.id, this.date);
    const country = p.home;
    return { country, sector: p.sector, code: this.kb.actorCode(country, p.sector), former: r?.former ?? true, confidence };
  }

  /** Where a person stands on the date, given the title written before the name. */
  private personOn(p: Person, title: TitleInfo | undefined, former: boolean, then: boolean): Resolved {
    // the same person without a title resolves the same way all through an article
    if (!title && !former && !then) {
      let r = this.plainPeople.get(p.id);
      if (!r) {
        r = this.personOnUncached(p, undefined, false, false);
        this.plainPeople.set(p.id, r);
      }
      return r;
    }
    return this.personOnUncached(p, title, former, then);
  }

  private personOnUncached(p: Person, title: TitleInfo | undefined, former: boolean, then: boolean): Resolved {
    const date = this.date;
    if (date === null) {
      if (former) return { ...this.outOfOffice(p, 0.8), former: true };
      const byTitle = title ? [...p.terms].reverse().find((t) => this.titleFits(title, t)) : undefined;
      if (byTitle) return this.fromTerm(byTitle, 0.8);
      const r = this.kb.resolvePersonOn(p.id, null)!;
      return r.term ? this.fromTerm(r.term, 0.75) : this.outOfOffice(p, 0.75);
    }
    const active = this.kb.termsOn(p.id, date);
    if (then && title) {
      const t = p.terms.find((x) => this.titleFits(title, x));
      if (t) return this.fromTerm(t, 0.75);
    }
    if (former) {
      const other = active.find((t) => !title || !this.titleFits(title, t));
      if (other && title) return this.fromTerm(other, 0.8);
      return { ...this.outOfOffice(p, 0.9), former: true };
    }
    if (active.length > 0) {
      if (title) {
        const t = active.find((x) => this.titleFits(title, x));
        if (t) return this.fromTerm(t, 0.98);
      }
      return this.fromTerm(active[0]!, title ? 0.85 : 0.95);
    }
    if (title) {
      let best: Term | undefined;
      let bestD = Number.POSITIVE_INFINITY;
      for (const t of p.terms) {
        if (!this.titleFits(title, t)) continue;
        const before = date < t.start;
        const d = this.distanceToTerm(t);
        if ((before && d <= TERM_SLACK_BEFORE_DAYS) || (!before && d <= TERM_SLACK_AFTER_DAYS)) {
          if (d < bestD) {
            best = t;
            bestD = d;
          }
        }
      }
      if (best) return { ...this.fromTerm(best, 0.6), nearTerm: true };
    }
    return this.outOfOffice(p, 0.9);
  }

  private personChain(i: number, sp: Span, s: number, flags: { former: boolean; then: boolean }): number {
    const { words } = this;
    const end = this.sentEnd[s]!;
    const person = this.choosePerson(sp, undefined, undefined);
    if (!person) return sp.end;
    let stop = this.nameEnd(sp.end, end);
    // "the Trump administration", "Biden aides": the person's government
    let govRole: string | undefined;
    const next = this.spanAtWord[stop];
    if (next && !words[stop - 1]!.breakAfter && !words[stop - 1]!.possessive && primary(next).kind === 'role' && primary(next).sector === 'GOV' && this.c.officeFor(primary(next).ref, undefined) === undefined) {
      govRole = primary(next).ref;
      stop = next.end;
    }
    // "the Trump campaign": the article belongs to the noun, not the name
    const from = govRole === undefined && !flags.former && !flags.then ? sp.start : i;
    return this.pushPerson(from, stop, s, person, { former: flags.former, then: flags.then, surname: sp.end - sp.start === 1, govRole });
  }

  private pushPerson(
    i: number,
    stop: number,
    s: number,
    p: Person,
    o: { title?: TitleInfo | undefined; mod?: Modifier | undefined; former: boolean; then: boolean; honor?: string | undefined; surname: boolean; via?: string; govRole?: string },
  ): number {
    const r = this.personOn(p, o.title, o.former, o.then);
    if (o.via === 'title-by-date' && r.confidence > 0.85) r.confidence = 0.85;
    let via = o.via ?? (o.title ? 'title+name' : o.surname ? 'surname' : 'name');
    if (r.nearTerm) via = 'title-near-term';
    let sector = r.sector;
    let code = r.code;
    if (o.govRole !== undefined && r.country !== 'IGO') {
      sector = 'GOV';
      code = this.kb.actorCode(r.country, 'GOV');
    }
    const m: Omit<Mention, 'text'> = {
      start: this.words[i]!.start,
      end: this.words[stop - 1]!.end,
      sentence: s,
      kind: 'person',
      ref: p.id,
      country: r.country,
      sector,
      code,
      via,
      confidence: r.confidence * this.scale * (o.surname && !o.title ? 0.95 : 1),
    };
    const role = o.title?.ref ?? o.govRole;
    if (role !== undefined) m.role = role;
    if (r.office !== undefined) m.office = r.office;
    if (r.former) m.former = true;
    if (this.words[stop - 1]!.possessive) m.possessive = true;
    const extra: { gender?: 'm' | 'f' | 'x'; key?: string } = { key: p.id };
    if (p.gender !== undefined) extra.gender = p.gender;
    this.push(m, extra);
    return stop;
  }

  private pushUnknownPerson(i: number, stop: number, s: number, title: TitleInfo | undefined, mod: Modifier | undefined, honor: string | undefined, former: boolean): number {
    let country = mod && mod.entry.kind !== 'group' ? mod.country : '';
    // "King Hassan of Morocco", "President Kabila of Congo": the state after "of" is the titled person's
    if (!country && title && stop + 1 < this.words.length && this.words[stop]!.norm === 'of' && !this.words[stop - 1]!.breakAfter && !this.words[stop]!.breakAfter) {
      const at = this.words[stop + 1]!.norm === 'the' ? stop + 2 : stop + 1;
      const next = this.spanAtWord[at] ?? this.spanAtWord[stop + 1];
      if (next && primary(next).kind === 'country') country = primary(next).ref;
    }
    let sector = honor ?? '';
    let office: string | undefined;
    if (title) {
      office = title.ref === 'leader' && country && country !== 'IGO' ? this.kb.leaderOffice(country) : this.c.officeFor(title.ref, country && country !== 'IGO' ? country : undefined);
      sector = (office !== undefined ? this.kb.offices.get(office)?.sector : undefined) ?? title.sector;
      if (country === 'IGO') sector = 'IGO';
    }
    if (former) sector = 'ELI';
    const name = this.words
      .slice(this.nameStart(i, stop), stop)
      .map((w) => w.norm)
      .join(' ');
    const code = country === 'IGO' ? (mod && mod.entry.kind === 'org' ? (this.kb.org(mod.entry.ref)?.code ?? 'IGO') : 'IGO') : country ? this.kb.actorCode(country, sector) : '';
    const m: Omit<Mention, 'text'> = {
      start: this.words[i]!.start,
      end: this.words[stop - 1]!.end,
      sentence: s,
      kind: 'unknown-person',
      country,
      sector,
      code,
      via: 'unknown-person',
      confidence: country ? 0.7 : 0.6,
    };
    if (title) m.role = title.ref;
    if (office !== undefined) m.office = office;
    if (former) m.former = true;
    if (this.words[stop - 1]!.possessive) m.possessive = true;
    const idx = this.push(m, { key: name });
    const last = this.words[stop - 1]!.norm;
    if (!this.unknownNames.has(last)) this.unknownNames.set(last, idx);
    return stop;
  }

  /** First word of the name part of [i, stop): after titles, honorifics and modifiers. */
  private nameStart(i: number, stop: number): number {
    let k = stop;
    while (k > i) {
      const w = this.words[k - 1]!;
      if (this.strongAt(k - 1) >= 0 || this.c.lex.honorifics.has(w.norm)) break;
      k--;
    }
    return k;
  }

  // ------------------------------------------------------------ titles without names, modifiers

  /** "the president", "Japan's new prime minister", "China's leader", "Chinese officials". */
  private titleAlone(i: number, stop: number, s: number, title: TitleInfo, mod: Modifier | undefined, former: boolean): number {
    const start = this.words[i]!.start;
    const endChar = this.words[stop - 1]!.end;
    const possessive = this.words[stop - 1]!.possessive;
    const role = title.ref;
    const isLeader = title.ref === 'leader';
    if (mod) {
      const e = mod.entry;
      if (e.kind === 'org') {
        const o = this.kb.orgOn(e.ref, this.date);
        if (!o) return stop;
        if (!former && o.country === 'IGO') {
          const office = this.c.officeFor(title.ref, undefined);
          const holder = office ? this.orgHolder(e.ref, office) : undefined;
          if (holder) return this.pushPerson(i, stop, s, holder, { title, mod, former: false, then: false, surname: false, via: 'title-by-date' });
        }
        const m = withRole(role, make(start, endChar, s, 'org', e.ref, o.country, o.sector, o.code, 'org+role', 0.85));
        this.withMembers(m, e.ref);
        if (possessive) m.possessive = true;
        this.push(m, {});
        return stop;
      }
      if (e.kind === 'group') {
        const g = this.kb.group(e.ref);
        const sector = former ? 'ELI' : title.sector;
        const m = withRole(role, make(start, endChar, s, 'group', e.ref, mod.country, sector, mod.country && mod.country !== 'IGO' ? this.kb.actorCode(mod.country, sector) : (g?.code ?? ''), 'adjective+role', 0.8));
        this.withMembers(m, e.ref);
        this.push(m, {});
        return stop;
      }
      const country = mod.country;
      const office = isLeader ? this.kb.leaderOffice(country) : this.c.officeFor(title.ref, country);
      if (!former && office !== undefined && this.date !== null && this.kb.offices.get(office)?.singleHolder) {
        const h = this.kb.officeHolder(country, office, this.date);
        if (h) return this.pushPerson(i, stop, s, h.person, { title, mod, former: false, then: false, surname: false, via: 'title-by-date' });
      }
      let sector = former ? 'ELI' : ((office !== undefined ? this.kb.offices.get(office)?.sector : undefined) ?? title.sector);
      // "Pentagon officials": the seat's sector over a generic government noun
      if (!former && mod.sector && sector === 'GOV' && office === undefined) sector = mod.sector;
      const m = withRole(role, make(start, endChar, s, 'role', country, country, sector, this.kb.actorCode(country, sector), 'adjective+role', 0.85 * (mod.entry.ambiguous ? 0.8 : 1)));
      if (office !== undefined) m.office = office;
      if (former) m.former = true;
      if (possessive) m.possessive = true;
      this.push(m, {});
      return stop;
    }
    // No modifier: a singular office title resolved from context, or "the government".
    const lex = this.c.lex;
    const hasOffice = this.c.isOfficeTitle(title.ref);
    if (former) {
      if (!hasOffice && title.sector !== 'GOV') return stop;
      const m = withRole(role, make(start, endChar, s, 'role', undefined, '', 'ELI', '', 'role', 0.5));
      m.former = true;
      this.push(m, {});
      return stop;
    }
    const article = this.words[i]!.norm === 'the';
    // "a leader who…" is no one in particular: a bare title needs "the"
    if (hasOffice && !lex.collectiveGovernment.has(title.ref)) {
      if (!article) return stop;
      const found = this.titleFromContext(title, s);
      if (found) {
        if (found.person) {
          const idx = this.mentions.length;
          const next = this.pushPerson(i, stop, s, found.person, { title, former: false, then: false, surname: false, via: 'title-by-date' });
          const m = this.mentions[idx]!;
          m.confidence = Math.round(m.confidence * found.confidence * 100) / 100;
          if (found.antecedent !== undefined) {
            m.antecedent = found.antecedent;
            this.items[idx]!.antecedent = found.antecedent;
          }
          return next;
        }
      }
      return stop;
    }
    if (article && lex.collectiveGovernment.has(title.ref) && !possessive) {
      const country = this.mainCountry() ?? this.lastState(s);
      if (country) this.push(withRole(role, make(start, endChar, s, 'role', country, country, 'GOV', this.kb.actorCode(country, 'GOV'), 'role-by-context', 0.5 * this.scale)), {});
    }
    return stop;
  }

  /** The holder of an office at an intergovernmental organisation on the date. */
  private orgHolder(org: string, office: string): Person | undefined {
    if (this.date === null) return undefined;
    let best: { person: Person; term: Term } | undefined;
    for (const h of this.c.orgPosts.get(org) ?? []) {
      if (h.term.office !== office || h.term.start > this.date || (h.term.end !== null && this.date >= h.term.end)) continue;
      if (!best || h.term.start > best.term.start) best = h;
    }
    return best?.person;
  }

  /**
   * Which country a bare title means: an earlier mention holding that office,
   * else the article's main country, else the last state mentioned, else the
   * USA for "the president"; the first whose holder on the date bears the title.
   */
  private titleFromContext(title: TitleInfo, s: number): { person: Person; antecedent?: number; confidence: number } | undefined {
    const isLeader = title.ref === 'leader';
    const officeIn = (country: string): string | undefined => (isLeader ? this.kb.leaderOffice(country) : this.c.officeFor(title.ref, country));
    for (let k = this.mentions.length - 1; k >= 0; k--) {
      const m = this.mentions[k]!;
      if (m.sentence < s - 10) break;
      if (m.office === undefined || !m.country || (m.kind !== 'person' && m.kind !== 'role')) continue;
      if (officeIn(m.country) !== m.office) continue;
      if (m.kind === 'person' && m.ref) {
        const p = this.kb.person(m.ref);
        if (p) return { person: p, antecedent: m.antecedent ?? k, confidence: 0.9 };
      }
      break;
    }
    if (this.date === null) return undefined;
    const tries: Array<[string | undefined, number]> = [
      [this.mainCountry(), 0.8],
      [this.lastState(s), 0.7],
      [title.ref === 'president' ? 'USA' : undefined, 0.5],
    ];
    const lastWord = title.ref.slice(title.ref.lastIndexOf(' ') + 1);
    for (const [country, conf] of tries) {
      if (!country) continue;
      const office = officeIn(country);
      if (office === undefined || !this.kb.offices.get(office)?.singleHolder) continue;
      const h = this.kb.officeHolder(country, office, this.date);
      if (!h) continue;
      if (!isLeader && !(h.term.title ?? '').toLowerCase().includes(lastWord)) continue;
      return { person: h.person, confidence: conf };
    }
    return undefined;
  }

  /** The last state named within three sentences. */
  private lastState(s: number): string | undefined {
    for (let k = this.mentions.length - 1; k >= 0; k--) {
      const m = this.mentions[k]!;
      if (m.sentence < s - 3) break;
      if (!m.location && m.kind !== 'pronoun' && ISO3_RE.test(m.country) && this.kb.countries.has(m.country)) return m.country;
    }
    return undefined;
  }

  private withMembers(m: Omit<Mention, 'text'>, groupId: string): void {
    const members = this.c.membersOn(groupId, this.date);
    if (members) m.members = [...members];
  }

  /** A country, demonym, capital, organisation or group standing alone (with a following noun as its role). */
  private modifierMention(i: number, mod: Modifier, s: number, former: boolean): number {
    const { words } = this;
    const sp = mod.span;
    const e = mod.entry;
    const stop = sp.end;
    const first = words[i]!.norm === 'the' && e.kind !== 'demonym' ? i : sp.start;
    const start = words[first]!.start;
    const end = words[stop - 1]!.end;
    const possessive = words[stop - 1]!.possessive;
    const ambiguousConf = e.ambiguous ? 0.75 : 1;
    let m: Omit<Mention, 'text'>;
    if (e.kind === 'org') {
      const o = this.kb.orgOn(e.ref, this.date);
      if (!o) return stop;
      m = make(start, end, s, 'org', e.ref, o.country, o.sector, o.code, 'name', 0.9 * ambiguousConf);
      this.withMembers(m, e.ref);
      const role = this.followingNoun(stop, s);
      if (role !== undefined) m.role = role;
    } else if (e.kind === 'group') {
      // "Western Cambodia", "Northern Iraq": a compass adjective before a state or place names part of it, not a bloc.
      if (e.adjective && e.ambiguous?.includes('region') && !words[stop - 1]!.breakAfter && this.spanAtWord[stop]?.entries.some((x) => x.kind === 'country' || x.kind === 'metonym' || x.place || (x.kind === 'group' && this.kb.group(x.ref)?.type === 'region'))) return stop;
      const g = this.kb.group(e.ref);
      m = make(start, end, s, 'group', e.ref, mod.country, '', g?.code ?? '', 'name', 0.85 * ambiguousConf);
      this.withMembers(m, e.ref);
      if (e.adjective) {
        const role = this.followingNoun(stop, s);
        if (role !== undefined) m.role = role;
      }
    } else if (e.kind === 'metonym') {
      m = this.metonymMention(start, end, s, e, sp);
    } else {
      // country or demonym; "U.S."/"US"/"UK" are both: a noun unless a noun follows
      let kind: MentionKind = e.kind === 'demonym' ? 'demonym' : 'country';
      const role = this.followingNoun(stop, s);
      if (hasKind(sp, 'country') && hasKind(sp, 'demonym')) kind = role !== undefined && !possessive ? 'demonym' : 'country';
      // "Congo" in 1985 is the Republic of the Congo: Kinshasa's state was Zaire until May 1997
      const ref = this.stateOf(e);
      m = make(start, end, s, kind, ref, ref, '', ref, 'name', 0.95 * ambiguousConf);
      // "Georgia" in an article about the United States is the state: a place in the USA
      if (e.ambiguous?.includes('us-state') && this.mainCountry() === 'USA') {
        m = make(start, end, s, 'metonym', 'USA', 'USA', '', 'USA', 'us-state', 0.3);
        m.location = true;
        if (possessive) m.possessive = true;
        this.push(m, {});
        return stop;
      }
      if (kind === 'demonym' && role !== undefined && (entryOf(sp, 'demonym')?.adjective ?? true)) m.role = role;
      if (kind === 'country' && this.isLocation(sp, s)) {
        m.location = true;
        m.confidence = 0.5;
      }
    }
    if (former && m.kind !== 'org') {
      m.sector = 'ELI';
      m.former = true;
      if (ISO3_RE.test(m.country)) m.code = this.kb.actorCode(m.country, 'ELI');
    }
    if (possessive) m.possessive = true;
    this.push(m, {});
    return stop;
  }

  private metonymMention(start: number, end: number, s: number, e: Entry, sp: Span): Omit<Mention, 'text'> {
    // Brussels: the EU (or NATO) when they are named nearby, else Belgium.
    const alt = e.ambiguous?.find((x) => this.kb.org(x) !== undefined && this.nearby(x, s));
    if (alt) {
      const o = this.kb.orgOn(alt, this.date)!;
      const m = make(start, end, s, 'metonym', alt, o.country, o.sector === 'IGO' ? '' : o.sector, o.code, 'metonym', 0.7);
      this.withMembers(m, alt);
      return m;
    }
    const sector = e.sector ?? '';
    // a place of a state formed later belonged to the earlier state ("Juba" in 1995 is Sudan)
    let ref = this.stateOf(e);
    // "Tripoli … the north Lebanese port": a namesake in another state when the text around names that state, not this one
    const namesake = e.ambiguous?.find((x) => x !== ref && this.kb.countries.has(x) && this.nearbyState(x, s, sp) && !this.nearbyState(ref, s, sp));
    if (namesake) ref = namesake;
    const m = make(start, end, s, 'metonym', ref, ref, sector, this.kb.actorCode(ref, sector), 'metonym', 0.8 * (e.ambiguous ? 0.85 : 1));
    if (e.place || this.isLocation(sp, s)) {
      m.location = true;
      m.via = 'location';
      m.confidence = 0.3;
    }
    return m;
  }

  /** Is an organisation (or another with the same code, or its group) named within a sentence of s, or "the bloc"? */
  private nearby(orgId: string, s: number): boolean {
    const code = this.kb.org(orgId)?.code;
    const from = this.sentStart[Math.max(0, s - 1)]!;
    const to = this.sentEnd[Math.min(this.sentEnd.length - 1, s + 1)]!;
    for (let i = from; i < to; i++) {
      const sp = this.spanAtWord[i];
      if (!sp || sp.weak) continue;
      for (const e of sp.entries) {
        if ((e.kind === 'org' || e.kind === 'group') && (e.ref === orgId || (code !== undefined && this.kb.org(e.ref)?.code === code))) return true;
      }
    }
    return false;
  }

  /** The state a form names on the article's date: a renamed state ("Congo" before 1997) or a place of a later state ("Juba" before 2011) names the earlier one. */
  private stateOf(e: Entry): string {
    return e.succession && this.date !== null && this.date < e.succession.since ? e.succession.from : e.ref;
  }

  /** Is a state named (country, people, capital or place; not as a namesake) within a sentence of s? */
  private nearbyState(code: string, s: number, except: Span): boolean {
    const from = this.sentStart[Math.max(0, s - 1)]!;
    const to = this.sentEnd[Math.min(this.sentEnd.length - 1, s + 1)]!;
    for (let i = from; i < to; i++) {
      const sp = this.spanAtWord[i];
      if (!sp || sp.weak || sp.start === except.start) continue;
      const e = primary(sp);
      if ((e.kind === 'country' || e.kind === 'demonym' || e.kind === 'metonym') && e.ref === code) return true;
    }
    return false;
  }

  /** "in Beijing", "travelled to Moscow", "Washington-based", a dateline "WASHINGTON (Reuters) -". */
  private isLocation(sp: Span, s: number): boolean {
    const { words, c } = this;
    const last = words[sp.end - 1]!;
    // "in Syria talks", "in U.S. foreign policy": a modifier, not a place
    if (last.possessive || this.followingNoun(sp.end, s) !== undefined) return false;
    const nx = words[sp.end];
    if (this.modes[s] === 'title' && nx && sp.end < this.sentEnd[s]! && !last.breakAfter && nx.cap && !c.lex.functionWords.has(nx.norm) && (nx.pos === 'NOUN' || nx.pos === 'PROPN')) return false;
    const after = words[sp.end];
    if (after && after.hyphenBefore && after.norm === 'based') return true;
    let p = sp.start - 1;
    if (p >= 0 && words[p]!.norm === 'the' && !words[p]!.breakAfter) p--;
    const first = words[sp.start]!;
    if (sp.start === this.sentStart[s] && first.upper && last.breakAfter) return true;
    if (p < this.sentStart[s]! || words[p]!.breakAfter) return false;
    const prev = words[p]!;
    if (c.lex.locationPrepositions.has(prev.norm)) return true;
    if (c.lex.motionLemmas.has(prev.lemma) && prev.pos === 'VERB' && prev.lemma === 'visit') return true;
    if (prev.norm === 'to') {
      for (let k = p - 1; k >= Math.max(this.sentStart[s]!, p - 4); k--) {
        const w = words[k]!;
        if (c.lex.motionLemmas.has(w.lemma) || c.lex.motionLemmas.has(w.norm)) return true;
        if (w.breakAfter) break;
      }
    }
    return false;
  }

  /** A noun right after a modifier ("Israeli strike" → strike), lower case. */
  private followingNoun(k: number, s: number): string | undefined {
    const { words } = this;
    const end = this.sentEnd[s]!;
    if (k >= end || words[k - 1]!.breakAfter || words[k - 1]!.possessive) return undefined;
    const title = this.modes[s] === 'title';
    // skip up to two adjectives: "U.S. foreign policy" → policy
    let p = k;
    while (p < end && p < k + 2 && words[p]!.pos === 'ADJ' && !words[p]!.breakAfter && this.spanAtWord[p] === undefined) p++;
    const w = words[p];
    if (!w || p >= end || !w.alpha || this.c.lex.functionWords.has(w.norm)) return undefined;
    if (w.pos !== 'NOUN' && w.pos !== 'PROPN') return undefined;
    const sp = this.spanAtWord[p];
    if (sp && !sp.weak && primary(sp).kind !== 'role') return undefined;
    // Title Case tags every word a noun: only a role noun is evidence there
    if (title && (!sp || primary(sp).kind !== 'role')) return undefined;
    return w.norm;
  }

  // ------------------------------------------------------------ unknown people, pronouns, pairs

  /**
   * "the Bush administration", "the Mitterrand government": a known surname between "the" and a collective
   * government noun is that leader's government, when every person of the knowledge base with that surname who
   * held a government post did so for one state.
   */
  private surnameGovernment(i: number, s: number, end: number): number {
    const { words } = this;
    const prev = words[i - 1];
    const next = words[i + 1];
    if (!prev || prev.norm !== 'the' || prev.breakAfter || !next || i + 1 >= end || words[i]!.breakAfter || !this.c.lex.collectiveGovernment.has(next.norm)) return i;
    const cands = this.c.surnames.get(words[i]!.norm);
    if (!cands) return i;
    const states = new Set<string>();
    for (const p of cands) for (const t of p.terms) if (t.sector === 'GOV' && t.country !== 'IGO') states.add(t.country);
    if (states.size !== 1) return i;
    const country = [...states][0]!;
    const m = make(prev.start, next.end, s, 'role', next.norm, country, 'GOV', this.kb.actorCode(country, 'GOV'), 'surname+government', 0.7);
    m.role = next.norm;
    this.push(m, {});
    return i + 2;
  }

  /** A capitalised name next to a speech verb ("Jane Doe said", "said Jane Doe", "Jane Doe, a shopkeeper, said"). */
  private unknownPerson(i: number, s: number): number {
    const { words } = this;
    const mode = this.modes[s]!;
    if (mode === 'upper' || mode === 'lower') return i;
    const w = words[i]!;
    if (!w.cap || !w.alpha) return i;
    const end = this.sentEnd[s]!;
    const gov = this.surnameGovernment(i, s, end);
    if (gov > i) return gov;
    // A single capitalised word is only a name when a full name was seen before: most stop here unhashed.
    const single = i + 1 >= end || w.breakAfter || !words[i + 1]!.cap;
    if (single && this.docSurnames.size === 0 && this.unknownNames.size === 0) return i;
    // A surname alone after the full name: "May added" after "Theresa May" (not "in May", "May 5")
    const known = this.docSurnames.size > 0 ? this.docSurnames.get(w.norm) : undefined;
    if (known && single && !(w.norm === 'may' && this.monthContext(i))) {
      const p = this.kb.person(known);
      if (p) return this.pushPerson(i, this.nameEnd(i + 1, end), s, p, { former: false, then: false, surname: true });
    }
    if (this.c.lex.functionWords.has(w.norm)) return i;
    const ce = this.nameChain(i, end, mode);
    if (ce <= i) return i;
    const n = ce - i;
    if (n === 1) {
      // A surname alone of a person not in the knowledge base, named in full earlier.
      const earlier = this.unknownNames.get(w.norm);
      if (earlier !== undefined) {
        const a = this.mentions[earlier]!;
        const m = make(w.start, words[ce - 1]!.end, s, 'unknown-person', undefined, a.country, a.sector, a.code, 'surname', 0.55);
        m.antecedent = earlier;
        this.push(m, { key: this.items[earlier]!.key ?? w.norm });
        return ce;
      }
      return i;
    }
    let propn = false;
    for (let k = i; k < ce; k++) if (words[k]!.pos === 'PROPN') propn = true;
    if (!propn && mode === 'normal') return i;
    if (!this.speechAround(i, ce, s, mode)) return i;
    return this.pushUnknownPerson(i, ce, s, undefined, undefined, undefined, false);
  }

  private speechAround(i: number, ce: number, s: number, mode: SentenceMode): boolean {
    const { words } = this;
    const start = this.sentStart[s]!;
    const end = this.sentEnd[s]!;
    // after: "Jane Doe said", "Jane Doe has said", "Jane Doe also told"
    if (ce < end && !words[ce - 1]!.breakAfter) {
      for (let k = ce; k < Math.min(end, ce + 3); k++) {
        const w = words[k]!;
        if (this.isSpeech(w, mode)) return true;
        if (mode === 'title' || (w.pos !== 'AUX' && w.pos !== 'ADV' && w.pos !== 'PART') || w.breakAfter) break;
      }
    }
    if (mode === 'title') return false;
    // before: "said Jane Doe", "according to Jane Doe"
    if (i > start && !words[i - 1]!.breakAfter) {
      const p = words[i - 1]!;
      if (this.isSpeech(p, mode)) return true;
      if (p.norm === 'to' && i - 2 >= start && words[i - 2]!.norm === 'according') return true;
    }
    // apposition: "Jane Doe, a shopkeeper in the town, said"
    if (words[ce - 1]!.breakAfter && this.a.text.slice(words[ce - 1]!.end, words[ce]?.start ?? words[ce - 1]!.end).trim() === ',') {
      for (let k = ce + 1; k < Math.min(end, ce + 20); k++) {
        if (words[k - 1]!.breakAfter && this.isSpeech(words[k]!, mode)) return true;
      }
    }
    return false;
  }

  /** "X said they/their …": the people, group, organisation or officials the sentence opened with (no states: "Russia and China … their" is both). */
  private groupPronoun(i: number, s: number): void {
    const w = this.words[i]!;
    let ante: number | undefined;
    for (let k = 0; k < this.mentions.length; k++) {
      const m = this.mentions[k]!;
      if (m.sentence !== s || m.start >= w.start) continue;
      if (m.location || m.possessive) continue;
      if (m.kind === 'demonym' || m.kind === 'group' || m.kind === 'org' || (m.kind === 'role' && /s$/i.test(m.text))) ante = k;
      break;
    }
    if (ante === undefined) return;
    const a = this.mentions[ante]!;
    // "Hungarian and Romanian officials … their": both, not the first
    if (/^\s+and\s/i.test(this.a.text.slice(a.end, a.end + 6))) return;
    // only across a verb of saying or "that" ("X said they …"): inside X's own clause "their" adds nobody
    let reported = false;
    for (let k = i - 1; k >= 0 && this.words[k]!.start >= a.end; k--) {
      const x = this.words[k]!;
      if (x.norm === 'that' || this.isSpeech(x, this.modes[s]!)) reported = true;
    }
    if (!reported) return;
    const m = make(w.start, w.end, s, 'pronoun', a.ref, a.country, a.sector, a.code, 'coref', a.confidence * 0.7);
    m.antecedent = ante;
    this.push(m, {});
  }

  private pronoun(i: number, s: number, gender: 'm' | 'f'): number {
    const { words } = this;
    const w = words[i]!;
    const nx = words[i + 1];
    const object = w.norm === 'him' || (w.norm === 'her' && (!nx || w.breakAfter || (nx.pos !== 'NOUN' && nx.pos !== 'ADJ' && nx.pos !== 'PROPN' && nx.pos !== 'NUM')));
    const ante = pronounAntecedent(this.items, s, this.para[s]!, gender, object);
    if (ante === undefined) return i + 1;
    const a = this.mentions[ante]!;
    let stop = i + 1;
    let sector = a.sector;
    let code = a.code;
    let role: string | undefined;
    // "his administration": the person's government
    const next = this.spanAtWord[i + 1];
    if ((w.norm === 'his' || w.norm === 'her') && next && !w.breakAfter && this.c.lex.collectiveGovernment.has(primary(next).ref) && a.country && a.country !== 'IGO') {
      stop = next.end;
      sector = 'GOV';
      code = this.kb.actorCode(a.country, 'GOV');
      role = primary(next).ref;
    }
    const m = make(w.start, words[stop - 1]!.end, s, 'pronoun', a.ref, a.country, sector, code, 'coref', a.confidence * 0.75);
    m.antecedent = ante;
    if (role !== undefined) m.role = role;
    if (a.office !== undefined) m.office = a.office;
    if (a.former) m.former = true;
    const extra: { gender?: 'm' | 'f' | 'x'; key?: string } = { gender };
    // an unknown person's gender is learnt from the first pronoun that refers to them
    if (this.items[ante]!.gender === undefined) this.items[ante]!.gender = gender;
    const key = this.items[ante]!.key;
    if (key !== undefined) extra.key = key;
    this.push(m, extra);
    return stop;
  }

  /** "the two leaders", "both nations": the last two people or states. */
  private pair(i: number, s: number): number {
    const { words } = this;
    const end = this.sentEnd[s]!;
    if (i + 1 >= end || !this.c.lex.pairSeconds.has(words[i + 1]!.norm)) return i;
    const list = this.c.lex.pairs.get(words[i]!.norm);
    if (!list) return i;
    for (const p of list) {
      const n = p.words.length;
      if (i + n > end) continue;
      let ok = true;
      for (let k = 1; k < n && ok; k++) ok = words[i + k]!.norm === p.words[k] && !words[i + k - 1]!.breakAfter;
      if (!ok) continue;
      const ante = pairAntecedents(this.items, s, p.kind, (code) => ISO3_RE.test(code) && this.kb.countries.has(code));
      const members = [...new Set(ante.map((k) => this.mentions[k]!.country).filter((x) => ISO3_RE.test(x) && this.kb.countries.has(x)))].sort();
      const m = make(words[i]!.start, words[i + n - 1]!.end, s, 'group', 'pair', '', p.kind === 'person' ? 'GOV' : '', '', 'coref', ante.length === 2 ? 0.6 : 0.3);
      m.members = members;
      m.antecedents = ante;
      this.push(m, {});
      return i + n;
    }
    return i;
  }
}

const MONTH_CUES = new Set(['in', 'since', 'until', 'till', 'by', 'early', 'late', 'mid', 'of', 'last', 'next', 'this', 'from', 'through', 'during', 'end']);

/**
 * Every actor mention in an analysed text, resolved for the context's date
 * (see Mention). Pure; the knowledge base is compiled once and cached.
 */
export function resolveMentions(a: Analysis, ctx: ResolveContext, kb: KnowledgeBase = loadKnowledgeBase()): Mention[] {
  const c = compile(kb);
  const words = buildWords(a);
  return new DocResolver(a, words, ctx, c).run();
}

/**
 * For `entente actors lookup` and the eval: resolve `text`, alone or located
 * inside `context`. When the context does not contain the text, the text is
 * read as the next sentence after it ("the prime minister" after a sentence
 * naming Japan's). `mention` is the one covering most of the text.
 */
export function lookupActor(text: string, opts: { date?: string | null; context?: string }, kb: KnowledgeBase = loadKnowledgeBase()): { mention?: Mention; mentions: Mention[] } {
  const context = opts.context ?? '';
  let full: string;
  let from: number;
  const at = context ? context.indexOf(text) : -1;
  if (at >= 0) {
    full = context;
    from = at;
  } else if (context.trim()) {
    const sep = /[.!?]["'”’]?\s*$/.test(context) ? ' ' : '. ';
    full = context + sep + text;
    from = context.length + sep.length;
  } else {
    full = text;
    from = 0;
  }
  const to = from + text.length;
  const mentions = resolveMentions(analyze(full), { date: opts.date ?? null }, kb);
  let best: Mention | undefined;
  let bestOverlap = 0;
  for (const m of mentions) {
    const overlap = Math.min(m.end, to) - Math.max(m.start, from);
    if (overlap > bestOverlap || (overlap === bestOverlap && overlap > 0 && best && m.confidence > best.confidence)) {
      best = m;
      bestOverlap = overlap;
    }
  }
  return best ? { mention: best, mentions } : { mentions };
}
