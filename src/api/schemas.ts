import { z } from 'zod';
import { MODALITIES, PLOVER_TYPES } from '../events/record.js';

/** Shared request schemas: the same objects validate requests and describe them in OpenAPI. */
export const isoDate = z.iso.date().describe('a date, YYYY-MM-DD');
export const actorCode = z
  .string()
  .regex(/^[A-Z]{3}[A-Z0-9]{0,12}$/, 'expected an ISO3 country or a CAMEO-style code such as USA or USAGOV')
  .describe('ISO3 country or CAMEO-style code (USA, USAGOV)');
export const dyadParam = z
  .string()
  .regex(/^[A-Z]{3}[A-Z0-9]{0,12}:[A-Z]{3}[A-Z0-9]{0,12}$/, 'expected SOURCE:TARGET, e.g. USA:CHN')
  .describe('directed dyad SOURCE:TARGET, e.g. USA:CHN');
export const idParam = z.object({ id: z.coerce.number().int().positive().describe('article id') }).strict();
export const limit = (max: number, dflt: number) => z.coerce.number().int().min(1).max(max).default(dflt).describe(`page size, 1…${max} (default ${dflt})`);
export const offset = z.coerce.number().int().min(0).max(1_000_000).default(0).describe('items to skip');
export const bool = z.enum(['true', 'false']);

export const articlesQuery = z
  .object({
    limit: limit(200, 50),
    offset,
    outlet: z.string().min(1).max(200).optional().describe('exact outlet name'),
    language: z.string().regex(/^[a-z]{3}$/, 'expected an ISO 639-3 code such as eng').optional(),
    since: isoDate.optional().describe('published on or after'),
    until: isoDate.optional().describe('published on or before'),
    duplicates: bool.default('false').describe('include articles stored as duplicates'),
  })
  .strict();

export const eventsQuery = z
  .object({
    actor: actorCode.optional(),
    dyad: dyadParam.optional(),
    since: isoDate.optional(),
    until: isoDate.optional(),
    type: z.enum(PLOVER_TYPES).optional().describe('PLOVER event type'),
    root: z.string().regex(/^\d{2}$/, 'expected a two-digit CAMEO root such as 04').optional().describe('CAMEO root code'),
    modality: z.enum(MODALITIES).optional(),
    article: z.coerce.number().int().positive().optional().describe('only events of this article'),
    limit: limit(500, 50),
    after: z.string().regex(/^[A-Za-z0-9_-]{4,400}$/, 'expected the `next` cursor of a previous page').optional().describe('cursor: the previous page’s `next`'),
  })
  .strict();

export const actorsQuery = z
  .object({
    country: z.string().regex(/^[A-Z]{3}$/, 'expected an ISO3 code such as USA').optional(),
    type: z.enum(['state', 'person', 'org', 'group']).optional(),
    q: z.string().min(1).max(100).optional().describe('case-insensitive part of the name'),
    limit: limit(5000, 500),
  })
  .strict();

export const actorParams = z.object({ id: z.string().regex(/^[A-Za-z0-9_.-]{2,80}$/, 'expected an actor id such as USA or donald-trump') }).strict();

export const searchQuery = z
  .object({
    q: z.string().trim().min(1, 'expected at least one word').max(500).describe('words to find (all of them)'),
    limit: limit(100, 20),
    offset,
  })
  .strict();

export const ingestQuery = z
  .object({
    date: isoDate.optional().describe('publication date for an article that carries none'),
    outlet: z.string().min(1).max(200).optional(),
    format: z.enum(['text', 'html', 'rss', 'atom', 'json', 'jsonl', 'csv']).optional(),
  })
  .strict();
