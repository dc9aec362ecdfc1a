import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { DATA_DIR } from '../paths.js';

const LineRuleSchema = z.object({
  id: z.string().regex(/^[a-z][a-z-]*$/),
  reason: z.string().min(1),
  maxWords: z.number().int().positive(),
  caseSensitive: z.boolean().optional(),
  patterns: z.array(z.string().min(1)).min(1),
});

export const BoilerplateSchema = z.object({
  $comment: z.string().optional(),
  version: z.number().int(),
  lineRules: z.array(LineRuleSchema),
  referenceDomainLine: z.string(),
  datelinePatterns: z.array(z.string()),
});

export interface LineRule {
  id: string;
  reason: string;
  maxWords: number;
  patterns: RegExp[];
}

export interface CompiledBoilerplate {
  version: number;
  lineRules: LineRule[];
  referenceDomainLine: RegExp;
  datelinePatterns: RegExp[];
}

function compile(source: string, flags: string, where: string): RegExp {
  try {
    return new RegExp(source, flags);
  } catch (e) {
    throw new Error(`clean: invalid pattern in ${where}: ${source}: ${(e as Error).message}`);
  }
}

/** Validate and compile the boilerplate rules (data/clean/boilerplate.json by default). */
export function compileBoilerplate(json: unknown, file = 'boilerplate.json'): CompiledBoilerplate {
  const parsed = BoilerplateSchema.safeParse(json);
  if (!parsed.success) throw new Error(`clean: invalid ${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const d = parsed.data;
  const ids = new Set<string>();
  for (const r of d.lineRules) {
    if (ids.has(r.id)) throw new Error(`clean: invalid ${file}: duplicate rule id ${r.id}`);
    ids.add(r.id);
  }
  return {
    version: d.version,
    lineRules: d.lineRules.map((r) => ({
      id: r.id,
      reason: r.reason,
      maxWords: r.maxWords,
      // Patterns that capture an outlet or date are tried first, so a line tells what it knows.
      patterns: [...r.patterns.filter((p) => p.includes('(?<')), ...r.patterns.filter((p) => !p.includes('(?<'))].map((p) =>
        compile(p, r.caseSensitive ? 'u' : 'iu', `${file} rule ${r.id}`),
      ),
    })),
    referenceDomainLine: compile(d.referenceDomainLine, 'iu', `${file} referenceDomainLine`),
    datelinePatterns: d.datelinePatterns.map((p) => compile(p, 'u', `${file} datelinePatterns`)),
  };
}

let cached: CompiledBoilerplate | undefined;

/** The bundled rules, compiled once. */
export function defaultBoilerplate(): CompiledBoilerplate {
  if (!cached) {
    const file = join(DATA_DIR, 'clean', 'boilerplate.json');
    cached = compileBoilerplate(JSON.parse(readFileSync(file, 'utf8')), file);
  }
  return cached;
}
