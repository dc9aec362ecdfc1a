/** Loads and compiles data/html/boilerplate.json once. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { DATA_DIR } from '../paths.js';

const RuleId = z.string().regex(/^html-[a-z-]+$/);

const BoilerplateSchema = z.object({
  description: z.string().optional(),
  elementRules: z.array(
    z
      .object({
        ruleId: RuleId,
        attrs: z.string().min(1).optional(),
        tags: z.array(z.string().regex(/^[a-z][a-z0-9]*$/)).optional(),
        /** The element may hold at most this share of the article's text, so a rule never empties an article. */
        maxShare: z.number().gt(0).max(1),
      })
      .refine((r) => r.attrs !== undefined || r.tags !== undefined, { message: 'an element rule needs attrs or tags' }),
  ),
  lineRules: z.array(
    z.object({
      ruleId: RuleId,
      pattern: z.string().min(1),
      maxWords: z.number().int().positive(),
      minLinkShare: z.number().min(0).max(1).optional(),
      thenLinkLines: z.boolean().optional(),
      caseSensitive: z.boolean().optional(),
    }),
  ),
});

export interface ElementRule {
  ruleId: string;
  attrs?: RegExp;
  tags: Set<string>;
  maxShare: number;
}

export interface LineRule {
  ruleId: string;
  pattern: RegExp;
  maxWords: number;
  /** The line must have at least this share of its characters inside links. */
  minLinkShare: number;
  /** Also drop the short link-dense lines that follow (a heading and its list of links). */
  thenLinkLines: boolean;
}

export interface HtmlRules {
  elementRules: ElementRule[];
  /** Union of the element rules' attribute patterns, to reject most elements with one test. */
  anyElementAttrs: RegExp;
  /** Tags named by any element rule. */
  elementTags: Set<string>;
  lineRules: LineRule[];
  /** The largest maxWords of any line rule. */
  maxLineWords: number;
}

function compile(source: string, where: string, flags = 'iu'): RegExp {
  try {
    return new RegExp(source, flags);
  } catch (e) {
    throw new Error(`ingest: invalid pattern in ${where}: ${source}: ${(e as Error).message}`);
  }
}

export function compileHtmlRules(json: unknown, file = 'data/html/boilerplate.json'): HtmlRules {
  const parsed = BoilerplateSchema.safeParse(json);
  if (!parsed.success) {
    throw new Error(`ingest: invalid ${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  const attrSources = parsed.data.elementRules.map((r) => r.attrs).filter((a): a is string => !!a);
  return {
    anyElementAttrs: compile(attrSources.length ? attrSources.map((a) => `(?:${a})`).join('|') : '(?!)', `${file} elementRules`),
    elementTags: new Set(parsed.data.elementRules.flatMap((r) => r.tags ?? [])),
    maxLineWords: Math.max(0, ...parsed.data.lineRules.map((r) => r.maxWords)),
    elementRules: parsed.data.elementRules.map((r, i) => ({
      ruleId: r.ruleId,
      ...(r.attrs ? { attrs: compile(r.attrs, `${file} elementRules[${i}]`) } : {}),
      tags: new Set(r.tags ?? []),
      maxShare: r.maxShare,
    })),
    lineRules: parsed.data.lineRules.map((r, i) => ({
      ruleId: r.ruleId,
      pattern: compile(r.pattern, `${file} lineRules[${i}]`, r.caseSensitive ? 'u' : 'iu'),
      maxWords: r.maxWords,
      minLinkShare: r.minLinkShare ?? 0,
      thenLinkLines: r.thenLinkLines ?? false,
    })),
  };
}

let cached: HtmlRules | undefined;

export function htmlRules(): HtmlRules {
  if (!cached) {
    const file = join(DATA_DIR, 'html', 'boilerplate.json');
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      throw new Error(`ingest: cannot read ${file}: ${(e as Error).message}`);
    }
    cached = compileHtmlRules(json, file);
  }
  return cached;
}

/**
 * The string element rules match: class, id, role, itemprop and
 * data-component joined by spaces, camelCase split (newsCaption →
 * news-caption) so that patterns can anchor on word starts, lower-cased.
 */
export function attrKey(values: Array<string | null | undefined>): string {
  let s = '';
  for (const v of values) if (v) s += (s ? ' ' : '') + v;
  return s.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase();
}

/** Class names repeat within a page and across a site's pages: remember the verdicts, up to a bound. */
const MAX_CACHED_VERDICTS = 20000;
const verdicts = new WeakMap<HtmlRules, Map<string, ElementRule | null>>();

/** The first element rule matching a tag and attribute key (size limits are the caller's business). */
export function matchElement(tag: string, key: string, rules: HtmlRules): ElementRule | undefined {
  if (!rules.elementTags.has(tag) && !key) return undefined;
  let cache = verdicts.get(rules);
  if (!cache) verdicts.set(rules, (cache = new Map()));
  const id = `${tag} ${key}`;
  const known = cache.get(id);
  if (known !== undefined) return known ?? undefined;
  let found: ElementRule | null = null;
  if (rules.elementTags.has(tag) || rules.anyElementAttrs.test(key)) {
    for (const r of rules.elementRules) {
      if (r.tags.has(tag) || (r.attrs && key && r.attrs.test(key))) {
        found = r;
        break;
      }
    }
  }
  if (cache.size >= MAX_CACHED_VERDICTS) cache.clear();
  cache.set(id, found);
  return found ?? undefined;
}
