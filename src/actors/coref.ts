/**
 * Simple coreference over the mentions found so far: a personal pronoun
 * takes the last person of its gender in the paragraph, "the two leaders"
 * and "both nations" take the last two people or states.
 */

/** What coreference needs to know about a mention found earlier. */
export interface CorefItem {
  kind: string;
  sentence: number;
  paragraph: number;
  /** Person id, or the text of an unknown person. */
  key?: string;
  /** ISO3 state, '' if none. */
  state: string;
  gender?: 'm' | 'f' | 'x';
  /** Resolved to another mention (pronouns, surnames): the mention it stands for. */
  antecedent?: number;
  location?: boolean;
  possessive?: boolean;
}

const PERSON_KINDS = new Set(['person', 'unknown-person']);

/** How many sentences back a pronoun may look. */
export const PRONOUN_WINDOW = 3;
/** How many sentences back a pair phrase may look. */
export const PAIR_WINDOW = 6;

function genderFits(want: 'm' | 'f', g: 'm' | 'f' | 'x' | undefined): boolean {
  return g === undefined || g === 'x' || g === want;
}

/**
 * The antecedent of a pronoun of `gender` in `sentence`: the first person
 * (the likely subject) earlier in the same sentence, else the first person of
 * the nearest earlier sentence in the paragraph that has one. An object
 * pronoun ("him", "her" without a noun after it) does not take the subject of
 * its own sentence: the nearest other person there, else an earlier
 * sentence's. Pronouns already resolved count as their antecedent.
 */
export function pronounAntecedent(items: readonly CorefItem[], sentence: number, paragraph: number, gender: 'm' | 'f', object = false): number | undefined {
  let first: number | undefined;
  let nearestOther: number | undefined;
  let inSentence = 0;
  let sentenceSeen = -1;
  for (let k = items.length - 1; k >= 0; k--) {
    const m = items[k]!;
    if (m.paragraph !== paragraph || m.sentence < sentence - PRONOUN_WINDOW) break;
    const g = m.antecedent !== undefined ? (items[m.antecedent]?.gender ?? m.gender) : m.gender;
    if ((!PERSON_KINDS.has(m.kind) && m.kind !== 'pronoun') || !genderFits(gender, g)) continue;
    if (m.kind === 'pronoun' && m.antecedent === undefined) continue;
    if (sentenceSeen !== -1 && m.sentence !== sentenceSeen) {
      // an object pronoun whose sentence held only its subject looks further back
      if (object && sentenceSeen === sentence && inSentence === 1) {
        sentenceSeen = -1;
        first = undefined;
      } else break;
    }
    if (sentenceSeen === -1) sentenceSeen = m.sentence;
    const id = m.antecedent ?? k;
    if (m.sentence === sentence) {
      inSentence++;
      if (nearestOther === undefined) nearestOther = id;
    }
    first = id;
  }
  if (object && sentenceSeen === sentence) {
    // the nearest person in the sentence that is not its subject
    return inSentence >= 2 ? nearestOther : undefined;
  }
  return first;
}

/** The last two distinct people (kind person) or states (kind country) before this point. */
export function pairAntecedents(items: readonly CorefItem[], sentence: number, kind: 'person' | 'country', isState: (code: string) => boolean): number[] {
  const out: number[] = [];
  const seen = new Set<string>();
  for (let k = items.length - 1; k >= 0 && out.length < 2; k--) {
    const m = items[k]!;
    if (m.sentence < sentence - PAIR_WINDOW) break;
    // "China's expanding influence": a possessive modifier is rarely one of the pair
    if (m.possessive) continue;
    let key: string | undefined;
    if (kind === 'person') key = PERSON_KINDS.has(m.kind) ? m.key : undefined;
    else key = !m.location && m.kind !== 'pronoun' && isState(m.state) ? m.state : undefined;
    if (key === undefined || seen.has(key)) continue;
    seen.add(key);
    out.push(m.antecedent ?? k);
  }
  return out.reverse();
}
