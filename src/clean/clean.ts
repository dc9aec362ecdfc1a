import type { Article, DateBasis, Message, RawDoc, Removed } from '../types.js';
import { message } from '../messages.js';
import { hashWords, simhash, textHash } from '../dedup/fingerprint.js';
import { normalizeText, wordCount } from './normalize.js';
import { defaultBoilerplate, type CompiledBoilerplate } from './rules.js';
import { normalizeDate } from './date.js';
import { detectLanguage } from './language.js';
import { isHeadlineLike, titleCaseRatio } from './headline.js';
import { sentenceCount } from './sentences.js';

export interface CleanOptions {
  rules?: CompiledBoilerplate;
  /** ISO date from `--date`: used for articles that carry none. */
  date?: string;
  /** Outlet from `--outlet`: overrides what the text says. */
  outlet?: string;
}

interface Line {
  text: string;
  /** Rule that removed it; undefined while kept. */
  removedBy?: string;
  role?: 'title' | 'dek' | 'related';
}

interface Found {
  outlets: Array<{ name: string; basis: string }>;
  dates: Array<{ raw: string; basis: DateBasis }>;
}

const TERMINAL = /[.;,:]$/;
/** No rule fires on more than 40 words; 40 words of news text never take 600 characters. */
const MAX_RULE_CHARS = 600;

function stripClosingQuotes(s: string): string {
  return s.replace(/["')\]]+$/, '');
}

/** A captured outlet name must look like a name: capitalised, at most six words, not a pronoun phrase. */
function brandName(captured: string | undefined): string | undefined {
  const name = captured?.trim().replace(/[.,:;!]+$/, '');
  if (!name || name.split(/\s+/).length > 6) return undefined;
  if (!/^[\p{Lu}\p{N}]/u.test(name) && !/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(name)) return undefined;
  if (/^(us|our|me|my|this|the (app|site|newsletter))\b/i.test(name)) return undefined;
  return name;
}

function applyLineRules(lines: Line[], rules: CompiledBoilerplate, found: Found): void {
  const authorHeadings: number[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!line.text || line.removedBy) continue;
    // Long lines are prose: no rule applies (a cheap bound before counting words).
    if (line.text.length > MAX_RULE_CHARS) continue;
    const words = wordCount(line.text);
    for (const rule of rules.lineRules) {
      if (words > rule.maxWords) continue;
      const match = rule.patterns.map((p) => p.exec(line.text)).find((m) => m !== null);
      if (!match) continue;
      line.removedBy = rule.id;
      const outlet = brandName(match.groups?.['outlet']);
      if (outlet) found.outlets.push({ name: outlet, basis: rule.id });
      const promoted = brandName(match.groups?.['promoted']);
      if (promoted) found.outlets.push({ name: promoted, basis: 'promotion' });
      const date = match.groups?.['date']?.trim();
      if (date) found.dates.push({ raw: date, basis: 'dateline' });
      if (rule.id === 'source-reference') removeReferenceDomains(lines, i, rules, found, !outlet);
      if (rule.id === 'author-box') authorHeadings.push(i);
      break;
    }
  }
  for (const i of authorHeadings) removeAuthorBio(lines, i);
}

/** `Reference(s):` followed by domain lines: the domains are the article's source. */
function removeReferenceDomains(lines: Line[], at: number, rules: CompiledBoilerplate, found: Found, record: boolean): void {
  for (let j = at + 1; j < lines.length; j++) {
    const next = lines[j]!;
    if (!next.text) continue;
    if (!rules.referenceDomainLine.test(next.text)) return;
    next.removedBy = 'source-reference';
    if (record) found.outlets.push({ name: next.text.replace(/^www\./i, '').replace(/\/$/, ''), basis: 'source-reference' });
  }
}

/** The short bio lines right under an "About the author" heading, up to the next blank line. */
function removeAuthorBio(lines: Line[], at: number): void {
  let taken = 0;
  for (let j = at + 1; j < lines.length && taken < 2; j++) {
    const next = lines[j]!;
    if (!next.text || next.removedBy) return;
    if (wordCount(next.text) > 60) return;
    next.removedBy = 'author-box';
    taken++;
  }
}

function lineKey(s: string): string {
  return s.toLowerCase().replace(/\s+/g, ' ');
}

/** A line printed twice (a repeated title, a pull quote) keeps its first copy. */
function collapseDuplicates(lines: Line[]): void {
  const seen = new Set<string>();
  let previous: string | undefined;
  for (const line of lines) {
    if (!line.text || line.removedBy) continue;
    const key = lineKey(line.text);
    if (!key) continue;
    if (key === previous || (wordCount(line.text) >= 4 && seen.has(key))) line.removedBy = 'duplicate-line';
    else {
      seen.add(key);
      previous = key;
    }
  }
}

function kept(lines: Line[]): Line[] {
  return lines.filter((l) => l.text && !l.removedBy && !l.role);
}

/**
 * A trailing list of short headline-like lines is a list of related stories.
 * It must follow a blank line or be at least three lines long, be mostly in
 * Title Case unless it stands apart after a blank line, and leave a body.
 */
function splitRelated(lines: Line[]): string[] {
  let end = lines.length - 1;
  while (end >= 0 && (!lines[end]!.text || lines[end]!.removedBy)) end--;
  const block: Line[] = [];
  let i = end;
  for (; i >= 0; i--) {
    const line = lines[i]!;
    if (line.removedBy) continue;
    if (!line.text) continue;
    if (!isHeadlineLike(line.text)) break;
    block.unshift(line);
  }
  if (block.length < 2) return [];
  // Was the block set apart from the body by a blank line?
  const first = lines.indexOf(block[0]!);
  let gap = false;
  for (let j = first - 1; j >= 0; j--) {
    const l = lines[j]!;
    if (l.removedBy) continue;
    gap = !l.text;
    break;
  }
  const body = kept(lines).filter((l) => !block.includes(l));
  if (body.length === 0) return [];
  const titleCase = block.reduce((s, l) => s + titleCaseRatio(l.text), 0) / block.length;
  if (!(gap && (block.length >= 3 || titleCase >= 0.6)) && !(block.length >= 3 && titleCase >= 0.7)) return [];
  for (const l of block) l.role = 'related';
  return block.map((l) => l.text);
}


function detectTitle(lines: Line[], given: string | undefined): { title: string; dek?: string } {
  const body = kept(lines);
  let title = given ? normalizeText(given).replace(/\s+/g, ' ').trim() : '';
  let titleLine: Line | undefined;
  if (title) {
    const key = lineKey(title);
    const first = body[0];
    if (first && body.length > 1 && lineKey(first.text) === key) {
      first.removedBy = 'duplicate-title';
      titleLine = first;
    }
  } else {
    titleLine = body.slice(0, 2).find((l) => {
      if (l.text.length > 300) return false;
      const words = wordCount(l.text);
      return words >= 2 && words <= 30 && !TERMINAL.test(stripClosingQuotes(l.text)) && sentenceCount(l.text) <= 1;
    });
    if (titleLine && body.length > 1) {
      titleLine.role = 'title';
      title = titleLine.text;
    } else titleLine = undefined;
  }
  if (!titleLine) return { title };
  const rest = kept(lines);
  const after = rest.find((l) => lines.indexOf(l) > lines.indexOf(titleLine));
  if (!after || rest.length < 2 || after === rest[rest.length - 1]) return { title };
  const words = after.text.length > 300 ? Infinity : wordCount(after.text);
  if (words >= 6 && words <= 25 && sentenceCount(after.text) <= 1) {
    const next = rest[rest.indexOf(after) + 1];
    if (next && wordCount(next.text) > words) {
      after.role = 'dek';
      return { title, dek: after.text };
    }
  }
  return { title };
}

function findDateline(lines: Line[], rules: CompiledBoilerplate, found: Found): void {
  for (const line of kept(lines).slice(0, 3)) {
    for (const p of rules.datelinePatterns) {
      const m = p.exec(line.text);
      if (!m) continue;
      const outlet = m.groups?.['outlet']?.trim();
      if (outlet) found.outlets.push({ name: outlet, basis: 'dateline' });
      const date = m.groups?.['date']?.trim();
      if (date) found.dates.push({ raw: date, basis: 'dateline' });
      return;
    }
  }
}

const OUTLET_PRIORITY = ['self-promotion', 'source-reference', 'dateline', 'promotion'];

function chooseOutlet(raw: RawDoc, opts: CleanOptions, found: Found, messages: Message[]): { outlet?: string; basis?: string } {
  if (opts.outlet) return { outlet: opts.outlet, basis: 'flag' };
  const candidates = [...found.outlets].sort((a, b) => OUTLET_PRIORITY.indexOf(a.basis) - OUTLET_PRIORITY.indexOf(b.basis));
  if (raw.hints.outlet) candidates.unshift({ name: raw.hints.outlet, basis: raw.hints.outletBasis ?? 'meta' });
  const best = candidates[0];
  if (!best) return {};
  const others = [...new Set(candidates.slice(1).map((c) => c.name))].filter((n) => n.toLowerCase() !== best.name.toLowerCase());
  if (others.length) messages.push(message('clean', 'outlet-alternatives', `outlet taken as "${best.name}" (${best.basis}); the text also names ${others.map((o) => `"${o}"`).join(', ')}`, 'info'));
  return { outlet: best.name, basis: best.basis };
}

function chooseDate(raw: RawDoc, opts: CleanOptions, found: Found, messages: Message[]): { published?: string; basis: DateBasis } {
  const candidates: Array<{ raw: string; basis: DateBasis }> = [];
  if (raw.hints.date) candidates.push({ raw: raw.hints.date, basis: (raw.hints.dateBasis as DateBasis | undefined) ?? 'meta' });
  candidates.push(...found.dates);
  const ref = opts.date ? new Date(`${opts.date}T12:00:00Z`) : undefined;
  for (const c of candidates) {
    const iso = normalizeDate(c.raw, ref);
    if (iso) return { published: iso, basis: c.basis };
    messages.push(message('clean', 'date-unparsed', `cannot read the date "${c.raw}" (${c.basis})`, 'warning'));
  }
  if (opts.date) return { published: opts.date, basis: 'flag' };
  return { basis: 'none' };
}

/**
 * Clean one raw document into an article: normalise the text, remove
 * boilerplate lines (each kept with its rule), collapse repeated lines, split
 * off trailing related headlines, find title, dek, outlet, date and language.
 * Pure: the same input and options always give the same article.
 */
export function cleanDoc(raw: RawDoc, opts: CleanOptions = {}): Article {
  const rules = opts.rules ?? defaultBoilerplate();
  const messages: Message[] = [...raw.messages];
  const found: Found = { outlets: [], dates: [] };
  const lines: Line[] = normalizeText(raw.text).split('\n').map((text) => ({ text }));

  applyLineRules(lines, rules, found);
  collapseDuplicates(lines);
  const related = splitRelated(lines);
  const { title, dek } = detectTitle(lines, raw.title);
  findDateline(lines, rules, found);

  const body = kept(lines).map((l) => l.text).join('\n');
  const removed: Removed[] = [
    ...raw.removed,
    ...lines.filter((l) => l.removedBy).map((l) => ({ text: l.text, ruleId: l.removedBy!, stage: 'clean' as const })),
  ];
  const { outlet, basis: outletBasis } = chooseOutlet(raw, opts, found, messages);
  const { published, basis: dateBasis } = chooseDate(raw, opts, found, messages);

  const content = body || title;
  const words = hashWords(content);
  if (!content) messages.push(message('clean', 'empty-article', 'no text left after cleaning', 'error'));
  else if (!body) messages.push(message('clean', 'headline-only', 'the article is a headline with no body', 'info'));
  const lang = detectLanguage([title, body].filter(Boolean).join('\n'));
  if (content && lang.language !== 'eng') {
    messages.push(message('clean', 'lang-not-english', `detected language ${lang.language} (confidence ${lang.confidence}); stored, not analysed`, 'warning'));
  }

  const article: Article = {
    origin: raw.origin,
    format: raw.format,
    title,
    body,
    related,
    dateBasis,
    language: lang.language,
    removed,
    messages,
    textHash: textHash(words),
    simhash: simhash(words),
  };
  if (raw.hints.url) article.url = raw.hints.url;
  if (dek) article.dek = dek;
  if (outlet) {
    article.outlet = outlet;
    article.outletBasis = outletBasis;
  }
  if (published) article.published = published;
  return article;
}
