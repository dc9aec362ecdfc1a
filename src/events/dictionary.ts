/**
 * The event pattern dictionary (data/events/*.json): verb and noun triggers
 * with CAMEO codes and PLOVER types, organised one file per CAMEO root, plus
 * the cue words the clause machinery uses (data/events/cues.json). Validated
 * with zod and compiled once into lookups by lemma and by inflected form.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { DATA_DIR } from '../paths.js';
import { cameo, normalisePloverMode, ploverForCameo } from './cameo.js';
import { MODALITIES, PLOVER_TYPES, type Modality, type PloverType } from './record.js';

export const DEFAULT_EVENTS_DIR = join(DATA_DIR, 'events');

const lemma = z.string().regex(/^[\p{Ll}0-9][\p{Ll}0-9.'-]*$/u, 'must be a lower-case word');
const lemmas = z.union([lemma, z.array(lemma).min(1)]);
const iso = z.string().regex(/^(?:[A-Z]{3})?$/, 'must be an ISO3 code, IGO or ""');

const exampleSchema = z.strictObject({
  /** A sentence we wrote ourselves; the dictionary test codes it. */
  text: z.string().min(8),
  /** Countries (ISO3, IGO) of the expected sources and targets; order does not matter. */
  sources: z.array(iso),
  targets: z.array(iso),
  modality: z.enum(MODALITIES).optional(),
  negated: z.boolean().optional(),
  /** Blockers: the sentence must yield no event with this trigger. */
  none: z.boolean().optional(),
  /** Date to code the example with (default 2025-06-01). */
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
});

const entrySchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be kebab-case'),
    /** Head lemma(s) of a verb trigger. */
    verb: lemmas.optional(),
    /** Head lemma(s) of a noun trigger. */
    noun: lemmas.optional(),
    /** Phrasal verb particle(s): one must follow the head (adjacent or after a short object). */
    particle: lemmas.optional(),
    /** One of these lemmas must head the object (verbs) within a few words after the trigger. */
    object: lemmas.optional(),
    /** One of these lemmas must premodify the head within three words before it ("missile test", "air strike"). */
    modifier: lemmas.optional(),
    /** The entry does not apply when one of these lemmas premodifies the head ("hunger strike" is not an air strike). */
    notModifier: lemmas.optional(),
    /** CAMEO code; null marks a blocker: the pattern is matched and yields nothing. */
    code: z.string().regex(/^\d{2,4}$/).nullable(),
    /** PLOVER type and mode when they differ from ploverForCameo(code); `note` must say why. */
    type: z.enum(PLOVER_TYPES).optional(),
    mode: z.string().optional(),
    context: z.array(z.string().regex(/^[a-z_]+$/)).optional(),
    /**
     * transitive: source acts on target (default); symmetric: coordinated
     * parties act on each other (meet, talks, agree); intransitive: no target
     * expected (protest, mobilise).
     */
    frame: z.enum(['transitive', 'symmetric', 'intransitive']).optional(),
    /** Prepositions that introduce the target (besides a direct object for verbs). */
    preps: z.array(lemma).optional(),
    /** "in X": X is the target when no other target is found (strike in Lebanon). */
    locationTarget: z.boolean().optional(),
    /** "in X": X is the source when no other source is found (protests in Baghdad). */
    locationSource: z.boolean().optional(),
    /** No target, no event: the next matching entry for the word is tried ("warned Iran" threatens, "warned that" does not). */
    requireTarget: z.boolean().optional(),
    /** Noun frames: the actor after "of" is the target (default) or the source ("the visit of X"). */
    of: z.enum(['target', 'source', 'none']).optional(),
    /** Modality the trigger itself carries (a threat is `threatened`). */
    modality: z.enum(MODALITIES).optional(),
    /** Keep the object noun's own event (mediation keeps the ceasefire it brokered). */
    keepObject: z.boolean().optional(),
    /** The action this trigger governs is its content, not an event ("considering sending aid" is one option considered). */
    absorbs: z.boolean().optional(),
    /** Base confidence (default 0.8 for verbs, 0.7 for nouns). */
    confidence: z.number().min(0).max(1).optional(),
    note: z.string().optional(),
    example: exampleSchema,
  })
  .refine((e) => (e.verb === undefined) !== (e.noun === undefined), { message: 'needs exactly one of verb or noun' });

const fileSchema = z.strictObject({
  $comment: z.string(),
  root: z.string().regex(/^\d{2}$/),
  entries: z.array(entrySchema),
});

const cueList = z.array(z.string().min(1));

const cuesSchema = z.strictObject({
  $comment: z.string(),
  /** Verbs of saying: their subject is the speaker of the clause they govern. */
  speech: cueList,
  /** Modal auxiliaries → modality. */
  modals: z.record(z.string(), z.enum(MODALITIES)),
  /** Verbs/adjectives governing "to + verb": the embedded event's modality, or negated / suppressed. */
  governors: z.strictObject({
    planned: cueList,
    threatened: cueList,
    hypothetical: cueList,
    negated: cueList,
    suppressed: cueList,
    asserted: cueList,
  }),
  /** Nouns governing "to + verb" or "of + noun" ("plan to", "threat of"). */
  nounGovernors: z.strictObject({
    planned: cueList,
    threatened: cueList,
    hypothetical: cueList,
    negated: cueList,
    suppressed: cueList,
    asserted: cueList,
  }),
  /** Premodifiers of an event noun that set its modality ("upcoming meetings", "possible strikes"). */
  nounModifiers: z.strictObject({ planned: cueList, hypothetical: cueList, historical: cueList, negated: cueList }),
  /** Words that open a hypothetical clause. */
  hypothetical: cueList,
  /** Phrases (lower case, space-separated tokens) that put the clause in the past. */
  historical: cueList,
  negation: cueList,
  /** Verbs whose subject is the source of the event noun they take as object (hold talks, impose sanctions). */
  lightVerbs: cueList,
  relativePronouns: cueList,
  subordinators: cueList,
  /** Prepositions that open a fronted adverbial or a clause when followed by a verb ("following", "after"). */
  clausePrepositions: cueList,
  /** Words allowed between coordinated actors ("X, Y and several Z"). */
  coordinationGap: cueList,
  /** Phrases that name the two parties just mentioned ("both nations"). */
  pairPhrases: cueList,
  /** Object-control verbs: their object is the subject of the following "to + verb" (urge X to). */
  objectControl: cueList,
  /** Generic head nouns after which an event noun still triggers ("mediation effort", "aid package", "peace talks"). */
  lightHeads: cueList,
  /** Verbs of saying whose complement is a wish or a fear, not an event ("hoped the plan could avoid military action"). */
  wishes: cueList,
  /** Participles that are adjectives before "to" ("is opposed to", "is committed to"): the subject acts, no passive. */
  statives: cueList.optional(),
  /** Adverb particles that stay with the verb before its object ("beat up the detainees"). */
  particles: cueList.optional(),
  /** Nouns that make "in <noun> of/to X" mean "against X" ("in defiance of Beijing", "in opposition to the junta"). */
  opposing: cueList.optional(),
  /** Verbs that end the event noun they take as object ("stop the shelling"): the noun is no event done. */
  enders: cueList.optional(),
  /** Irregular verb forms: lemma → forms. */
  irregular: z.record(z.string(), z.array(z.string())),
  /** Absorbing roots (02, 03, 10, 11, 12, 13) → embedded code prefix → refined code; `$comment` documents it. */
  refine: z.record(z.string(), z.union([z.string(), z.record(z.string().regex(/^\d{2,4}$/), z.string().regex(/^\d{2,4}$/))])),
});

export type Cues = z.infer<typeof cuesSchema>;
export type RawEntry = z.infer<typeof entrySchema>;
export type EntryExample = z.infer<typeof exampleSchema>;

export interface DictEntry {
  id: string;
  file: string;
  root: string;
  pos: 'verb' | 'noun';
  heads: string[];
  particle: string[];
  object: string[];
  modifier: string[];
  notModifier: string[];
  /** null: a blocker. */
  code: string | null;
  type: PloverType | null;
  mode: string;
  context: string[];
  frame: 'transitive' | 'symmetric' | 'intransitive';
  preps: string[];
  locationTarget: boolean;
  locationSource: boolean;
  requireTarget: boolean;
  of: 'target' | 'source' | 'none';
  modality?: Modality;
  keepObject: boolean;
  absorbs: boolean;
  confidence: number;
  /** Constraint count: entries with more constraints win over bare ones on the same head. */
  specificity: number;
  example: EntryExample;
  note?: string;
}

export interface Dictionary {
  dir: string;
  /** sha256 over the files' names and bytes, 12 hex digits. */
  version: string;
  entries: readonly DictEntry[];
  byId: ReadonlyMap<string, DictEntry>;
  /** Lemma → verb entries, most specific first. */
  verbs: ReadonlyMap<string, readonly DictEntry[]>;
  nouns: ReadonlyMap<string, readonly DictEntry[]>;
  /** Inflected form (lower case) → lemma, for verbs and nouns of the dictionary (headlines, lemmatiser slips). */
  forms: ReadonlyMap<string, string>;
  /** Hyphenated heads, objects and modifiers ("cease-fire", "pull-out"): the tokenizer splits them at the hyphen. */
  compounds: ReadonlySet<string>;
  cues: CompiledCues;
  files: string[];
}

export interface CompiledCues {
  raw: Cues;
  speech: ReadonlySet<string>;
  modals: ReadonlyMap<string, Modality>;
  governor: ReadonlyMap<string, Modality | 'negated' | 'suppressed' | 'asserted'>;
  nounGovernor: ReadonlyMap<string, Modality | 'negated' | 'suppressed' | 'asserted'>;
  nounModifier: ReadonlyMap<string, 'planned' | 'hypothetical' | 'historical' | 'negated'>;
  hypothetical: ReadonlySet<string>;
  /** Historical phrases as token arrays, grouped by first token. */
  historical: ReadonlyMap<string, readonly string[][]>;
  negation: ReadonlySet<string>;
  lightVerbs: ReadonlySet<string>;
  relative: ReadonlySet<string>;
  subordinators: ReadonlySet<string>;
  clausePrepositions: ReadonlySet<string>;
  coordinationGap: ReadonlySet<string>;
  pairPhrases: readonly string[][];
  objectControl: ReadonlySet<string>;
  lightHeads: ReadonlySet<string>;
  wishes: ReadonlySet<string>;
  statives: ReadonlySet<string>;
  particles: ReadonlySet<string>;
  opposing: ReadonlySet<string>;
  enders: ReadonlySet<string>;
  /** Absorbing root → embedded code prefix → refined code. */
  refine: ReadonlyMap<string, ReadonlyMap<string, string>>;
}

function fail(file: string, where: string, reason: string): never {
  throw new Error(`events: invalid ${file}${where ? ` at ${where}` : ''}: ${reason}`);
}

function readJson(file: string, shown: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new Error(`events: cannot read ${shown}: ${(e as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new Error(`events: invalid JSON in ${shown}: ${(e as Error).message}`);
  }
}

function parseWith<T>(schema: z.ZodType<T>, value: unknown, shown: string): T {
  const r = schema.safeParse(value);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    fail(shown, issue.path.join('.'), issue.message);
  }
  return r.data;
}

const list = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

const VOWEL = /[aeiou]/;

/** Regular inflections of a verb lemma (both doubled and plain consonant forms: both are cheap to keep). */
export function verbForms(lemma: string): string[] {
  const out = new Set<string>([lemma]);
  const last = lemma.at(-1) ?? '';
  if (/(?:s|x|z|ch|sh|o)$/.test(lemma)) out.add(`${lemma}es`);
  else if (/[^aeiou]y$/.test(lemma)) out.add(`${lemma.slice(0, -1)}ies`);
  else out.add(`${lemma}s`);
  if (last === 'e') {
    out.add(`${lemma}d`);
    out.add(`${lemma.slice(0, -1)}ing`);
    if (lemma.endsWith('ee')) out.add(`${lemma}ing`);
  } else if (/[^aeiou]y$/.test(lemma)) {
    out.add(`${lemma.slice(0, -1)}ied`);
    out.add(`${lemma}ing`);
  } else {
    out.add(`${lemma}ed`);
    out.add(`${lemma}ing`);
    if (/[^aeiou][aeiou][bdgklmnprt]$/.test(lemma) && VOWEL.test(lemma)) {
      out.add(`${lemma}${last}ed`);
      out.add(`${lemma}${last}ing`);
    }
  }
  return [...out];
}

export function nounForms(lemma: string): string[] {
  const words = lemma.split(' ');
  const head = words.at(-1)!;
  const forms = [head];
  if (/(?:s|x|z|ch|sh)$/.test(head)) forms.push(`${head}es`);
  else if (/[^aeiou]y$/.test(head)) forms.push(`${head.slice(0, -1)}ies`);
  else forms.push(`${head}s`);
  return forms;
}

function compileCues(raw: Cues): CompiledCues {
  const governor = new Map<string, Modality | 'negated' | 'suppressed' | 'asserted'>();
  for (const [k, words] of Object.entries(raw.governors)) for (const w of words) governor.set(w, k as Modality);
  const nounGovernor = new Map<string, Modality | 'negated' | 'suppressed' | 'asserted'>();
  for (const [k, words] of Object.entries(raw.nounGovernors)) for (const w of words) nounGovernor.set(w, k as Modality);
  const nounModifier = new Map<string, 'planned' | 'hypothetical' | 'historical' | 'negated'>();
  for (const [k, words] of Object.entries(raw.nounModifiers)) for (const w of words) nounModifier.set(w, k as 'planned');
  const refine = new Map<string, Map<string, string>>();
  for (const [root, table] of Object.entries(raw.refine)) {
    if (typeof table === 'string') continue;
    for (const [from, to] of Object.entries(table)) {
      if (!cameo(to) || to.slice(0, 2) !== root) throw new Error(`events: invalid data/events/cues.json at refine.${root}.${from}: ${to} is not a CAMEO code under root ${root}`);
    }
    refine.set(root, new Map(Object.entries(table)));
  }
  const historical = new Map<string, string[][]>();
  for (const p of raw.historical) {
    const toks = p.split(' ');
    const bucket = historical.get(toks[0]!) ?? [];
    bucket.push(toks);
    historical.set(toks[0]!, bucket);
  }
  return {
    raw,
    speech: new Set(raw.speech),
    modals: new Map(Object.entries(raw.modals)),
    governor,
    nounGovernor,
    nounModifier,
    hypothetical: new Set(raw.hypothetical),
    historical,
    negation: new Set(raw.negation),
    lightVerbs: new Set(raw.lightVerbs),
    relative: new Set(raw.relativePronouns),
    subordinators: new Set(raw.subordinators),
    clausePrepositions: new Set(raw.clausePrepositions),
    coordinationGap: new Set(raw.coordinationGap),
    pairPhrases: raw.pairPhrases.map((p) => p.split(' ')),
    objectControl: new Set(raw.objectControl),
    lightHeads: new Set(raw.lightHeads),
    wishes: new Set(raw.wishes),
    statives: new Set(raw.statives ?? []),
    particles: new Set(raw.particles ?? []),
    opposing: new Set(raw.opposing ?? []),
    enders: new Set(raw.enders ?? []),
    refine,
  };
}

const DEFAULT_PREPS: Record<'verb' | 'noun', Record<'transitive' | 'symmetric' | 'intransitive', string[]>> = {
  verb: {
    transitive: ['on', 'against', 'with', 'to', 'toward', 'towards', 'at', 'upon'],
    symmetric: ['with'],
    intransitive: ['against', 'on'],
  },
  noun: {
    transitive: ['on', 'against', 'with', 'to', 'toward', 'towards', 'over', 'upon'],
    symmetric: ['with', 'between'],
    intransitive: ['against'],
  },
};

const LOCATED_TYPES: ReadonlySet<PloverType> = new Set(['PROTEST', 'MOBILIZE', 'COERCE', 'ASSAULT']);

function compileEntry(raw: RawEntry, file: string, root: string, index: number): DictEntry {
  const where = `entries.${index} (${raw.id})`;
  if (raw.code !== null) {
    if (!cameo(raw.code)) fail(file, where, `code ${raw.code} is not a CAMEO code`);
    if (raw.code.slice(0, 2) !== root) fail(file, where, `code ${raw.code} is not under root ${root}`);
  }
  const mapped = raw.code === null ? undefined : ploverForCameo(raw.code);
  const type = raw.code === null ? null : (raw.type ?? mapped?.type ?? null);
  if (raw.code !== null && root !== '01' && type === null) fail(file, where, `code ${raw.code} maps to no PLOVER type; give one`);
  if (raw.code !== null && root === '01' && raw.type !== undefined) fail(file, where, 'root 01 statements carry no PLOVER type');
  const overridden = raw.type !== undefined && raw.type !== mapped?.type;
  if (overridden && !raw.note) fail(file, where, `type ${raw.type} overrides ${mapped?.type ?? 'none'} for ${raw.code}: say why in "note"`);
  const mode = raw.mode ?? (raw.type !== undefined && overridden ? '' : (mapped?.mode ?? ''));
  if (type !== null && mode !== '' && normalisePloverMode(type, mode) !== mode) fail(file, where, `"${mode}" is not a mode of ${type}`);
  const pos = raw.verb !== undefined ? 'verb' : 'noun';
  const frame = raw.frame ?? 'transitive';
  const particle = list(raw.particle);
  const object = list(raw.object);
  const modifier = list(raw.modifier);
  const notModifier = list(raw.notModifier);
  const e: DictEntry = {
    id: raw.id,
    file,
    root,
    pos,
    heads: list(pos === 'verb' ? raw.verb : raw.noun),
    particle,
    object,
    modifier,
    notModifier,
    code: raw.code,
    type,
    mode,
    context: raw.context ?? mapped?.context ?? [],
    frame,
    preps: raw.preps ?? DEFAULT_PREPS[pos][frame],
    // Material conflict in a place is coded against that place when nothing else is the target (PLOVER's practice).
    locationTarget: raw.locationTarget ?? (frame === 'intransitive' || (type !== null && LOCATED_TYPES.has(type))),
    locationSource: raw.locationSource ?? false,
    requireTarget: raw.requireTarget ?? false,
    of: raw.of ?? 'target',
    keepObject: raw.keepObject ?? false,
    absorbs: raw.absorbs ?? false,
    confidence: raw.confidence ?? (pos === 'verb' ? 0.8 : 0.7),
    specificity: (particle.length ? 2 : 0) + (object.length ? 2 : 0) + (modifier.length ? 1 : 0),
    example: raw.example,
  };
  if (raw.modality !== undefined) e.modality = raw.modality;
  if (raw.note !== undefined) e.note = raw.note;
  return e;
}

/** Load, validate and compile the dictionary in `dir` (default data/events). Throws on a broken file. */
export function loadDictionary(dir = DEFAULT_EVENTS_DIR): Dictionary {
  let names: string[];
  try {
    names = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  } catch (e) {
    throw new Error(`events: cannot read dictionary directory ${dir}: ${(e as Error).message}`);
  }
  const hash = createHash('sha256');
  const entries: DictEntry[] = [];
  const byId = new Map<string, DictEntry>();
  let cues: Cues | undefined;
  const roots = new Set<string>();
  for (const name of names) {
    const path = join(dir, name);
    const bytes = readFileSync(path);
    hash.update(name).update('\0').update(bytes).update('\0');
    const shown = `data/events/${name}`;
    if (name === 'cues.json') {
      cues = parseWith(cuesSchema, readJson(path, shown), shown);
      continue;
    }
    const file = parseWith(fileSchema, readJson(path, shown), shown);
    if (!name.startsWith(`${file.root}-`)) fail(shown, 'root', `file of root ${file.root} must be named ${file.root}-….json`);
    roots.add(file.root);
    file.entries.forEach((raw, i) => {
      const e = compileEntry(raw, shown, file.root, i);
      if (byId.has(e.id)) fail(shown, `entries.${i}`, `duplicate id ${e.id} (also in ${byId.get(e.id)!.file})`);
      byId.set(e.id, e);
      entries.push(e);
    });
  }
  if (!cues) throw new Error(`events: ${dir} has no cues.json`);
  const compiled = compileCues(cues);

  const verbs = new Map<string, DictEntry[]>();
  const nouns = new Map<string, DictEntry[]>();
  const forms = new Map<string, string>();
  const irregular = new Map<string, string[]>(Object.entries(cues.irregular));
  for (const [lemmaWord, fs] of irregular) for (const f of fs) forms.set(f, lemmaWord);
  // The lemmatiser slips on some regular forms too ("staged" → "stag"): light verbs and verbs of saying are looked up by form.
  for (const lv of [...cues.lightVerbs, ...cues.speech]) for (const f of verbForms(lv)) if (!forms.has(f)) forms.set(f, lv);
  for (const e of entries) {
    const index = e.pos === 'verb' ? verbs : nouns;
    for (const h of e.heads) {
      const key = e.pos === 'noun' ? h.split(' ').at(-1)! : h;
      const bucket = index.get(key) ?? [];
      bucket.push(e);
      index.set(key, bucket);
      const fs = e.pos === 'verb' ? verbForms(h) : nounForms(h);
      for (const f of fs) if (!forms.has(f)) forms.set(f, key);
      if (e.pos === 'verb') for (const f of irregular.get(h) ?? []) forms.set(f, h);
    }
  }
  for (const bucket of [...verbs.values(), ...nouns.values()]) bucket.sort((a, b) => b.specificity - a.specificity);
  const compounds = new Set<string>();
  for (const e of entries) for (const w of [...e.heads, ...e.object, ...e.modifier]) if (/^[a-z]+-[a-z]+$/.test(w)) compounds.add(w);
  return {
    dir,
    version: hash.digest('hex').slice(0, 12),
    entries,
    byId,
    verbs,
    nouns,
    forms,
    compounds,
    cues: compiled,
    files: names,
  };
}

/**
 * The code an absorbing root gives an embedded event: `refine(dict, '12',
 * '0841')` is 1243 (refuse to release). Longest prefix of the embedded code
 * in cues.json `refine`; undefined when the root has no table or no prefix fits.
 */
export function refineCode(dict: Dictionary, root: string, embedded: string): string | undefined {
  const table = dict.cues.refine.get(root);
  if (!table) return undefined;
  for (let len = embedded.length; len >= 2; len--) {
    const to = table.get(embedded.slice(0, len));
    if (to) return to;
  }
  return undefined;
}

let cached: Dictionary | undefined;

/** The bundled dictionary, loaded once. */
export function dictionary(): Dictionary {
  cached ??= loadDictionary();
  return cached;
}
