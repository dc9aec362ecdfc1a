import { francAll } from 'franc-min';

/** Common English function words: short texts (headlines) are judged by these. */
const ENGLISH_WORDS = new Set(
  'the of and to in a is that for on with as was by at from it be are has have an will said says after over not his her their its who new us than more been were which this'.split(' '),
);

/** Function words of other Latin-script languages, to catch short non-English texts. */
const OTHER_WORDS = new Set(
  'le la les des du un une et est dans pour sur avec der die das und ist nicht mit von den zu el los las del y en por con para una que het een van op voor il della di che per non gli os das um uma em não och att det som är på og af og ikke ja ei se ni za na je'.split(' '),
);

/** Share of letters that are basic Latin (a–z), over the words found. */
function latinShare(words: string[]): number {
  let ascii = 0;
  let all = 0;
  for (const w of words) {
    all += w.length;
    for (let i = 0; i < w.length; i++) {
      const c = w.charCodeAt(i);
      if (c >= 97 && c <= 122) ascii++;
    }
  }
  return all ? ascii / all : 0;
}

export interface LanguageGuess {
  /** ISO 639-3, `und` when undetermined. */
  language: string;
  /** 0…1, how sure the guess is. */
  confidence: number;
}

/**
 * Guess the language of an article. franc's trigram model on long texts;
 * on short ones (headlines) English function words, falling back to franc
 * only when the text is clearly not Latin-script English.
 */
export function detectLanguage(text: string): LanguageGuess {
  const sample = text.length > 1500 ? text.slice(0, 1500) : text;
  const words = sample.toLowerCase().match(/\p{L}+/gu) ?? [];
  if (words.length === 0) return { language: 'und', confidence: 0 };
  const english = words.filter((w) => ENGLISH_WORDS.has(w)).length / words.length;
  const latin = latinShare(words);
  if (sample.length < 200 && latin > 0.9) {
    // Trigram statistics mean little on a headline: only other languages' function words outvote English.
    const other = words.filter((w) => OTHER_WORDS.has(w)).length / words.length;
    if (other < 0.2 || other <= english) return { language: 'eng', confidence: english > 0 ? 0.5 : 0.3 };
  }
  // News prose in English is dense with these words; other languages' texts are not. Skip the slow trigram model.
  if (english >= 0.15 && latin > 0.95) return { language: 'eng', confidence: 0.9 };
  const ranked = francAll(sample, { minLength: 10 });
  const top = ranked[0];
  if (!top || top[0] === 'und') return { language: latin > 0.9 && english > 0.05 ? 'eng' : 'und', confidence: 0 };
  if (top[0] !== 'eng') {
    // Trigram models confuse English with Scots and similar on news prose; function words settle it.
    if (english >= 0.12 && latin > 0.95) return { language: 'eng', confidence: 0.6 };
    const eng = ranked.find((r) => r[0] === 'eng');
    if (eng && eng[1] > 0.95 && english > 0.08) return { language: 'eng', confidence: 0.6 };
  }
  return { language: top[0], confidence: Math.round(top[1] * 100) / 100 };
}
