/**
 * Reader for the PLOVER gold-standard records (PLOVER_GSR_CAMEO.txt): a JSON
 * array whose first record is a DOCUMENT header, then one record per
 * sentence and event with `text`, `event` (PLOVER 0.5 names), `mode`,
 * `context`, `source[]`/`target[]` ({actorText, code, sector}) and
 * `textInfo.markup`. Pure: text in, sentences and messages out.
 */
import countries from 'i18n-iso-countries';
import { message } from '../../messages.js';
import { movedModeType, normaliseOldPloverType, normalisePloverMode } from '../../events/cameo.js';
import type { PloverType } from '../../events/record.js';
import type { Message } from '../../types.js';

export interface GoldEvent {
  type: PloverType;
  mode?: string;
  context: string[];
  /** ISO3, IGO, or '' (non-state or unknown), one per actor in the record's order. */
  sourceCountries: string[];
  targetCountries: string[];
  /**
   * The record marks its actors SRC/TAR and gives no target: the sources act
   * on each other (each source is the target of the others).
   */
  reciprocal: boolean;
  cameo?: string;
  /** The type and mode as written in the gold file. */
  rawType: string;
  rawMode?: string;
  recordId: string;
}

export interface GoldSentence {
  /** Id of the first record with this text; records with the same text are one sentence. */
  id: string;
  text: string;
  date?: string;
  events: GoldEvent[];
  /** Line of the first record's id in the file. */
  line?: number;
}

export interface PloverGoldStats {
  records: number;
  documents: number;
  sentences: number;
  events: number;
  skipped: number;
  /** Old type name → records that used it. */
  oldTypeNames: Record<string, number>;
  /** Actor codes or sectors that are not letters, e.g. `***`. */
  oddCodes: number;
  /** Actor codes that are not a country: NGO, IMG, … → count. */
  nonStateCodes: Record<string, number>;
  /** Legacy country codes mapped to ISO3 (JAP → JPN …) → count. */
  legacyCountryCodes: Record<string, number>;
  droppedModes: number;
  /** Records whose mode has moved to another type since their PLOVER version (their type moved with it). */
  movedModes?: number;
}

export interface PloverGoldResult {
  sentences: GoldSentence[];
  messages: Message[];
  stats: PloverGoldStats;
}

const SOURCE = 'eval';

/** Country codes in the gold records that are not ISO 3166 alpha-3 but name a country. */
const LEGACY_COUNTRY_CODES: Readonly<Record<string, string>> = {
  JAP: 'JPN',
  ITL: 'ITA',
  VTN: 'VNM',
  KOS: 'XKX',
};

let iso3: Set<string> | undefined;
function isIso3(code: string): boolean {
  iso3 ??= new Set([...Object.keys(countries.getAlpha3Codes()), 'XKX']);
  return iso3.has(code);
}

/**
 * The country of a PLOVER/CAMEO actor code: its first three letters when
 * they are an ISO3 code or IGO, legacy codes mapped (JAP → JPN, ITL → ITA,
 * VTN → VNM, KOS → XKX); '' for anything else (NGO, IMG, regions).
 */
export function actorCodeCountry(code: string): { country: string; legacy?: string } {
  const head = code.trim().toUpperCase().slice(0, 3);
  if (head === 'IGO' || isIso3(head)) return { country: head };
  const mapped = LEGACY_COUNTRY_CODES[head];
  if (mapped) return { country: mapped, legacy: head };
  return { country: '' };
}

/**
 * (type, source country, target country) triples of an event: sources ×
 * targets; a reciprocal event pairs each source with every other source;
 * a missing side is ''.
 */
export function goldEventTriples(e: Pick<GoldEvent, 'type' | 'sourceCountries' | 'targetCountries' | 'reciprocal'>): [string, string, string][] {
  const out: [string, string, string][] = [];
  const sources = e.sourceCountries.length ? e.sourceCountries : [''];
  if (e.reciprocal && e.targetCountries.length === 0 && e.sourceCountries.length > 1) {
    e.sourceCountries.forEach((s, i) => e.sourceCountries.forEach((t, j) => i !== j && out.push([e.type, s, t])));
    return out;
  }
  const targets = e.targetCountries.length ? e.targetCountries : [''];
  for (const s of sources) for (const t of targets) out.push([e.type, s, t]);
  return out;
}

function lineAt(lineStarts: number[], offset: number): number {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

type Rec = Record<string, unknown>;
const isRecord = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);

export function readPloverGold(text: string, origin = 'PLOVER gold file'): PloverGoldResult {
  const messages: Message[] = [];
  const stats: PloverGoldStats = {
    records: 0, documents: 0, sentences: 0, events: 0, skipped: 0,
    oldTypeNames: {}, oddCodes: 0, nonStateCodes: {}, legacyCountryCodes: {}, droppedModes: 0,
  };
  const src = text.replace(/^\uFEFF/, '');
  const starts = lineStartsOf(src);

  let data: unknown;
  try {
    data = JSON.parse(src);
  } catch (e) {
    const reason = (e as Error).message;
    const pos = /position (\d+)/.exec(reason);
    const place = pos ? { line: lineAt(starts, Number(pos[1])) } : undefined;
    messages.push(message(SOURCE, 'plover-json-invalid', `cannot parse PLOVER gold ${origin}: ${reason}`, 'error', place));
    return { sentences: [], messages, stats };
  }
  if (!Array.isArray(data)) {
    messages.push(message(SOURCE, 'plover-not-array', `PLOVER gold ${origin} is not a JSON array of records`, 'error', { line: 1 }));
    return { sentences: [], messages, stats };
  }

  // Lines of the records, found by their ids (JSON.parse keeps no positions).
  const idLines = new Map<string, number>();
  for (const m of src.matchAll(/"id"\s*:\s*"((?:[^"\\]|\\.)*)"/g)) {
    if (!idLines.has(m[1]!)) idLines.set(m[1]!, lineAt(starts, m.index));
  }

  const byText = new Map<string, GoldSentence>();
  data.forEach((raw: unknown, index) => {
    stats.records++;
    const id = isRecord(raw) && typeof raw.id === 'string' && raw.id.trim() ? raw.id.trim() : `record-${index + 1}`;
    const line = idLines.get(id);
    const place = line === undefined ? { item: index + 1 } : { line, item: index + 1 };
    const warn = (ruleId: string, reason: string, severity: Message['severity'] = 'warning') =>
      messages.push(message(SOURCE, ruleId, `PLOVER gold record ${id}: ${reason}`, severity, place));
    const skip = (ruleId: string, reason: string) => {
      stats.skipped++;
      warn(ruleId, reason, 'error');
    };

    if (!isRecord(raw)) return skip('plover-record-not-object', `not a JSON object`);
    const rawType = typeof raw.event === 'string' ? raw.event.trim() : '';
    if (rawType.toUpperCase() === 'DOCUMENT') {
      stats.documents++;
      return;
    }
    if (!rawType) return skip('plover-no-event', 'no "event" type');
    const norm = normaliseOldPloverType(rawType);
    if (!norm) return skip('plover-unknown-type', `unknown PLOVER type "${rawType}"`);
    if (norm.type !== rawType.toUpperCase()) stats.oldTypeNames[rawType] = (stats.oldTypeNames[rawType] ?? 0) + 1;
    const sentenceText = typeof raw.text === 'string' ? raw.text.trim() : '';
    if (!sentenceText) return skip('plover-no-text', 'no "text"');

    const actors = (field: 'source' | 'target'): string[] => {
      const v = raw[field];
      if (v === undefined || v === null || v === '') return [];
      if (!Array.isArray(v)) {
        warn('plover-bad-actor-list', `"${field}" is ${JSON.stringify(v)}, not a list of actors; read as none`);
        return [];
      }
      const out: string[] = [];
      for (const a of v) {
        if (!isRecord(a) || typeof a.code !== 'string') {
          warn('plover-bad-actor', `a ${field} actor without a code: ${JSON.stringify(a)}`);
          continue;
        }
        for (const c of [a.code, a.sector]) {
          if (typeof c === 'string' && c !== '' && !/^[A-Za-z]+$/.test(c)) {
            stats.oddCodes++;
            warn('plover-odd-code', `${field} "${String(a.actorText ?? '')}" has the odd code "${c}"`, 'info');
          }
        }
        const { country, legacy } = actorCodeCountry(a.code);
        if (legacy) stats.legacyCountryCodes[legacy] = (stats.legacyCountryCodes[legacy] ?? 0) + 1;
        else if (!country) {
          const k = a.code.trim().toUpperCase() || '(empty)';
          stats.nonStateCodes[k] = (stats.nonStateCodes[k] ?? 0) + 1;
        }
        out.push(country);
      }
      return out;
    };
    const sourceCountries = actors('source');
    const targetCountries = actors('target');
    const markup = isRecord(raw.textInfo) && typeof raw.textInfo.markup === 'string' ? raw.textInfo.markup : '';

    const rawMode = typeof raw.mode === 'string' && raw.mode.trim() ? raw.mode.trim() : undefined;
    // A mode that has moved to another type since the record's PLOVER version takes its type along (COERCE/destroy → ASSAULT).
    const moved = rawMode !== undefined ? movedModeType(norm.type, rawMode) : undefined;
    if (moved) {
      stats.movedModes = (stats.movedModes ?? 0) + 1;
      norm.type = moved;
    }
    let mode = norm.mode;
    if (rawMode !== undefined) {
      const m = normalisePloverMode(norm.type, rawMode);
      if (m === undefined) {
        stats.droppedModes++;
        warn('plover-mode-dropped', `mode "${rawMode}" is not a mode of ${norm.type}; dropped`, 'info');
      } else if (m !== '') mode = m;
    }

    const event: GoldEvent = {
      type: norm.type,
      context: typeof raw.context === 'string' ? raw.context.split(/[,;]/).map((s) => s.trim()).filter(Boolean) : [],
      sourceCountries,
      targetCountries,
      reciprocal: targetCountries.length === 0 && /\b(?:SRC\/TAR|TAR\/SRC)\b/.test(markup),
      rawType,
      recordId: id,
    };
    if (mode) event.mode = mode;
    if (rawMode !== undefined) event.rawMode = rawMode;
    if (typeof raw.cameo === 'string' && /^\d{2,4}$/.test(raw.cameo.trim())) event.cameo = raw.cameo.trim();

    let sentence = byText.get(sentenceText);
    if (!sentence) {
      sentence = { id, text: sentenceText, events: [] };
      if (typeof raw.date === 'string' && raw.date.trim()) sentence.date = raw.date.trim();
      if (line !== undefined) sentence.line = line;
      byText.set(sentenceText, sentence);
    }
    sentence.events.push(event);
    stats.events++;
  });

  const sentences = [...byText.values()];
  stats.sentences = sentences.length;
  return { sentences, messages, stats };
}
