/**
 * The resolver's grammar words (data/actors/lexicon.json): speech verbs,
 * pronouns, pair phrases, location prepositions, honorifics and the like,
 * validated with zod and compiled once into sets of normalised words.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { DATA_DIR } from '../paths.js';
import { formKey } from './kb.js';

const Words = z.array(z.string().min(1));

export const LexiconFile = z.strictObject({
  $comment: z.string().min(1),
  version: z.literal(1),
  speechVerbs: Words,
  pronouns: z.record(z.string().regex(/^[a-z]+$/), z.enum(['m', 'f'])),
  groupPronouns: Words,
  pairs: z.array(z.strictObject({ text: z.string().min(1), kind: z.enum(['person', 'country']) })),
  locationPrepositions: Words,
  motionLemmas: Words,
  titleQualifiers: Words,
  thenPrefixes: Words,
  attitudePrefixes: Words,
  honorifics: z.array(z.strictObject({ text: z.string().min(1), sector: z.string().regex(/^(?:[A-Z]{3})?$/) })),
  nameParticles: Words,
  nameSuffixes: Words,
  collectiveGovernment: Words,
  organisationWords: Words,
  functionWords: Words,
});
export type LexiconInput = z.infer<typeof LexiconFile>;

export interface Lexicon {
  speechVerbs: ReadonlySet<string>;
  pronouns: ReadonlyMap<string, 'm' | 'f'>;
  /** Plural pronouns that refer back to a people, group or organisation the sentence opened with. */
  groupPronouns: ReadonlySet<string>;
  /** Pair phrases as normalised word lists, keyed by their first word. */
  pairs: ReadonlyMap<string, ReadonlyArray<{ words: readonly string[]; kind: 'person' | 'country' }>>;
  /** Second words of the pair phrases. */
  pairSeconds: ReadonlySet<string>;
  locationPrepositions: ReadonlySet<string>;
  motionLemmas: ReadonlySet<string>;
  titleQualifiers: ReadonlySet<string>;
  thenPrefixes: ReadonlySet<string>;
  attitudePrefixes: ReadonlySet<string>;
  /** Normalised honorific → sector ('' for none). */
  honorifics: ReadonlyMap<string, string>;
  nameParticles: ReadonlySet<string>;
  nameSuffixes: ReadonlySet<string>;
  collectiveGovernment: ReadonlySet<string>;
  organisationWords: ReadonlySet<string>;
  functionWords: ReadonlySet<string>;
}

export const DEFAULT_LEXICON_FILE = join(DATA_DIR, 'actors', 'lexicon.json');

const lower = (xs: readonly string[]): Set<string> => new Set(xs.map((x) => x.toLowerCase()));

/** Compile validated lexicon data. */
export function compileLexicon(input: LexiconInput): Lexicon {
  const pairs = new Map<string, Array<{ words: string[]; kind: 'person' | 'country' }>>();
  for (const p of input.pairs) {
    const words = formKey(p.text).split(' ');
    const list = pairs.get(words[0]!) ?? [];
    list.push({ words, kind: p.kind });
    list.sort((a, b) => b.words.length - a.words.length);
    pairs.set(words[0]!, list);
  }
  return {
    speechVerbs: lower(input.speechVerbs),
    pronouns: new Map(Object.entries(input.pronouns)),
    groupPronouns: lower(input.groupPronouns),
    pairs,
    pairSeconds: new Set([...pairs.values()].flat().map((p) => p.words[1] ?? '')),
    locationPrepositions: lower(input.locationPrepositions),
    motionLemmas: lower(input.motionLemmas),
    titleQualifiers: lower(input.titleQualifiers),
    thenPrefixes: lower(input.thenPrefixes),
    attitudePrefixes: lower(input.attitudePrefixes),
    honorifics: new Map(input.honorifics.map((h) => [h.text.toLowerCase(), h.sector])),
    nameParticles: lower(input.nameParticles),
    nameSuffixes: lower(input.nameSuffixes),
    collectiveGovernment: lower(input.collectiveGovernment),
    organisationWords: lower(input.organisationWords),
    functionWords: lower(input.functionWords),
  };
}

let defaultLexicon: Lexicon | undefined;

/** Load and validate the lexicon; the default file is read once per process. */
export function loadLexicon(file: string = DEFAULT_LEXICON_FILE): Lexicon {
  if (file === DEFAULT_LEXICON_FILE && defaultLexicon) return defaultLexicon;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`actors: ${file}: cannot read the lexicon: ${(e as Error).message}`);
  }
  const r = LexiconFile.safeParse(json);
  if (!r.success) {
    throw new Error(r.error.issues.map((i) => `actors: ${file}: ${i.path.join('.') || 'file'}: ${i.message}`).join('\n'));
  }
  const lex = compileLexicon(r.data);
  if (file === DEFAULT_LEXICON_FILE) defaultLexicon = lex;
  return lex;
}
