/**
 * Opinion language in a text: perspective phrases ("from a Republican
 * perspective"), first-person pronouns outside quotations, evaluative
 * adjectives and adverbs. A sentence with a perspective phrase, a first
 * person, or two evaluative words counts as opinion. Pure.
 */
import type { Analysis } from '../nlp/analyze.js';
import { findCues, voiceCues, type VoiceCues } from './data.js';

export interface OpinionReport {
  sentences: number;
  /** Sentences with opinion language. */
  opinion: number;
  /** Indexes of those sentences. */
  which: number[];
}

export function opinionSentences(a: Analysis, quoted: ReadonlyArray<{ start: number; end: number }>, cues: VoiceCues = voiceCues()): OpinionReport {
  const which: number[] = [];
  for (const s of a.sentences) {
    const tokens = a.tokens.slice(s.first, s.last + 1).filter((t) => !quoted.some((q) => t.start >= q.start && t.end <= q.end));
    if (tokens.length === 0) continue;
    const words = tokens.map((t) => t.lower);
    const perspective = findCues(words, cues.perspective).length > 0;
    const first = words.some((w) => cues.firstPerson.has(w));
    const evaluative = words.filter((w) => cues.evaluative.has(w)).length;
    if (perspective || first || evaluative >= 2) which.push(s.index);
  }
  return { sentences: a.sentences.length, opinion: which.length, which };
}
