/**
 * Dates stated in a sentence, read with chrono-node against the article's
 * date: only expressions that fix a day ("on January 29, 2026", "on
 * Tuesday", "Nov. 2", "yesterday"); "now", "today" and durations ("for 30
 * days", "within a week") are ignored. Bare years ("in 2018") are kept
 * separately: they make an event historical without dating it.
 */
import * as chrono from 'chrono-node';

export interface TextDate {
  /** Character offsets in the analysed text. */
  start: number;
  end: number;
  /** ISO date. */
  date: string;
  text: string;
  /** Only a weekday was named: `date` is that weekday in the article's week; past events move it back a week when it lies ahead. */
  weekdayOnly: boolean;
}

export interface SentenceDates {
  days: TextDate[];
  /** Years named on their own ("in 2018", "since 2014"), with offsets. */
  years: Array<{ start: number; year: number }>;
}

const DATE_CUE = /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s*\d|\b\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|tomorrow)\b|\b\d{1,2}\/\d{1,2}\b|\b\d{4}-\d{2}-\d{2}\b/i;
const YEAR_RE = /\b(?:in|during|since|by|until|from|of|before|after)\s+((?:19|20)\d\d)\b(?!\s*(?:%|percent|people|troops|soldiers))/gi;
const DURATION_BEFORE = /\b(?:for|within|over|past|last|next|the|about|nearly|almost|around|some)\s*$/i;
const IGNORED = /^(?:now|today|tonight|currently|right now|this (?:morning|afternoon|evening|week|month|year))$/i;

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const MONTHS: Record<string, number> = { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12 };
const FAST_RE = /\b(?:(monday|tuesday|wednesday|thursday|friday|saturday|sunday)|(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.? (\d{1,2})(?:st|nd|rd|th)?\b(?:,? (\d{4})\b)?)/gi;
const CUE_ALL = new RegExp(DATE_CUE.source, 'gi');

/**
 * The two commonest forms, read without chrono and exactly as chrono reads
 * them: a bare weekday (the nearest one, within three days of the article
 * date) and "Month D[, YYYY]" (without a year: the nearest such date).
 * Undefined when the sentence has any other date cue: chrono reads it.
 */
function fastDates(text: string, offset: number, ref: string): TextDate[] | undefined {
  const found: TextDate[] = [];
  const covered: Array<[number, number]> = [];
  const base = referenceInstant(ref);
  FAST_RE.lastIndex = 0;
  for (let m = FAST_RE.exec(text); m; m = FAST_RE.exec(text)) {
    const before = text.slice(Math.max(0, m.index - 6), m.index).toLowerCase();
    if (m[1]) {
      if (/\b(?:last|next|this|every|on a|of)\s*$/.test(before) || /^s/i.test(text.slice(m.index + m[0].length))) return undefined;
      const wd = WEEKDAYS.indexOf(m[1].toLowerCase());
      let delta = (wd - base.getUTCDay() + 7) % 7;
      if (delta > 3) delta -= 7;
      found.push({ start: offset + m.index, end: offset + m.index + m[0].length, date: iso(new Date(base.getTime() + delta * 864e5)), text: m[0], weekdayOnly: true });
    } else {
      const month = MONTHS[m[2]!.toLowerCase()]!;
      const day = Number(m[3]);
      if (day < 1 || day > 31) return undefined;
      let year = m[4] ? Number(m[4]) : base.getUTCFullYear();
      const at = (y: number) => Date.UTC(y, month - 1, day, 12);
      if (!m[4]) {
        // The nearest such date.
        const candidates = [year - 1, year, year + 1];
        year = candidates.reduce((b, y) => (Math.abs(at(y) - base.getTime()) < Math.abs(at(b) - base.getTime()) ? y : b), year);
      }
      const d = new Date(at(year));
      if (d.getUTCDate() !== day) return undefined;
      found.push({ start: offset + m.index, end: offset + m.index + m[0].length, date: iso(d), text: m[0], weekdayOnly: false });
    }
    covered.push([m.index, m.index + m[0].length]);
  }
  CUE_ALL.lastIndex = 0;
  for (let m = CUE_ALL.exec(text); m; m = CUE_ALL.exec(text)) {
    const at = m.index;
    if (!covered.some(([a, b]) => at >= a && at < b)) return undefined;
  }
  return found;
}

function iso(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** The date a week earlier (a weekday of a past event that chrono put ahead of the article). */
export function weekBefore(date: string): string {
  return iso(new Date(referenceInstant(date).getTime() - 7 * 864e5));
}

/** Noon UTC on an ISO date: chrono's relative arithmetic then never crosses a day boundary. */
export function referenceInstant(date: string): Date {
  return new Date(`${date.slice(0, 10)}T12:00:00Z`);
}

/**
 * Day-precise dates and bare years in `text` (a sentence), with offsets
 * shifted by `offset`. `ref` is the article date (ISO). Cheap when the
 * sentence has no date words.
 */
export function sentenceDates(text: string, offset: number, ref: string): SentenceDates {
  const out: SentenceDates = { days: [], years: [] };
  YEAR_RE.lastIndex = 0;
  for (let m = YEAR_RE.exec(text); m; m = YEAR_RE.exec(text)) out.years.push({ start: offset + m.index + m[0].length - 4, year: Number(m[1]) });
  if (!DATE_CUE.test(text)) return out;
  const fast = fastDates(text, offset, ref);
  if (fast) {
    out.days = fast;
    return out;
  }
  const instant = referenceInstant(ref);
  let results: chrono.ParsedResult[];
  try {
    results = chrono.parse(text, { instant, timezone: 'UTC' }, { forwardDate: false });
  } catch {
    return out;
  }
  for (const r of results) {
    const t = r.text.trim();
    if (IGNORED.test(t)) continue;
    if (/^(?:for|within|over|in)\b/i.test(t) || /\b(?:days?|weeks?|months?|years?|hours?)\b/i.test(t) && !/\bago\b/i.test(t)) continue;
    if (DURATION_BEFORE.test(text.slice(Math.max(0, r.index - 12), r.index)) && /^\d/.test(t)) continue;
    const s = r.start;
    const dayFixed = s.isCertain('day') || s.isCertain('weekday');
    if (!dayFixed) continue;
    if (!/[a-z]{3}|\d{1,2}\/\d{1,2}|\d{4}-\d{2}/i.test(t)) continue;
    out.days.push({ start: offset + r.index, end: offset + r.index + r.text.length, date: iso(s.date()), text: r.text, weekdayOnly: !s.isCertain('day') });
  }
  return out;
}
