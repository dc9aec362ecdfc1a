/**
 * Reader for ConfliBERT's CAMEO classification TSV: `sentence<TAB>class`,
 * class 0 statement (no event), 1 verbal cooperation, 2 material
 * cooperation, 3 verbal conflict, 4 material conflict — the quad class of
 * the sentence's main event. Bad lines become messages with line numbers.
 */
import { message } from '../../messages.js';
import type { Message } from '../../types.js';

export type ConflibertClass = 0 | 1 | 2 | 3 | 4;
export const CONFLIBERT_CLASSES: readonly ConflibertClass[] = [0, 1, 2, 3, 4];
export const CONFLIBERT_CLASS_NAMES: Readonly<Record<ConflibertClass, string>> = {
  0: 'statement',
  1: 'verbal cooperation',
  2: 'material cooperation',
  3: 'verbal conflict',
  4: 'material conflict',
};

export interface ConflibertCase {
  line: number;
  text: string;
  label: ConflibertClass;
}

export interface ConflibertGoldResult {
  cases: ConflibertCase[];
  messages: Message[];
  stats: { lines: number; cases: number; bad: number; blank: number; header: boolean; byClass: [number, number, number, number, number] };
}

const SOURCE = 'eval';

export function readConflibertTsv(input: string, origin = 'ConfliBERT file'): ConflibertGoldResult {
  const messages: Message[] = [];
  const cases: ConflibertCase[] = [];
  const stats: ConflibertGoldResult['stats'] = { lines: 0, cases: 0, bad: 0, blank: 0, header: false, byClass: [0, 0, 0, 0, 0] };
  const lines = input.replace(/^\uFEFF/, '').split(/\r?\n|\r/);
  if (lines.at(-1) === '') lines.pop();
  let seenData = false;

  lines.forEach((raw, i) => {
    const line = i + 1;
    stats.lines++;
    const bad = (ruleId: string, reason: string) => {
      stats.bad++;
      messages.push(message(SOURCE, ruleId, `ConfliBERT ${origin}: ${reason}`, 'error', { line }));
    };
    if (raw.trim() === '') {
      stats.blank++;
      return;
    }
    const tab = raw.lastIndexOf('\t');
    if (tab === -1) return bad('conflibert-no-tab', `no tab between sentence and class: ${JSON.stringify(raw.slice(0, 60))}`);
    const text = raw.slice(0, tab).trim();
    const cls = raw.slice(tab + 1).trim();
    if (!/^[0-4]$/.test(cls)) {
      if (!seenData && /^[A-Za-z_ ]+$/.test(cls) && /^[A-Za-z_ ]+$/.test(text)) {
        stats.header = true;
        seenData = true;
        return;
      }
      return bad('conflibert-bad-class', `class ${JSON.stringify(cls)} is not 0-4`);
    }
    seenData = true;
    if (!text) return bad('conflibert-no-text', 'empty sentence');
    const label = Number(cls) as ConflibertClass;
    cases.push({ line, text, label });
    stats.byClass[label]++;
  });
  stats.cases = cases.length;
  return { cases, messages, stats };
}
