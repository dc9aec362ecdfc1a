/**
 * CAMEO and PLOVER reference data (data/cameo/*.json): CAMEO codes with
 * Goldstein scores and quad classes, the 16 PLOVER types with modes and
 * scores, and the CAMEO → PLOVER mapping. Loaded, validated and indexed once.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { DATA_DIR } from '../paths.js';
import { PLOVER_TYPES, type PloverType, type QuadClass } from './record.js';

const quadSchema = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]);
const codeSchema = z.string().regex(/^\d{2,4}$/);

const cameoFileSchema = z.object({
  $comment: z.string(),
  version: z.number().int(),
  quad_classes: z.record(z.string(), z.string()),
  codes: z.array(
    z.object({
      code: codeSchema,
      root: z.string().regex(/^\d{2}$/),
      level: z.union([z.literal(1), z.literal(2), z.literal(3)]),
      name: z.string().min(1),
      goldstein: z.number().min(-10).max(10),
      quad: quadSchema,
      note: z.string().optional(),
    }),
  ),
});

const ploverFileSchema = z.object({
  $comment: z.string(),
  version: z.number().int(),
  types: z.array(
    z.object({
      type: z.enum(PLOVER_TYPES),
      quad: quadSchema,
      quad_name: z.string(),
      score: z.number().min(-10).max(10),
      description: z.string(),
      modes: z.array(z.object({ mode: z.string().regex(/^[a-z][a-z-]*$/), score: z.number().min(-10).max(10) })),
      note: z.string().optional(),
    }),
  ),
  old_types: z.array(z.object({ name: z.string().regex(/^[A-Z]+$/), type: z.enum(PLOVER_TYPES), mode: z.string().optional() })),
  mode_aliases: z.record(z.string(), z.record(z.string(), z.string())),
});

const mappingFileSchema = z.object({
  $comment: z.string(),
  version: z.number().int(),
  license: z.string(),
  attribution: z.string(),
  mappings: z.array(
    z.object({
      cameo: codeSchema,
      type: z.enum(PLOVER_TYPES).nullable(),
      mode: z.string(),
      context: z.array(z.string().regex(/^[a-z_]+$/)),
      basis: z.enum(['cameo2plover-2021', 'cameo2plover-2021, adjusted', 'entente', 'none']),
      note: z.string().optional(),
    }),
  ),
});

export interface CameoCode {
  code: string;
  root: string;
  /** 1 root (2 digits), 2 three digits, 3 four digits. */
  level: 1 | 2 | 3;
  name: string;
  goldstein: number;
  quad: QuadClass;
  note?: string;
}

export interface PloverTypeInfo {
  type: PloverType;
  /** The PLOVER manual's quad class for the type (may differ from the CAMEO quad of its codes). */
  quad: QuadClass;
  /** The manual's type score (-10..10). */
  score: number;
  description: string;
  modes: { mode: string; score: number }[];
  note?: string;
}

export interface PloverMapping {
  type: PloverType;
  /** '' when no mode applies. */
  mode: string;
  context: string[];
  /** The code whose mapping was used: the asked code or its nearest parent. */
  from: string;
  basis: string;
}

export interface CameoData {
  version: { cameo: number; plover: number; cameo2plover: number };
  codes: ReadonlyMap<string, CameoCode>;
  types: ReadonlyMap<PloverType, PloverTypeInfo>;
  /** null = documented as no PLOVER event (public statements). */
  mappings: ReadonlyMap<string, Omit<PloverMapping, 'from'> | null>;
  oldTypes: ReadonlyMap<string, { type: PloverType; mode?: string }>;
  modeAliases: ReadonlyMap<string, ReadonlyMap<string, string>>;
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`cameo: cannot read ${file}: ${(e as Error).message}`);
  }
}

function parseWith<T>(schema: z.ZodType<T>, value: unknown, file: string): T {
  const r = schema.safeParse(value);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new Error(`cameo: invalid ${file}: ${issue ? `${issue.path.join('.')}: ${issue.message}` : r.error.message}`);
  }
  return r.data;
}

/** Load and cross-check the three files of `dir` (default data/cameo). Throws on a broken data file. */
export function loadCameoData(dir = join(DATA_DIR, 'cameo')): CameoData {
  const cameoFile = join(dir, 'cameo.json');
  const ploverFile = join(dir, 'plover.json');
  const mappingFile = join(dir, 'cameo2plover.json');
  const c = parseWith(cameoFileSchema, readJson(cameoFile), cameoFile);
  const p = parseWith(ploverFileSchema, readJson(ploverFile), ploverFile);
  const m = parseWith(mappingFileSchema, readJson(mappingFile), mappingFile);

  const codes = new Map<string, CameoCode>();
  for (const e of c.codes) {
    if (codes.has(e.code)) throw new Error(`cameo: ${cameoFile}: duplicate code ${e.code}`);
    if (e.root !== e.code.slice(0, 2) || e.level !== e.code.length - 1) {
      throw new Error(`cameo: ${cameoFile}: code ${e.code} has root ${e.root} and level ${e.level}`);
    }
    codes.set(e.code, e);
  }

  const types = new Map<PloverType, PloverTypeInfo>();
  for (const t of p.types) types.set(t.type, t);
  if (p.types.map((t) => t.type).join() !== PLOVER_TYPES.join()) {
    throw new Error(`cameo: ${ploverFile}: types must be the 16 PLOVER types in the manual's order, got ${p.types.map((t) => t.type).join(', ')}`);
  }
  const isMode = (type: PloverType, mode: string): boolean =>
    mode === '' || (types.get(type)?.modes.some((x) => x.mode === mode) ?? false);

  const modeAliases = new Map<string, Map<string, string>>();
  for (const [scope, aliases] of Object.entries(p.mode_aliases)) {
    if (scope !== '*' && !types.has(scope as PloverType)) throw new Error(`cameo: ${ploverFile}: mode_aliases for unknown type ${scope}`);
    modeAliases.set(scope, new Map(Object.entries(aliases)));
  }
  const oldTypes = new Map<string, { type: PloverType; mode?: string }>();
  for (const o of p.old_types) {
    if (o.mode !== undefined && !isMode(o.type, o.mode)) throw new Error(`cameo: ${ploverFile}: old type ${o.name}: ${o.mode} is not a mode of ${o.type}`);
    oldTypes.set(o.name, o.mode === undefined ? { type: o.type } : { type: o.type, mode: o.mode });
  }

  const mappings = new Map<string, Omit<PloverMapping, 'from'> | null>();
  for (const e of m.mappings) {
    if (!codes.has(e.cameo)) throw new Error(`cameo: ${mappingFile}: ${e.cameo} is not a code of cameo.json`);
    if (mappings.has(e.cameo)) throw new Error(`cameo: ${mappingFile}: duplicate mapping for ${e.cameo}`);
    if (e.type === null) {
      if (e.basis !== 'none' || !e.note) throw new Error(`cameo: ${mappingFile}: ${e.cameo} maps to no type without basis "none" and a note`);
      mappings.set(e.cameo, null);
      continue;
    }
    if (!isMode(e.type, e.mode)) throw new Error(`cameo: ${mappingFile}: ${e.cameo}: "${e.mode}" is not a mode of ${e.type}`);
    mappings.set(e.cameo, { type: e.type, mode: e.mode, context: e.context, basis: e.basis });
  }

  return {
    version: { cameo: c.version, plover: p.version, cameo2plover: m.version },
    codes,
    types,
    mappings,
    oldTypes,
    modeAliases,
  };
}

let cached: CameoData | undefined;

/** The bundled data, loaded once. */
export function cameoData(): CameoData {
  cached ??= loadCameoData();
  return cached;
}

/** A CAMEO event code (exact match; codes are strings with leading zeros, e.g. "042"). */
export function cameo(code: string): CameoCode | undefined {
  return cameoData().codes.get(code.trim());
}

/** Every CAMEO code, in code-table order. */
export function cameoCodes(): CameoCode[] {
  return [...cameoData().codes.values()];
}

/** A PLOVER type of the current manual (case-insensitive); undefined for anything else, old names included. */
export function plover(type: string): PloverTypeInfo | undefined {
  return cameoData().types.get(type.trim().toUpperCase() as PloverType);
}

export function isPloverType(name: string): name is PloverType {
  return (PLOVER_TYPES as readonly string[]).includes(name);
}

/**
 * PLOVER type, mode and context for a CAMEO code. A code without its own
 * entry uses its nearest parent (0875 → 087 → 08). Undefined for codes that
 * are documented as no PLOVER event (root 01, public statements) and for
 * codes outside CAMEO.
 */
export function ploverForCameo(code: string): PloverMapping | undefined {
  const c = code.trim();
  if (!/^\d{2,4}$/.test(c)) return undefined;
  const { mappings } = cameoData();
  for (let len = c.length; len >= 2; len--) {
    const key = c.slice(0, len);
    const m = mappings.get(key);
    if (m === null) return undefined;
    if (m) return { type: m.type, mode: m.mode, context: [...m.context], from: key, basis: m.basis };
  }
  return undefined;
}

/**
 * The PLOVER manual's quad class for a type. Quads are per type in the
 * manual (all modes of a type share it); an unknown mode does not change it.
 */
export function quadForPlover(type: string, _mode?: string): QuadClass | undefined {
  return plover(type)?.quad;
}

/** The manual's score for a type and mode (the type's score when the mode is '' or not one of its modes). */
export function ploverScore(type: string, mode = ''): number | undefined {
  const t = plover(type);
  if (!t) return undefined;
  return t.modes.find((m) => m.mode === mode)?.score ?? t.score;
}

/**
 * Map a PLOVER type name of any manual version to today's type: current
 * names map to themselves; PLOVER 0.5 names map as data/cameo/plover.json
 * documents (DEMAND → REQUEST, DISAPPROVE → ACCUSE/disapprove,
 * INVESTIGATE → ACCUSE/investigate, FIGHT → ASSAULT). Case-insensitive.
 */
export function normaliseOldPloverType(name: string): { type: PloverType; mode?: string } | undefined {
  const n = name.trim().toUpperCase();
  if (isPloverType(n)) return { type: n };
  const o = cameoData().oldTypes.get(n);
  return o ? { ...o } : undefined;
}

/**
 * The type a mode has moved to since older PLOVER versions: "destroy"
 * (property) was a COERCE mode in PLOVER 0.5 and is an ASSAULT mode today.
 * Returns the one other type of the same quad class that has the mode (after
 * the general aliases) when `type` itself does not; undefined otherwise.
 */
export function movedModeType(type: PloverType, mode: string): PloverType | undefined {
  const data = cameoData();
  const m0 = mode.trim().toLowerCase();
  const m = data.modeAliases.get('*')?.get(m0) ?? m0;
  const own = data.types.get(type);
  if (!own || own.modes.some((x) => x.mode === m)) return undefined;
  const others = [...data.types.entries()].filter(([t, info]) => t !== type && info.quad === own.quad && info.modes.some((x) => x.mode === m));
  return others.length === 1 ? (others[0]![0] as PloverType) : undefined;
}

/**
 * Today's name for a mode of `type`: '' stays ''; aliases for the type, then
 * for any type, are applied; undefined when the result is not a mode of the type.
 */
export function normalisePloverMode(type: PloverType, mode: string): string | undefined {
  const data = cameoData();
  const m = mode.trim().toLowerCase();
  if (m === '') return '';
  const aliased = data.modeAliases.get(type)?.get(m) ?? data.modeAliases.get('*')?.get(m) ?? m;
  return data.types.get(type)?.modes.some((x) => x.mode === aliased) ? aliased : undefined;
}
