import type { Modality, QuadClass } from '../events/record.js';

/**
 * One directed dyad of one stored event, as relations read it (Store
 * `listRelationRows`): the numbers, not the text. Evidence sentences are
 * fetched by `eventId` when shown.
 */
export interface RelationRow {
  eventId: string;
  articleId: number;
  outlet?: string;
  /** ISO date of the event. */
  date: string;
  /** Relation keys (see keys.ts). */
  source: string;
  target: string;
  quadClass: QuadClass;
  goldstein: number;
  modality: Modality;
  negated: boolean;
  /** The coder's confidence, 0..1. */
  confidence: number;
  cameoCode: string;
}

/**
 * The relation rows of one directed key pair on one day, as columns (Store
 * `listRelationDays`): the same rows, in the same order (event id), that
 * `listRelationRows` gives, packed so a dyad's series reads a few hundred
 * days instead of tens of thousands of rows. Text columns are indexes into the
 * day's own lists (`outlet` −1: none).
 */
export interface RelationDay {
  source: string;
  target: string;
  /** ISO date shared by every row of the day. */
  date: string;
  /** Every row's event id. The four lists of strings are made on first use: a series reads them packed. */
  eventIds: string[];
  articleIds: ArrayLike<number>;
  goldstein: ArrayLike<number>;
  confidence: ArrayLike<number>;
  quadClass: ArrayLike<number>;
  /** 0 or 1. */
  negated: ArrayLike<number>;
  modality: ArrayLike<number>;
  cameo: ArrayLike<number>;
  outlet: ArrayLike<number>;
  modalities: Modality[];
  cameoCodes: string[];
  outlets: string[];
  /** The same lists kept in one text (what dyadSeriesOfDays reads, making a string only of what it keeps). */
  packed: PackedLists;
}

/**
 * A day's lists of strings in one text: item k is `text.slice(bounds[2k], bounds[2k + 1])`. Items 0…rows−1 are the
 * rows' event ids; the outlets start at item `lists[0]`, the CAMEO codes at `lists[1]`, the modalities at `lists[2]`,
 * up to `lists[3]`.
 */
export interface PackedLists {
  text: string;
  bounds: Int32Array;
  lists: readonly [number, number, number, number];
}

/** A directed key pair of relation rows: its first and last date. */
export interface RelationPair {
  source: string;
  target: string;
  first: string;
  last: string;
}

/** A row as it counts for one dyad: `share` < 1 when it reached the dyad through a group's membership. */
export interface Contribution extends RelationRow {
  share: number;
  /** The group key the row was expanded from. */
  via?: string | undefined;
  /** Days since 1970-01-01 of `date`. */
  day: number;
  /** The event's signed score (score.ts `eventScore`). */
  score: number;
}

export type Period = 'day' | 'week' | 'month';

/** The parameters of the relation index; see docs/RELATIONS.md. */
export interface RelationParams {
  /** Days after which an event counts half. */
  halfLifeDays: number;
  /** Weight of each modality (threatened events are also counted as conflict). */
  modality: Record<Modality, number>;
  /** Weight of a negated conflict event, counted with its sign flipped ("did not sever ties"). */
  negatedConflict: number;
  /** Pseudo-weight of neutral evidence that shrinks thin dyads toward 0. */
  prior: number;
  /** Days within which two reports of the same dyad and CAMEO root are one event. */
  sameEventDays: number;
  /** Largest share a member of an alliance, bloc or forum gets of an event naming the group (1/√members below it; 1/members for regions and informal groups). */
  memberShare: number;
  /** Member shares below this are dropped: a region of fifty countries says next to nothing about any one of them. */
  minMemberShare: number;
  /** Recent window for change, in days (the least one when chosen from the span of the events). */
  windowDays: number;
  /** Index points a dyad must move in the window to be a shift. */
  minChange: number;
  /** Distinct events in the window a shift needs. */
  minEvents: number;
}

export const DEFAULT_PARAMS: Readonly<RelationParams> = Object.freeze({
  halfLifeDays: 90,
  modality: Object.freeze({ asserted: 1, planned: 0.5, reported: 0.6, threatened: 1, historical: 0.25, hypothetical: 0 }),
  negatedConflict: 0.25,
  prior: 0.5,
  sameEventDays: 1,
  memberShare: 0.5,
  minMemberShare: 0.05,
  windowDays: 30,
  minChange: 5,
  minEvents: 2,
}) as Readonly<RelationParams>;

/** A pointer from a figure to the event behind it. */
export interface EvidenceRef {
  eventId: string;
  articleId: number;
  date: string;
  outlet?: string;
  source: string;
  target: string;
  cameoCode: string;
  /** The event's signed score before decay (Goldstein × modality × confidence). */
  score: number;
  /** Its part in the index at the reference date (decayed, shared among its coverage). */
  contribution: number;
  /** Other reports of the same event folded into it. */
  coverage: number;
  via?: string;
}
