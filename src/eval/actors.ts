/**
 * Actor resolution evaluation: a JSONL file of cases, one a line,
 * `{"text": "President Kassym-Jomart Tokayev", "context": "", "date": "2022-01-05" or null,
 *   "expected": {"country": "KAZ", "sector": "GOV"}}`
 * scored on the country (ISO3, "IGO" for intergovernmental bodies, "" for no
 * actor) and, for cases that give one, the sector.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { message } from '../messages.js';
import type { Message } from '../types.js';

export interface ActorCase {
  /** 1-based line in the file (0 when built in code). */
  line: number;
  text: string;
  context: string;
  date: string | null;
  expected: { country: string; sector: string };
}

export type ActorResolver = (text: string, context: string, date: string | null) => { country: string; sector: string } | undefined;

export interface ActorCaseError {
  line: number;
  text: string;
  context: string;
  date: string | null;
  expected: { country: string; sector: string };
  /** What the resolver said; null when it found no actor. */
  got: { country: string; sector: string } | null;
  countryCorrect: boolean;
  /** null when the case has no expected sector. */
  sectorCorrect: boolean | null;
}

export interface ActorEvalReport {
  cases: number;
  country_accuracy: number;
  sector_accuracy: number;
  /** Cases with an expected sector (the denominator of sector_accuracy). */
  sector_cases: number;
  country_correct: number;
  sector_correct: number;
  errors: ActorCaseError[];
}

const CaseLine = z.strictObject({
  text: z.string().min(1, 'must not be empty'),
  context: z.string().optional(),
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD or null')
    .nullable()
    .optional(),
  expected: z.strictObject({
    country: z.string().regex(/^(?:[A-Z]{3}(?:[A-Z]{3})*)?$/, 'must be an ISO3 code, IGO, a CAMEO region code or ""'),
    sector: z
      .string()
      .regex(/^(?:[A-Z]{3})?$/, 'must be a three-letter sector or ""')
      .optional(),
  }),
});

/** Parse JSONL text into cases; a bad line becomes a message with its line number and is skipped. */
export function parseActorCases(text: string, origin = 'cases'): { cases: ActorCase[]; messages: Message[] } {
  const cases: ActorCase[] = [];
  const messages: Message[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === '') return;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch (e) {
      messages.push(message('eval', 'actor-case-json', `${origin}: line ${line}: invalid JSON: ${(e as Error).message}`, 'error', { line }));
      return;
    }
    const r = CaseLine.safeParse(json);
    if (!r.success) {
      const why = r.error.issues.map((iss) => `${iss.path.join('.') || 'case'}: ${iss.message}`).join('; ');
      messages.push(message('eval', 'actor-case-invalid', `${origin}: line ${line}: ${why}`, 'error', { line }));
      return;
    }
    cases.push({
      line,
      text: r.data.text,
      context: r.data.context ?? '',
      date: r.data.date ?? null,
      expected: { country: r.data.expected.country, sector: r.data.expected.sector ?? '' },
    });
  });
  return { cases, messages };
}

/** Read a JSONL case file. An unreadable file throws; bad lines come back as messages. */
export function readActorCases(path: string): { cases: ActorCase[]; messages: Message[] } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new Error(`eval: cannot read actor cases ${path}: ${(e as Error).message}`);
  }
  return parseActorCases(text, path);
}

/** Score a resolver on the cases. An empty country means "no actor": no answer (or an empty country) is then right. */
export function evalActors(cases: readonly ActorCase[], resolve: ActorResolver): ActorEvalReport {
  let countryCorrect = 0;
  let sectorCases = 0;
  let sectorCorrect = 0;
  const errors: ActorCaseError[] = [];
  for (const c of cases) {
    const r = resolve(c.text, c.context, c.date);
    const got = r ? { country: r.country, sector: r.sector } : null;
    const cOk = (got?.country ?? '') === c.expected.country;
    let sOk: boolean | null = null;
    if (c.expected.sector !== '') {
      sectorCases++;
      sOk = got !== null && got.sector === c.expected.sector;
      if (sOk) sectorCorrect++;
    }
    if (cOk) countryCorrect++;
    if (!cOk || sOk === false) {
      errors.push({ line: c.line, text: c.text, context: c.context, date: c.date, expected: c.expected, got, countryCorrect: cOk, sectorCorrect: sOk });
    }
  }
  return {
    cases: cases.length,
    country_accuracy: cases.length > 0 ? countryCorrect / cases.length : 0,
    sector_accuracy: sectorCases > 0 ? sectorCorrect / sectorCases : 0,
    sector_cases: sectorCases,
    country_correct: countryCorrect,
    sector_correct: sectorCorrect,
    errors,
  };
}

function code(a: { country: string; sector: string } | null): string {
  if (a === null) return 'nothing';
  const country = a.country === '' ? '(none)' : a.country;
  return a.sector ? `${country}/${a.sector}` : country;
}

/** Plain-text report; with `errors`, one line per miss. */
export function formatActorReport(r: ActorEvalReport, opts: { errors?: boolean } = {}): string {
  const lines = [
    `cases             ${r.cases}`,
    `country accuracy  ${r.country_accuracy.toFixed(3)} (${r.country_correct}/${r.cases})`,
    `sector accuracy   ${r.sector_accuracy.toFixed(3)} (${r.sector_correct}/${r.sector_cases} cases with an expected sector)`,
  ];
  if (opts.errors && r.errors.length > 0) {
    lines.push('', `errors (${r.errors.length})`);
    for (const e of r.errors) {
      const when = e.date ?? 'no date';
      const ctx = e.context ? ` [${e.context}]` : '';
      lines.push(`  line ${e.line}: "${e.text}" (${when})${ctx}: expected ${code(e.expected)}, got ${code(e.got)}`);
    }
  }
  return lines.join('\n');
}
