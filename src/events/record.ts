/**
 * The event record: one political event coded from one sentence.
 *
 * Field names are snake_case because this is the serialised form (JSON
 * output, storage, exports); the TypeScript type uses the same names so a
 * record is written and read without renaming. Actor lists are kept as PLOVER
 * keeps them ("Mexico and Canada" is one event with two targets); exports
 * that need dyads (GDELT) expand them.
 */
import { z } from 'zod';

/** The 16 event types of the current PLOVER manual, in the manual's order. */
export const PLOVER_TYPES = [
  'AGREE', 'CONSULT', 'SUPPORT', 'CONCEDE', 'COOPERATE', 'AID', 'RETREAT', 'REQUEST',
  'ACCUSE', 'REJECT', 'THREATEN', 'PROTEST', 'SANCTION', 'MOBILIZE', 'COERCE', 'ASSAULT',
] as const;
export type PloverType = (typeof PLOVER_TYPES)[number];

export const MODALITIES = ['asserted', 'planned', 'threatened', 'hypothetical', 'reported', 'historical'] as const;
/**
 * How the text presents the event: asserted (happened), planned (aims to, is
 * set to, will), threatened (threat of tariffs), hypothetical (could, if),
 * reported (X said Y happened), historical (during his first term).
 */
export type Modality = (typeof MODALITIES)[number];

/** 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict. */
export type QuadClass = 1 | 2 | 3 | 4;

export const spanSchema = z.object({
  text: z.string(),
  /** Character offsets, `end` exclusive. In `sentence` they index the article text; in `trigger` too. */
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
});
export type Span = z.infer<typeof spanSchema>;

export const actorSchema = z.object({
  /** CAMEO-style actor code: country (or IGO) + sector, e.g. USAGOV, CHNMIL, IGOUNO; may be just USA. */
  code: z.string(),
  /** ISO 3166 alpha-3, `IGO` for intergovernmental bodies, or '' when unknown / not a state actor. */
  country: z.string().regex(/^(?:[A-Z]{3})?$/),
  /** Sector code as in data/actors/sectors.json (GOV, MIL, …) or ''. */
  sector: z.string(),
  /** The words in the sentence that name the actor. */
  text: z.string(),
  /** Id in the actor knowledge base, when resolved to a known entity. */
  actor_id: z.string().optional(),
});
export type Actor = z.infer<typeof actorSchema>;

export const locationSchema = z.object({
  text: z.string(),
  /** ISO 3166 alpha-3 of the place, or ''. */
  country: z.string().regex(/^(?:[A-Z]{3})?$/),
  start: z.number().int().nonnegative().optional(),
  end: z.number().int().nonnegative().optional(),
});
export type EventLocation = z.infer<typeof locationSchema>;

export const eventRecordSchema = z.object({
  id: z.string().min(1),
  /** Stored article id; null for a sentence coded on its own (`entente code "…"`). */
  article_id: z.number().int().nullable(),
  sentence: spanSchema,
  sources: z.array(actorSchema),
  targets: z.array(actorSchema),
  plover: z.object({
    type: z.enum(PLOVER_TYPES),
    /** '' when no mode applies. */
    mode: z.string(),
    context: z.array(z.string()),
  }),
  cameo: z.object({
    /** 2–4 digit CAMEO event code, e.g. 0874. */
    code: z.string().regex(/^\d{2,4}$/),
    root: z.string().regex(/^\d{2}$/),
    quad_class: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]),
    goldstein: z.number().min(-10).max(10),
  }),
  modality: z.enum(MODALITIES),
  /** "did not agree": the event is stated as not happening. */
  negated: z.boolean(),
  /** ISO date YYYY-MM-DD. */
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  /** `text`: an explicit date in the sentence; `article`: the article's date. */
  date_basis: z.enum(['text', 'article']),
  location: locationSchema.optional(),
  /** Who said it, for reported events. */
  speaker: actorSchema.optional(),
  trigger: spanSchema,
  /** The dictionary entry or rule that produced the event. */
  rule_id: z.string(),
  /** 0..1. */
  confidence: z.number().min(0).max(1),
  /** Version of the pattern dictionary the event was coded with (recode is idempotent per version). */
  dictionary_version: z.string(),
});
export type EventRecord = z.infer<typeof eventRecordSchema>;
