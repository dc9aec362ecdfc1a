/**
 * Direct quotations and who said them, over a wink-nlp analysis and the
 * resolver's mentions of one text field. Pure.
 *
 * Quotation marks are paired within a line (the cleaner has straightened
 * them), so a quotation of several sentences is kept whole. The speaker is
 * found, in order, from: a handle line (`- @Name: "…"`); the words after the
 * closing mark (`"…," X said`, `"…," said X`, `"…," he added`); the last
 * speech verb before the opening mark and its subject (`X said, "…"`,
 * `X remarked, "…"`, `X, who …, said "…"`, `X dismissed it as "…"`, the
 * partial quotes); `according to X` on either side. A short Title-Case span
 * after "on", "'s" and the like is the name of a show or a slogan ("Meet the
 * Press", "America First"), never a quotation.
 */
import type { Analysis, Token } from '../nlp/analyze.js';
import { findCues, voiceCues, type VoiceCues } from './data.js';
import { scoreTokens, type Span } from './tone.js';
import { toneLexicon, type ToneLexicon } from './data.js';

/** The parts of a resolver mention (or a stored one) this stage reads. */
export interface QuoteMention {
  start: number;
  end: number;
  text: string;
  sentence: number;
  kind: string;
  code: string;
  country: string;
  ref?: string;
  location?: boolean;
  antecedent?: number;
  /** Role noun or title as written ("ministry", "prime minister"). */
  role?: string;
}

export type Stance = 'supportive' | 'critical' | 'neutral';
export type ReactionStance = 'optimistic' | 'sceptical' | 'supportive' | 'critical' | 'neutral';

export interface QuoteActor {
  text: string;
  kind: string;
  code: string;
  country: string;
  ref?: string;
  /** Offsets of the mention in the field text. */
  start: number;
  end: number;
}

export interface QuoteAbout extends QuoteActor {
  stance: Stance;
  /** Tone (−4…+4) of the words that decided the stance. */
  tone: number;
}

export type Attribution = 'handle' | 'after' | 'before' | 'relative' | 'according-to' | 'subject' | 'continuation';

export interface Quote {
  /** Offsets of the quoted words (inside the marks) in the field text. */
  start: number;
  end: number;
  text: string;
  words: number;
  /** Sentence index (in the analysis) where the quotation opens. */
  sentence: number;
  /** A few words quoted inside the writer's own sentence ("dismissed it as "not realistic""). */
  partial: boolean;
  speaker?: QuoteActor;
  /** How the speaker was found. */
  via?: Attribution;
  /** The speech verb as written, when one decided the speaker. */
  verb?: string;
  /** Tone of the quoted words (−4…+4). */
  tone: number;
  stance: Stance;
  /** Actors the quotation is about, with the stance toward each. */
  about: QuoteAbout[];
  /** For posts by handles: the reaction's stance. */
  reaction?: ReactionStance;
}

export interface QuoteOptions {
  /** Actor the text is about, used as the target of a reaction that names nobody. */
  subject?: QuoteActor;
  cues?: VoiceCues;
  lexicon?: ToneLexicon;
}

const SMALL_WORDS = new Set(['the', 'of', 'a', 'an', 'and', 'to', 'in', 'on', 'for', 'at', 'by', 'with', 'or', 'from', 'de', 'la']);
const HANDLE_LEAD = /(?:^|\n)[ \t]*(?:[-–•*][ \t]*)?(@[A-Za-z0-9_]{1,30})[ \t]*:[ \t]*$/;
const STANCE_THRESHOLD = 0.75;

function stanceOf(tone: number): Stance {
  return tone >= STANCE_THRESHOLD ? 'supportive' : tone <= -STANCE_THRESHOLD ? 'critical' : 'neutral';
}

/** Pairs of quotation-mark offsets [open, close], paired within each line. */
export function quoteMarks(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let lineStart = 0;
  for (const line of text.split('\n')) {
    const marks: number[] = [];
    for (let i = 0; i < line.length; i++) if (line[i] === '"') marks.push(lineStart + i);
    for (let k = 0; k + 1 < marks.length; k += 2) out.push([marks[k]!, marks[k + 1]!]);
    lineStart += line.length + 1;
  }
  return out;
}

/** "Meet the Press", "America First": a short span with every content word capitalised. */
export function isTitleCase(content: string, maxWords: number): boolean {
  const words = content.replace(/[.,!?;:]+$/, '').trim().split(/\s+/).filter((w) => /\p{L}/u.test(w));
  if (words.length === 0 || words.length > maxWords) return false;
  return words.every((w, i) => /^\p{Lu}/u.test(w) || (i > 0 && SMALL_WORDS.has(w.toLowerCase())));
}

function tokensIn(tokens: readonly Token[], start: number, end: number): Token[] {
  // Tokens are sorted by offset: binary search the first one, then walk.
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid]!.start < start) lo = mid + 1;
    else hi = mid;
  }
  const out: Token[] = [];
  for (let i = lo; i < tokens.length && tokens[i]!.end <= end; i++) out.push(tokens[i]!);
  return out;
}

const isWordToken = (t: Token): boolean => /[\p{L}\p{N}]/u.test(t.text);

function actorOf(m: QuoteMention, mentions: readonly QuoteMention[]): QuoteActor {
  // A pronoun speaks for its antecedent: show the name, keep the pronoun's place.
  const ante = m.kind === 'pronoun' && m.antecedent !== undefined ? mentions[m.antecedent] : undefined;
  const a: QuoteActor = { text: ante?.text ?? m.text, kind: ante?.kind ?? m.kind, code: m.code || ante?.code || '', country: m.country || ante?.country || '', start: m.start, end: m.end };
  const ref = ante?.ref ?? m.ref;
  if (ref !== undefined) a.ref = ref;
  return a;
}

function isSpeechVerb(t: Token, cues: VoiceCues): boolean {
  return (cues.speechVerbs.has(t.lemma.toLowerCase()) || cues.speechVerbs.has(t.lower)) && (t.pos === 'VERB' || t.pos === 'AUX');
}

function mentionStartingAt(mentions: readonly QuoteMention[], t: Token): QuoteMention | undefined {
  return mentions.find((m) => m.start <= t.start && t.start < m.end && !m.location);
}

function mentionEndingAt(mentions: readonly QuoteMention[], t: Token): QuoteMention | undefined {
  return mentions.find((m) => m.end === t.end && !m.location);
}

interface Found {
  speaker: QuoteMention;
  via: Attribution;
  verb?: string;
  /** The speech verb token before the quotation (its object lies between it and the quotation). */
  verbToken?: Token;
}

/** `"…," X said` / `"…," said X` / `"…," he added`; `they said` goes to `earlier()`, the subject of the sentence before. */
function fromTail(tail: readonly Token[], mentions: readonly QuoteMention[], cues: VoiceCues, earlier: () => QuoteMention | undefined): Found | undefined {
  let i = 0;
  while (i < tail.length && !isWordToken(tail[i]!)) i++;
  const t0 = tail[i];
  if (!t0) return undefined;
  const m = mentionStartingAt(mentions, t0);
  if (m) {
    let k = i;
    while (k < tail.length && tail[k]!.end <= m.end) k++;
    while (k < tail.length && cues.adverbs.has(tail[k]!.lower)) k++;
    const v = tail[k];
    if (v && isSpeechVerb(v, cues)) return { speaker: m, via: 'after', verb: v.text };
    return fromAppositive(tail, i, mentions, cues);
  }
  if (t0.pos === 'PRON' && /^(?:they|she|he)$/.test(t0.lower)) {
    let k = i + 1;
    while (k < tail.length && cues.adverbs.has(tail[k]!.lower)) k++;
    const v = tail[k];
    const m = v && isSpeechVerb(v, cues) ? earlier() : undefined;
    if (m) return { speaker: m, via: 'after', verb: v!.text };
    return undefined;
  }
  if (isSpeechVerb(t0, cues)) {
    const next = tail[i + 1];
    const m2 = next ? mentionStartingAt(mentions, next) : undefined;
    if (m2) return { speaker: m2, via: 'after', verb: t0.text };
  }
  const appositive = fromAppositive(tail, i, mentions, cues);
  if (appositive) return appositive;
  // "…," Short told CNN / "…," attorney Arnold Reed told reporters: a name the resolver did not take, right
  // before the speech verb, after at most two lower-case title words.
  let n = i;
  while (n < i + 2 && tail[n]?.pos === 'NOUN' && /^\p{Ll}/u.test(tail[n]!.text)) n++;
  const first = tail[n];
  if (first && first.pos === 'PROPN' && /^\p{Lu}/u.test(first.text)) {
    const i = n;
    let e = i;
    while (e + 1 < tail.length && tail[e + 1]!.pos === 'PROPN' && e - i < 3) e++;
    const v = tail[e + 1];
    if (v && isSpeechVerb(v, cues)) {
      const run = tail.slice(i, e + 1);
      return { speaker: { start: run[0]!.start, end: run.at(-1)!.end, text: run.map((t) => t.text).join(' '), sentence: run[0]!.sentence, kind: 'unknown-person', code: '', country: '' }, via: 'after', verb: v.text };
    }
  }
  // "…," the ministry said: an unnamed speaker, resolved to the last actor named with that word.
  let k = i;
  while (k < tail.length && k - i < 4 && /^(?:DET|ADJ|NOUN|PROPN)$/.test(tail[k]!.pos) && !isSpeechVerb(tail[k]!, cues)) k++;
  const head = tail[k - 1];
  if (k > i && head && cues.speakerNouns.has(head.lower)) {
    let j = k;
    while (j < tail.length && cues.adverbs.has(tail[j]!.lower)) j++;
    const v = tail[j];
    if (v && isSpeechVerb(v, cues)) {
      const before = mentions.filter((m) => m.end <= tail[0]!.start && !m.location && m.code && (m.text.toLowerCase().includes(head.lower) || m.role?.toLowerCase().split(/\s+/).includes(head.lower)));
      const np = { start: tail[i]!.start, end: head.end, text: tail.slice(i, k).map((t) => t.text).join(' '), sentence: head.sentence, kind: 'unresolved', code: '', country: '' };
      const ante = before.at(-1);
      return { speaker: ante ? { ...np, kind: ante.kind, code: ante.code, country: ante.country, text: ante.text, ...(ante.ref !== undefined ? { ref: ante.ref } : {}) } : np, via: 'after', verb: v.text };
    }
  }
  return undefined;
}

const APPOSITIVE_SPAN = 16;

/**
 * `"…," Meadows, chairman of the House Freedom Caucus, said` and `"…," ACU's
 * managing director, Alex Copson, wrote`: a speech verb within a few words
 * after the quotation, reached across one comma-delimited aside; the speaker
 * is the first person named before it, else the first actor.
 */
function fromAppositive(tail: readonly Token[], i: number, mentions: readonly QuoteMention[], cues: VoiceCues): Found | undefined {
  let v = -1;
  let commas = 0;
  for (let k = i; k < tail.length && k < i + APPOSITIVE_SPAN; k++) {
    const t = tail[k]!;
    if (t.text === '.' || t.text === ';' || t.text === '"') return undefined;
    if (t.text === ',') commas++;
    if (isSpeechVerb(t, cues)) {
      v = k;
      break;
    }
    // A verb before the aside ends the attribution, unless it modifies a noun ("managing director").
    if ((t.pos === 'VERB' || t.pos === 'AUX') && commas === 0 && tail[k + 1]?.pos !== 'NOUN') return undefined;
  }
  if (v < 0 || commas === 0 || tail[v - 1]?.text !== ',') return undefined;
  const before = mentions.filter((m) => m.start >= tail[i]!.start && m.end <= tail[v]!.start && !m.location && m.kind !== 'pronoun');
  const person = before.find((m) => m.kind === 'person' || m.kind === 'unknown-person');
  if (person) return { speaker: person, via: 'after', verb: tail[v]!.text };
  // A name the knowledge base does not hold: the first run of proper nouns closed by the aside's comma
  // ("ACU's managing director, Alex Copson, wrote"), else the first actor named.
  const inMention = (t: Token): boolean => before.some((m) => t.start >= m.start && t.end <= m.end);
  for (let k = i; k < v; k++) {
    if (tail[k]!.pos !== 'PROPN' || inMention(tail[k]!) || (k > i && tail[k - 1]!.pos === 'PROPN')) continue;
    let e = k;
    while (e + 1 < v && tail[e + 1]!.pos === 'PROPN') e++;
    if (tail[e + 1]?.text === ',') {
      const run = tail.slice(k, e + 1);
      return { speaker: { start: run[0]!.start, end: run.at(-1)!.end, text: run.map((t) => t.text).join(' '), sentence: run[0]!.sentence, kind: 'unknown-person', code: '', country: '' }, via: 'after', verb: tail[v]!.text };
    }
  }
  return before[0] ? { speaker: before[0], via: 'after', verb: tail[v]!.text } : undefined;
}

/** The subject of the clause in `lead[0..k)`: the first actor no preposition governs and no possessive qualifies. */
function clauseSubject(lead: readonly Token[], k: number, mentions: readonly QuoteMention[]): QuoteMention | undefined {
  for (let j = 0; j < k; j++) {
    const m = mentionStartingAt(mentions, lead[j]!);
    if (!m || m.start !== lead[j]!.start) continue;
    // Governed by a preposition, possibly across determiners and adjectives ("In a Fox News interview").
    let p = j - 1;
    while (p >= 0 && /^(?:DET|ADJ|NUM)$/.test(lead[p]!.pos)) p--;
    if (p >= 0 && lead[p]!.pos === 'ADP') continue;
    const end = lead.findIndex((t) => t.end === m.end);
    const after = lead[end + 1];
    if (after && (after.text === "'s" || after.text === "'")) continue;
    return m;
  }
  return undefined;
}

/** `according to X` within the tokens. */
function fromSource(tokens: readonly Token[], mentions: readonly QuoteMention[], cues: VoiceCues): Found | undefined {
  const words = tokens.map((t) => t.lower);
  for (const hit of findCues(words, cues.sourcePhrases)) {
    const next = tokens[hit.at + hit.length];
    const m = next ? mentionStartingAt(mentions, next) : undefined;
    if (m) return { speaker: m, via: 'according-to' };
  }
  return undefined;
}

/** The last speech verb before the quotation and its subject. */
function fromLead(lead: readonly Token[], mentions: readonly QuoteMention[], cues: VoiceCues): Found | undefined {
  let v = -1;
  for (let i = lead.length - 1; i >= 0; i--) {
    if (isSpeechVerb(lead[i]!, cues)) {
      v = i;
      break;
    }
  }
  if (v < 0) return undefined;
  const verb = lead[v]!.text;
  const verbToken = lead[v]!;
  // Inverted: `said Geragos, "…"`.
  const afterVerb = lead[v + 1] ? mentionStartingAt(mentions, lead[v + 1]!) : undefined;
  if (afterVerb && afterVerb.kind !== 'pronoun' && lead.slice(v + 1).every((t) => t.end <= afterVerb.end || t.text === ',' || t.text === ':')) return { speaker: afterVerb, via: 'before', verb, verbToken };
  let k = v - 1;
  while (k >= 0 && (cues.adverbs.has(lead[k]!.lower) || lead[k]!.pos === 'ADV')) k--;
  const before = lead[k];
  if (!before) return undefined;
  if (before.lower === 'who' || before.lower === 'which') {
    let j = k - 1;
    if (lead[j]?.text === ',') j--;
    const m = lead[j] ? mentionEndingAt(mentions, lead[j]!) : undefined;
    if (m) return { speaker: m, via: 'relative', verb, verbToken };
  }
  const direct = mentionEndingAt(mentions, before);
  if (direct) return { speaker: direct, via: 'before', verb, verbToken };
  if (before.text === ',') {
    // "X, who travelled to Beijing to meet Y, announced": the actor before the opening ", who".
    for (let j = k - 1; j > 0; j--) {
      if ((lead[j]!.lower === 'who' || lead[j]!.lower === 'which') && lead[j - 1]!.text === ',') {
        const m = lead[j - 2] ? mentionEndingAt(mentions, lead[j - 2]!) : undefined;
        if (m) return { speaker: m, via: 'relative', verb, verbToken };
        break;
      }
    }
  }
  // The clause's subject: the first actor before the verb that no preposition governs.
  const subject = clauseSubject(lead, k, mentions);
  return subject ? { speaker: subject, via: 'subject', verb, verbToken } : undefined;
}

/** ", adding that …" / ", saying …": a speech participle after a comma. */
function participleLead(lead: readonly Token[], cues: VoiceCues): boolean {
  for (let i = lead.length - 1; i > 0; i--) {
    const t = lead[i]!;
    if ((cues.speechVerbs.has(t.lemma.toLowerCase()) || cues.speechVerbs.has(t.lower)) && t.lower.endsWith('ing')) return lead[i - 1]!.text === ',';
  }
  return false;
}

/** The stance of a post by a handle: optimistic, sceptical, supportive or critical. */
export function reactionStance(text: string, tokens: readonly Token[], tone: number, cues: VoiceCues = voiceCues()): ReactionStance {
  const words = tokens.map((t) => t.lower);
  const count = (cs: VoiceCues['doubt']): number => findCues(words, cs).length + (cs === cues.doubt && text.includes('?') && !words.includes('?') ? 1 : 0);
  const doubt = count(cues.doubt);
  const hope = count(cues.hope);
  const endorse = count(cues.endorse);
  if (doubt > 0 && doubt >= endorse && tone > -2.5) return 'sceptical';
  if (tone <= -1.5 && endorse === 0) return 'critical';
  if (endorse > hope && tone >= 0) return 'supportive';
  if (hope > 0 && tone >= 0) return 'optimistic';
  if (tone >= STANCE_THRESHOLD) return 'supportive';
  if (tone <= -STANCE_THRESHOLD) return 'critical';
  return doubt > 0 ? 'sceptical' : 'neutral';
}

/**
 * Every quotation of an analysed text with its speaker, the actors it is
 * about and its stance. `mentions` are the resolver's mentions of the same
 * text (offsets into `a.text`).
 */
export function findQuotes(a: Analysis, mentions: readonly QuoteMention[], opts: QuoteOptions = {}): Quote[] {
  const cues = opts.cues ?? voiceCues();
  const lex = opts.lexicon ?? toneLexicon();
  const text = a.text;
  const marks = quoteMarks(text);
  const quoted: Span[] = marks.map(([o, c]) => ({ start: o, end: c + 1 }));
  const outsideQuotes = (t: Token): boolean => !quoted.some((q) => t.start >= q.start && t.end <= q.end);
  const neutral: Span[] = mentions.map((m) => ({ start: m.start, end: m.end }));
  const out: Quote[] = [];
  let last: { found: Found; sentence: number; line: number } | undefined;
  for (const [o, c] of marks) {
    const raw = text.slice(o + 1, c);
    const start = o + 1 + (raw.length - raw.trimStart().length);
    const end = c - (raw.length - raw.trimEnd().length);
    const content = text.slice(start, end);
    const inner = tokensIn(a.tokens, start, end);
    const words = inner.filter(isWordToken).length;
    if (words === 0) continue;
    const lineStart = text.lastIndexOf('\n', o) + 1;
    const lineEndRaw = text.indexOf('\n', c);
    const lineEnd = lineEndRaw < 0 ? text.length : lineEndRaw;
    const openSentence = a.sentences.find((s) => s.start <= o && o < s.end) ?? a.sentences.find((s) => s.start > o);
    const closeSentence = a.sentences.find((s) => s.start <= c && c < s.end) ?? openSentence;
    const leadStart = Math.max(lineStart, openSentence && openSentence.start <= o ? openSentence.start : lineStart);
    const tailEnd = Math.min(lineEnd, closeSentence ? Math.max(closeSentence.end, c + 1) : lineEnd);
    const leadAll = tokensIn(a.tokens, leadStart, o);
    const lead = leadAll.filter(outsideQuotes);
    const tail = tokensIn(a.tokens, c + 1, tailEnd).filter(outsideQuotes);
    const leadTokenBefore = leadAll.at(-1);
    // Names of shows, books, slogans: a short Title-Case span after "on", "'s", "show"…, or with no speech around it.
    if (isTitleCase(content, cues.maxTitleWords)) {
      const prev = leadTokenBefore?.lower ?? '';
      if (cues.titleLeads.has(prev) || words <= 3) continue;
    }
    const handle = HANDLE_LEAD.exec(text.slice(lineStart, o));
    let found: Found | undefined;
    if (handle) {
      const hs = lineStart + handle.index + handle[0].indexOf(handle[1]!);
      const m = mentions.find((x) => x.kind === 'handle' && x.start === hs) ?? { start: hs, end: hs + handle[1]!.length, text: handle[1]!, sentence: openSentence?.index ?? 0, kind: 'handle', code: '', country: '', ref: handle[1]! };
      found = { speaker: m, via: 'handle' };
    }
    const leadText = text.slice(leadStart, o).trim();
    const earlier = (): QuoteMention | undefined => {
      const prev = openSentence ? a.sentences[openSentence.index - 1] : undefined;
      if (!prev) return undefined;
      const toks = tokensIn(a.tokens, prev.start, prev.end);
      return clauseSubject(toks, toks.length, mentions);
    };
    found ??= fromTail(tail, mentions, cues, earlier);
    // ", adding that India "…"": a participle goes on with the speaker of the quotation before it in the sentence.
    if (!found && last && last.sentence === openSentence?.index && participleLead(lead, cues)) found = last.found;
    found ??= fromLead(lead, mentions, cues) ?? fromSource([...lead, ...tail], mentions, cues);
    // "he put the onus on Kyiv: "…"": a colon hands the quotation to the clause's subject.
    if (!found && leadText.endsWith(':')) {
      const m = clauseSubject(lead, lead.length, mentions);
      if (m) found = { speaker: m, via: 'subject' };
    }
    // A quotation that opens its own sentence right after an attributed one in the same paragraph, with no
    // speaker of its own, goes on with it.
    if (!found && last && last.line === lineStart && leadText === '') found = { ...last.found, via: 'continuation' };
    // Only the quotation right before can be continued: an unattributed one breaks the chain.
    last = found && openSentence ? { found, sentence: closeSentence?.index ?? openSentence.index, line: lineStart } : undefined;
    const partial = !handle && !(leadText === '' || /[,:]$/.test(leadText)) || (!/^[\p{Lu}\d'"]/u.test(content) && !handle);
    const innerFirst = inner[0] ? a.tokens.indexOf(inner[0]) : 0;
    const innerLast = inner.at(-1) ? a.tokens.indexOf(inner.at(-1)!) : -1;
    const toneInside = innerLast >= innerFirst ? scoreTokens(a.tokens, innerFirst, innerLast, [], lex).tone : 0;
    const q: Quote = { start, end, text: content, words, sentence: openSentence?.index ?? 0, partial, tone: toneInside, stance: stanceOf(toneInside), about: [] };
    if (found) {
      q.speaker = actorOf(found.speaker, mentions);
      q.via = found.via;
      if (found.verb) q.verb = found.verb;
    }
    q.about = aboutActors(a, mentions, q, found, { start, end }, framingOf(tail), lex, neutral, opts.subject);
    if (handle) q.reaction = reactionStance(content, inner, toneInside, cues);
    out.push(q);
  }
  return out;
}

/** The writer's framing after a quotation: its first clause ("placing the blame on Ukraine", not "and signalling …"). */
function framingOf(tail: readonly Token[]): Token[] {
  const out: Token[] = [];
  for (const t of tail) {
    if (out.some(isWordToken) && (t.lower === 'and' || t.text === ';' || t.text === '.')) break;
    out.push(t);
  }
  return out;
}

/**
 * The actors a quotation is about: those named inside it (stance from the
 * tone of the quoted sentence naming them), else those named after it in the
 * writer's framing of the same sentence ("placing the blame on Ukraine"),
 * else the text's subject for a post by a handle.
 */
function aboutActors(
  a: Analysis,
  mentions: readonly QuoteMention[],
  q: Quote,
  found: Found | undefined,
  span: Span,
  tail: readonly Token[],
  lex: ToneLexicon,
  neutral: readonly Span[],
  subject: QuoteActor | undefined,
): QuoteAbout[] {
  const speaker = found?.speaker;
  const speakerKey = speaker ? speaker.ref ?? speaker.text : undefined;
  const seen = new Set<string>();
  const out: QuoteAbout[] = [];
  const add = (m: QuoteMention | QuoteActor, tone: number): void => {
    const actor = 'sentence' in m ? actorOf(m, mentions) : m;
    const key = actor.code || actor.ref || actor.text.toLowerCase();
    if (!key || seen.has(key)) return;
    if (speakerKey !== undefined && (actor.ref ?? actor.text) === speakerKey) return;
    seen.add(key);
    out.push({ ...actor, stance: stanceOf(tone), tone });
  };
  const inside = mentions.filter((m) => m.start >= span.start && m.end <= span.end && !m.location && (m.code || m.kind === 'handle'));
  for (const m of inside) {
    const s = a.sentences[m.sentence];
    const first = a.tokens.findIndex((t) => t.start >= Math.max(span.start, s?.start ?? 0));
    let last = first;
    while (last + 1 < a.tokens.length && a.tokens[last + 1]!.end <= Math.min(span.end, s?.end ?? span.end)) last++;
    const tone = first >= 0 ? scoreTokens(a.tokens, first, last, neutral, lex).tone : q.tone;
    add(m, tone);
  }
  // A partial quotation's object sits between the verb and the quotation ("dismissed Ukraine's aspirations … as "…"").
  if (out.length === 0 && found?.verbToken && found.verbToken.end <= span.start) {
    const first = a.tokens.indexOf(found.verbToken);
    let last = first;
    while (last + 1 < a.tokens.length && a.tokens[last + 1]!.end <= span.end) last++;
    const tone = scoreTokens(a.tokens, first, last, neutral, lex).tone;
    for (const m of mentions) if (m.start >= found.verbToken.end && m.end <= span.start && m.code && !m.location && m !== speaker) add(m, tone);
  }
  if (out.length === 0 && tail.length) {
    const first = a.tokens.indexOf(tail[0]!);
    const last = a.tokens.indexOf(tail.at(-1)!);
    const framing = scoreTokens(a.tokens, first, last, neutral, lex).tone;
    for (const m of mentions) if (m.start >= tail[0]!.start && m.end <= tail.at(-1)!.end && m.code && !m.location && m !== speaker) add(m, Math.abs(framing) > Math.abs(q.tone) ? framing : q.tone);
  }
  if (out.length === 0 && subject && speaker?.kind === 'handle') add(subject, q.tone);
  return out;
}
