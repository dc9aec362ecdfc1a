/**
 * The alliance baseline: formal alliances, partnerships and rivalries with
 * dates (data/alliances/alliances.json), validated by a zod schema and
 * compiled once. Pure after load.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { DATA_DIR } from '../paths.js';

const iso3 = z.string().regex(/^[A-Z]{3}$/);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).refine((d) => !Number.isNaN(Date.parse(d)), 'not a real date');

export const AGREEMENT_KINDS = ['collective-defence', 'bilateral-defence', 'security-pact', 'intelligence', 'partnership', 'union', 'organisation'] as const;
export type AgreementKind = (typeof AGREEMENT_KINDS)[number];
/** Kinds that make two members allies for hedging: they bind the members' security. */
export const ALLIANCE_KINDS: ReadonlySet<AgreementKind> = new Set(['collective-defence', 'bilateral-defence', 'security-pact', 'intelligence']);
/** Weaker pacts (the Rio Treaty, 30) do not make allies for hedging. */
export const ALLY_STRENGTH = 40;

const memberSchema = z.object({ country: iso3, since: isoDate, until: isoDate.optional(), note: z.string().optional() }).strict()
  .refine((m) => m.until === undefined || m.until > m.since, { message: 'until must be after since' });

const agreementSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  name: z.string().min(1),
  kind: z.enum(AGREEMENT_KINDS),
  strength: z.number().min(0).max(100),
  signed: isoDate,
  note: z.string().optional(),
  members: z.array(memberSchema).min(2),
}).strict();

const rivalrySchema = z.object({
  a: iso3, b: iso3, since: isoDate, until: isoDate.optional(),
  strength: z.number().min(-100).max(0),
  note: z.string().min(1),
}).strict();

export const alliancesFileSchema = z.object({
  $comment: z.string().optional(),
  version: z.literal(1),
  agreements: z.array(agreementSchema),
  rivalries: z.array(rivalrySchema),
}).strict().superRefine((f, ctx) => {
  const ids = new Set<string>();
  for (const [i, a] of f.agreements.entries()) {
    if (ids.has(a.id)) ctx.addIssue({ code: 'custom', path: ['agreements', i, 'id'], message: `duplicate agreement id "${a.id}"` });
    ids.add(a.id);
    const seen = new Set<string>();
    for (const [j, m] of a.members.entries()) {
      if (seen.has(m.country)) ctx.addIssue({ code: 'custom', path: ['agreements', i, 'members', j], message: `duplicate member ${m.country} in "${a.id}"` });
      seen.add(m.country);
    }
  }
  for (const [i, r] of f.rivalries.entries()) if (r.a === r.b) ctx.addIssue({ code: 'custom', path: ['rivalries', i], message: `rivalry of ${r.a} with itself` });
});
export type AlliancesFile = z.infer<typeof alliancesFileSchema>;
export type Agreement = z.infer<typeof agreementSchema>;
export type Rivalry = z.infer<typeof rivalrySchema>;

export const DEFAULT_ALLIANCES_FILE = join(DATA_DIR, 'alliances', 'alliances.json');

const inside = (date: string, since: string, until?: string): boolean => date >= since && (until === undefined || date < until);

/** A tie between two countries on a date, from the data. */
export interface Tie {
  id: string;
  name: string;
  kind: AgreementKind | 'rivalry';
  strength: number;
}

/** The compiled baseline: questions about pairs of countries on a date. */
export class AllianceBaseline {
  readonly agreements: readonly Agreement[];
  readonly rivalries: readonly Rivalry[];
  readonly #byCountry = new Map<string, Array<{ agreement: Agreement; since: string; until?: string }>>();

  constructor(file: AlliancesFile) {
    this.agreements = file.agreements;
    this.rivalries = file.rivalries;
    for (const a of file.agreements) {
      for (const m of a.members) {
        const list = this.#byCountry.get(m.country) ?? [];
        list.push({ agreement: a, since: m.since, ...(m.until ? { until: m.until } : {}) });
        this.#byCountry.set(m.country, list);
      }
    }
  }

  /** Agreements both countries are party to on `date`, and any rivalry between them. */
  ties(a: string, b: string, date: string): Tie[] {
    const out: Tie[] = [];
    if (a === b) return out;
    const bs = new Map((this.#byCountry.get(b) ?? []).filter((x) => inside(date, x.since, x.until)).map((x) => [x.agreement.id, x]));
    for (const x of this.#byCountry.get(a) ?? []) {
      if (!inside(date, x.since, x.until) || !bs.has(x.agreement.id)) continue;
      out.push({ id: x.agreement.id, name: x.agreement.name, kind: x.agreement.kind, strength: x.agreement.strength });
    }
    for (const r of this.rivalries) {
      if (((r.a === a && r.b === b) || (r.a === b && r.b === a)) && inside(date, r.since, r.until)) {
        out.push({ id: `rivalry:${r.a}-${r.b}`, name: r.note, kind: 'rivalry', strength: r.strength });
      }
    }
    return out;
  }

  /** Baseline relation on the index scale: the strongest tie, or the rivalry (negative) if one is listed. */
  baseline(a: string, b: string, date: string): number {
    const ties = this.ties(a, b, date);
    const rivalry = ties.find((t) => t.kind === 'rivalry');
    if (rivalry) return rivalry.strength;
    return ties.reduce((m, t) => Math.max(m, t.strength), 0);
  }

  /** True when a and b share a defence, security or intelligence agreement of at least `minStrength` on `date`. */
  allied(a: string, b: string, date: string, minStrength = ALLY_STRENGTH): boolean {
    return this.ties(a, b, date).some((t) => t.kind !== 'rivalry' && ALLIANCE_KINDS.has(t.kind) && t.strength >= minStrength);
  }

  /** Countries allied to `a` on `date` (see `allied`), sorted. */
  alliesOf(a: string, date: string, minStrength = ALLY_STRENGTH): string[] {
    const out = new Set<string>();
    for (const x of this.#byCountry.get(a) ?? []) {
      if (!ALLIANCE_KINDS.has(x.agreement.kind) || x.agreement.strength < minStrength || !inside(date, x.since, x.until)) continue;
      for (const m of x.agreement.members) if (m.country !== a && inside(date, m.since, m.until)) out.add(m.country);
    }
    return [...out].sort();
  }

  /** True when a listed rivalry holds between a and b on `date`. */
  rivals(a: string, b: string, date: string): boolean {
    return this.ties(a, b, date).some((t) => t.kind === 'rivalry');
  }

  /** Members of an agreement on a date, sorted; undefined for an unknown id. */
  membersOn(id: string, date: string): string[] | undefined {
    const a = this.agreements.find((x) => x.id === id);
    return a?.members.filter((m) => inside(date, m.since, m.until)).map((m) => m.country).sort();
  }
}

/** Validate a parsed alliances file; the error names the file and each bad place. */
export function parseAlliances(json: unknown, file = 'alliances.json'): AllianceBaseline {
  const r = alliancesFileSchema.safeParse(json);
  if (!r.success) {
    const problems = r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new Error(`relations: invalid alliances file ${file}: ${problems}`);
  }
  return new AllianceBaseline(r.data);
}

let cached: AllianceBaseline | undefined;

/** Load and compile data/alliances/alliances.json (once per process for the default file). */
export function loadAlliances(file: string = DEFAULT_ALLIANCES_FILE): AllianceBaseline {
  if (file === DEFAULT_ALLIANCES_FILE && cached) return cached;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`relations: cannot read alliances file ${file}: ${(e as Error).message}`);
  }
  const baseline = parseAlliances(json, file);
  if (file === DEFAULT_ALLIANCES_FILE) cached = baseline;
  return baseline;
}
