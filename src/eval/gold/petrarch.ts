/**
 * Reader for PETRARCH validation XML: `<Sentence date= id= category=>` with
 * `<EventCoding sourcecode= targetcode= eventcode=/>` (or `noevents="True"`,
 * or `error="…"`), a `<Text>` that may span lines and a `<Parse>` that is
 * ignored (a Penn tree or a CoNLL-U block).
 *
 * Files in the wild are not well-formed XML, so this is a tolerant scanner,
 * not an XML parser: it takes CRLF line endings, a '#' header block outside
 * any comment, and a self-closed `<Sentence …/>` later closed by
 * `</Sentence>` (the content between belongs to the sentence).
 */
import { decodeXML } from 'entities';
import { message } from '../../messages.js';
import type { Message } from '../../types.js';

export interface PetrarchCoding {
  /** Actor codes as written (ARNGOV; a quoted literal such as "INJURY TOLL" stays quoted). */
  source: string;
  target: string;
  /** Event code as written: a CAMEO code such as 064, or a test code such as 174K. */
  code: string;
  /** First three letters of an actor code; '' for a quoted literal or an empty code. */
  sourceCountry: string;
  targetCountry: string;
  /** First two digits of the event code. */
  root: string;
  line: number;
}

export interface PetrarchSentence {
  id: string;
  /** ISO date from `date="YYYYMMDD"`. */
  date?: string;
  category?: string;
  text: string;
  events: PetrarchCoding[];
  /** The sentence is marked `noevents="True"`. */
  noEvents: boolean;
  /** Values of `<EventCoding error="…">`: the coder is expected to reject the sentence (dateline, storydiscard, …). */
  errors: string[];
  line: number;
}

export interface PetrarchGoldStats {
  sentences: number;
  events: number;
  noEventSentences: number;
  errorCodings: number;
  /** Self-closed `<Sentence …/>` tags whose content followed, up to `</Sentence>`. */
  selfClosedRepaired: number;
  /** '#' lines outside comments and <Text> that were skipped. */
  headerLines: number;
  skipped: number;
}

export interface PetrarchGoldResult {
  sentences: PetrarchSentence[];
  messages: Message[];
  stats: PetrarchGoldStats;
}

const SOURCE = 'eval';

/** Replace every character but line breaks with a space, so offsets and line numbers survive. */
function blank(s: string): string {
  return s.replace(/[^\n]/g, ' ');
}

function attributes(s: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of s.matchAll(/([A-Za-z_][\w:.-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    out[m[1]!.toLowerCase()] = decodeXML(m[2] ?? m[3] ?? '');
  }
  return out;
}

function actorCountry(code: string): string {
  return /^[A-Z]{3}/.test(code) ? code.slice(0, 3) : '';
}

/**
 * (source country, target country, root) or (…, full code) tuples of a
 * sentence's expected events, for P/R/F1.
 */
export function petrarchTuples(s: Pick<PetrarchSentence, 'events'>, level: 'root' | 'code'): [string, string, string][] {
  return s.events.map((e) => [e.sourceCountry, e.targetCountry, level === 'root' ? e.root : e.code]);
}

export function readPetrarchGold(input: string, origin = 'PETRARCH gold file'): PetrarchGoldResult {
  const messages: Message[] = [];
  const stats: PetrarchGoldStats = { sentences: 0, events: 0, noEventSentences: 0, errorCodings: 0, selfClosedRepaired: 0, headerLines: 0, skipped: 0 };

  let text = input.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const lineAt = (offset: number): number => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };

  // 1. Comments, then <Parse> blocks, are blanked: nothing in them is data.
  text = text.replace(/<!--[\s\S]*?(?:-->|$)/g, (m, offset: number) => {
    if (!m.endsWith('-->')) messages.push(message(SOURCE, 'petrarch-unclosed-comment', `PETRARCH gold ${origin}: comment never closed; ignored to the end`, 'warning', { line: lineAt(offset) }));
    return blank(m);
  });
  text = text.replace(/<Parse\b[^>]*>[\s\S]*?(?:<\/Parse\s*>|(?=<\/?Sentence\b)|$)/gi, blank);

  // 2. '#' lines outside <Text> (header blocks not inside a comment) are blanked.
  const textRanges = [...text.matchAll(/<Text\b[^>]*>[\s\S]*?<\/Text\s*>/gi)].map((m) => [m.index, m.index + m[0].length] as const);
  text = text.replace(/^[ \t]*#.*$/gm, (m, offset: number) => {
    if (textRanges.some(([a, b]) => offset >= a && offset < b)) return m;
    stats.headerLines++;
    return blank(m);
  });

  // 3. Sentences: from a <Sentence> tag to </Sentence>, or to the next <Sentence> / </Sentences> when unclosed.
  const starts = [...text.matchAll(/<Sentence\b([^>]*?)(\/?)>/gi)];
  const seen = new Set<string>();
  const sentences: PetrarchSentence[] = [];
  starts.forEach((m, k) => {
    const tagStart = m.index;
    const bodyStart = tagStart + m[0].length;
    const line = lineAt(tagStart);
    const nextStart = k + 1 < starts.length ? starts[k + 1]!.index : text.length;
    const rest = text.slice(bodyStart, nextStart);
    const close = /<\/Sentences?\s*>/i.exec(rest);
    const closedProperly = close !== null && /^<\/Sentence\s*>$/i.test(close[0]);
    const body = close ? rest.slice(0, close.index) : rest;
    const selfClosed = m[2] === '/';
    const attrs = attributes(m[1] ?? '');
    const id = attrs.id?.trim() || `line-${line}`;
    const warn = (ruleId: string, reason: string, severity: Message['severity'] = 'warning', at = line) =>
      messages.push(message(SOURCE, ruleId, `PETRARCH gold ${origin}: sentence ${id}: ${reason}`, severity, { line: at }));

    if (selfClosed) {
      if (body.trim() === '') {
        stats.skipped++;
        return warn('petrarch-empty-sentence', 'self-closed <Sentence/> with no content', 'error');
      }
      stats.selfClosedRepaired++;
      warn('petrarch-self-closed-sentence', `self-closed <Sentence …/> ${closedProperly ? 'later closed by </Sentence>' : 'followed by content'}; read the content as the sentence's`, 'info');
    } else if (!closedProperly) {
      warn('petrarch-unclosed-sentence', '<Sentence> not closed by </Sentence>; read up to the next sentence');
    }
    if (!attrs.id?.trim()) warn('petrarch-no-id', `no id attribute; using ${id}`);
    if (seen.has(id)) warn('petrarch-duplicate-id', 'id used by an earlier sentence');
    seen.add(id);

    const textMatch = /<Text\b[^>]*>([\s\S]*?)(?:<\/Text\s*>|(?=<)|$)/i.exec(body);
    const sentenceText = textMatch ? decodeXML(textMatch[1]!).replace(/\s+/g, ' ').trim() : '';
    if (!sentenceText) {
      stats.skipped++;
      return warn('petrarch-no-text', textMatch ? 'empty <Text>' : 'no <Text>', 'error');
    }
    if (textMatch && !/<\/Text\s*>$/i.test(textMatch[0])) warn('petrarch-unclosed-text', '<Text> not closed by </Text>', 'warning', lineAt(bodyStart + textMatch.index));

    const sentence: PetrarchSentence = { id, text: sentenceText, events: [], noEvents: false, errors: [], line };
    if (attrs.date !== undefined) {
      const d = /^(\d{4})(\d{2})(\d{2})$/.exec(attrs.date.trim());
      if (d) sentence.date = `${d[1]}-${d[2]}-${d[3]}`;
      else warn('petrarch-bad-date', `date "${attrs.date}" is not YYYYMMDD`);
    }
    if (attrs.category) sentence.category = attrs.category;

    for (const c of body.matchAll(/<EventCoding\b([^>]*?)\/?>/gi)) {
      const a = attributes(c[1] ?? '');
      const at = lineAt(bodyStart + c.index);
      if (a.noevents !== undefined) {
        if (/^true$/i.test(a.noevents.trim())) sentence.noEvents = true;
        continue;
      }
      if (a.error !== undefined) {
        sentence.errors.push(a.error);
        stats.errorCodings++;
        continue;
      }
      const code = (a.eventcode ?? '').trim();
      if (!/^\d{2}[0-9A-Za-z]{0,3}$/.test(code)) {
        warn('petrarch-bad-eventcode', a.eventcode === undefined ? '<EventCoding> without eventcode' : `eventcode "${a.eventcode}" is not an event code`, 'error', at);
        continue;
      }
      // PETRARCH's own tests use codes such as 174K: kept, since they are the expected output.
      if (!/^\d{2,4}$/.test(code)) warn('petrarch-noncameo-eventcode', `eventcode "${code}" is not a CAMEO code; kept as written`, 'info', at);
      const source = (a.sourcecode ?? '').trim();
      const target = (a.targetcode ?? '').trim();
      sentence.events.push({ source, target, code, sourceCountry: actorCountry(source), targetCountry: actorCountry(target), root: code.slice(0, 2), line: at });
    }
    if (sentence.noEvents && sentence.events.length) warn('petrarch-noevents-with-events', 'marked noevents but lists events');
    if (!sentence.noEvents && !sentence.events.length && !sentence.errors.length) warn('petrarch-no-coding', 'no <EventCoding>; read as no events');

    stats.sentences++;
    stats.events += sentence.events.length;
    if (sentence.noEvents) stats.noEventSentences++;
    sentences.push(sentence);
  });

  if (starts.length === 0) {
    messages.push(message(SOURCE, 'petrarch-no-sentences', `PETRARCH gold ${origin}: no <Sentence> elements`, 'error', { line: 1 }));
  }
  return { sentences, messages, stats };
}
