/**
 * The CAMEO coding convention for modality and negation. Our records keep
 * what happened and how the text presents it apart (a planned meeting is
 * CONSULT with modality planned; "will not lift the embargo" is CONCEDE,
 * negated). CAMEO and the PLOVER/ConfliBERT gold data fold both into the
 * event type instead: an intent to cooperate is AGREE (03), an intent to
 * act against someone is THREATEN (13), and a refusal to cooperate or yield
 * is REJECT (12). Evaluations and CAMEO-style exports read events through
 * this view.
 */
import { ploverForCameo } from './cameo.js';
import { dictionary, refineCode, type Dictionary } from './dictionary.js';
import type { EventRecord, PloverType } from './record.js';

export interface CameoCoding {
  type: PloverType;
  code: string;
  root: string;
  /** Which rule of the convention changed the coding, if any. */
  convention?: 'intent' | 'threat' | 'refusal';
}

/** Cooperative types: intended → AGREE (03), refused → REJECT (12). */
const COOPERATIVE: ReadonlySet<PloverType> = new Set(['CONSULT', 'SUPPORT', 'COOPERATE', 'AID', 'CONCEDE', 'RETREAT']);
const REFUSABLE: ReadonlySet<PloverType> = new Set([...COOPERATIVE, 'AGREE']);
/** Material conflict: intended → THREATEN (13). */
const MATERIAL_CONFLICT: ReadonlySet<PloverType> = new Set(['SANCTION', 'COERCE', 'ASSAULT', 'MOBILIZE', 'PROTEST']);

function recode(type: PloverType, root: string, code: string, dict: Dictionary, convention: CameoCoding['convention']): CameoCoding {
  const refined = refineCode(dict, root, code) ?? `${root}0`;
  return { type: ploverForCameo(refined)?.type ?? type, code: refined, root, ...(convention ? { convention } : {}) };
}

/**
 * The event as CAMEO would code it; undefined for an event CAMEO does not
 * code (a negated conflict event: "did not attack").
 */
export function cameoConvention(e: EventRecord, dict: Dictionary = dictionary()): CameoCoding | undefined {
  const type = e.plover.type;
  if (e.negated) return REFUSABLE.has(type) ? recode('REJECT', '12', e.cameo.code, dict, 'refusal') : undefined;
  // A conditioned action ("will withdraw its force unless …") is a threat.
  if (e.modality === 'threatened' && type !== 'THREATEN' && type !== 'REQUEST') return recode('THREATEN', '13', e.cameo.code, dict, 'threat');
  if (e.modality === 'planned' || e.modality === 'hypothetical') {
    if (COOPERATIVE.has(type)) return recode('AGREE', '03', e.cameo.code, dict, 'intent');
    if (MATERIAL_CONFLICT.has(type)) return recode('THREATEN', '13', e.cameo.code, dict, 'threat');
  }
  return { type, code: e.cameo.code, root: e.cameo.root };
}
