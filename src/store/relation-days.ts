/**
 * relation_days (migration 0006): the event_dyads rows of each (source,
 * target, date), with their article's outlet, packed into one row — numbers
 * in a little-endian blob, text in a JSON list — so a dyad's series reads a
 * few hundred rows instead of tens of thousands. saveAnnotations rewrites the
 * days its deletes and inserts touch, in the same transaction, from
 * event_dyads itself: a day holds exactly what listRelationRows reads, in the
 * database's own (source, target, date, event_id) order.
 */
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Modality } from '../events/record.js';
import type { PackedLists, RelationDay } from '../relations/types.js';
import type { Database } from './tables.js';

export interface DayKey {
  source: string;
  target: string;
  date: string;
}

/** An event_dyads row with its article's outlet, as the database returns it. */
interface DyadRow {
  event_id: string;
  article_id: number | string;
  date: string;
  source: string;
  target: string;
  quad_class: number | string;
  goldstein: number | string;
  modality: string;
  negated: number | string;
  confidence: number | string;
  cameo_code: string;
  outlet: string | null;
}

/** Bytes per row in the blob: article id, Goldstein, confidence (f64); outlet (i32); CAMEO code (u16); quad, negated, modality (u8). */
const ROW_BYTES = 8 * 3 + 4 + 2 + 3;
/** Day keys per statement: three parameters each, under SQLite's 32766. */
const KEY_CHUNK = 3000;
/** Rows per insert statement (six parameters each). */
const INSERT_CHUNK = 5000;
const ROW_COLUMNS = sql.raw(
  'd.event_id, d.article_id, d.date, d.source, d.target, d.quad_class, d.goldstein, d.modality, d.negated, d.confidence, d.cameo_code, a.outlet',
);

const keyOf = (k: DayKey): string => `${k.source}\u0000${k.target}\u0000${k.date}`;

/** One day's rows (all of the same key, in store order) as a relation_days row. */
export function encodeDay(rows: readonly DyadRow[]): { source: string; target: string; date: string; rows: number; strings: string; numbers: Buffer } {
  const n = rows.length;
  const first = rows[0];
  if (!first) throw new Error('store: encodeDay needs at least one row');
  const buf = Buffer.alloc(n * ROW_BYTES);
  const intern = (list: string[], index: Map<string, number>, s: string): number => {
    let i = index.get(s);
    if (i === undefined) {
      i = list.length;
      index.set(s, i);
      list.push(s);
    }
    return i;
  };
  const outlets: string[] = [];
  const cameos: string[] = [];
  const modalities: string[] = [];
  const oi = new Map<string, number>();
  const ci = new Map<string, number>();
  const mi = new Map<string, number>();
  const ids: string[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const r = rows[i]!;
    ids[i] = r.event_id;
    buf.writeDoubleLE(Number(r.article_id), 8 * i);
    buf.writeDoubleLE(Number(r.goldstein), 8 * (n + i));
    buf.writeDoubleLE(Number(r.confidence), 8 * (2 * n + i));
    buf.writeInt32LE(r.outlet === null ? -1 : intern(outlets, oi, r.outlet), 24 * n + 4 * i);
    buf.writeUInt16LE(intern(cameos, ci, r.cameo_code), 28 * n + 2 * i);
    buf.writeUInt8(Number(r.quad_class), 30 * n + i);
    buf.writeUInt8(Number(r.negated) === 1 ? 1 : 0, 31 * n + i);
    buf.writeUInt8(intern(modalities, mi, r.modality), 32 * n + i);
  }
  return { source: first.source, target: first.target, date: first.date, rows: n, strings: packStrings([ids, outlets, cameos, modalities]), numbers: buf };
}

/** Lists of strings as one text: separated by control characters that cleaned text and our ids never hold, else JSON. */
const LIST = '\u001e';
const ITEM = '\u001f';
function packStrings(lists: string[][]): string {
  if (lists.some((l) => l.some((x) => x.includes(LIST) || x.includes(ITEM)))) return JSON.stringify(lists);
  return lists.map((l) => LIST + l.join(ITEM)).join('');
}

/** The four lists of a day's text, found in place: no string is made (see PackedLists). */
function packedLists(text: string, n: number): PackedLists {
  if (!text.startsWith(LIST)) {
    const lists = JSON.parse(text) as string[][];
    const items = lists.flat();
    const bounds = new Int32Array(2 * items.length);
    for (let k = 0, at = 0; k < items.length; k++) {
      bounds[2 * k] = at;
      at += items[k]!.length;
      bounds[2 * k + 1] = at;
    }
    const first = lists.slice(0, 3).map((l) => l.length);
    return { text: items.join(''), bounds, lists: [first[0]!, first[0]! + first[1]!, first[0]! + first[1]! + first[2]!, items.length] };
  }
  // The lists' ends first (each starts after a LIST), then their items (separated by ITEM; an empty list has none).
  const ends = [0, 0, 0, 0];
  for (let l = 0, at = 0; l < 4; l++) {
    const next = text.indexOf(LIST, at + 1);
    ends[l] = next < 0 ? text.length : next;
    at = ends[l]!;
  }
  let count = n;
  const starts = [0, ends[0]!, ends[1]!, ends[2]!];
  const sizes = [n, 0, 0, 0];
  for (let l = 1; l < 4; l++) {
    if (ends[l] === starts[l]! + 1) continue;
    let k = 1;
    for (let at = text.indexOf(ITEM, starts[l]! + 1); at >= 0 && at < ends[l]!; at = text.indexOf(ITEM, at + 1)) k++;
    sizes[l] = k;
    count += k;
  }
  const bounds = new Int32Array(2 * count);
  for (let l = 0, k = 0; l < 4; l++) {
    const end = ends[l]!;
    for (let i = 0, at = starts[l]! + 1; i < sizes[l]!; i++, k++) {
      const next = i + 1 < sizes[l]! ? text.indexOf(ITEM, at) : end;
      bounds[2 * k] = at;
      bounds[2 * k + 1] = next;
      at = next + 1;
    }
  }
  return { text, bounds, lists: [n, n + sizes[1]!, n + sizes[1]! + sizes[2]!, count] };
}

/** Items [from, to) of packed lists as strings. */
function listOf(p: PackedLists, from: number, to: number): string[] {
  const out: string[] = new Array(to - from);
  for (let k = from; k < to; k++) out[k - from] = p.text.slice(p.bounds[2 * k], p.bounds[2 * k + 1]);
  return out;
}

type StoredDay = { source: string; target: string; date: string; rows: number | string; strings: string; numbers: Uint8Array };
type Columns = Omit<RelationDay, 'source' | 'target' | 'date' | 'eventIds' | 'outlets' | 'cameoCodes' | 'modalities'>;

/**
 * A relation_days row back as columns, unpacked when first used: a dyad's read brings the days of its groups' other
 * pairs too, and most of them never count for it. The strings stay in the day's text (`packed`) until a list of
 * them is asked for.
 */
class PackedDay implements RelationDay {
  readonly source: string;
  readonly target: string;
  readonly date: string;
  #stored: StoredDay | undefined;
  #columns: Columns | undefined;
  #lists: { eventIds?: string[]; outlets?: string[]; cameoCodes?: string[]; modalities?: Modality[] } = {};
  constructor(row: StoredDay) {
    this.source = row.source;
    this.target = row.target;
    this.date = row.date;
    this.#stored = row;
  }
  get eventIds() { return (this.#lists.eventIds ??= listOf(this.packed, 0, this.packed.lists[0])); }
  get outlets() { return (this.#lists.outlets ??= listOf(this.packed, this.packed.lists[0], this.packed.lists[1])); }
  get cameoCodes() { return (this.#lists.cameoCodes ??= listOf(this.packed, this.packed.lists[1], this.packed.lists[2])); }
  get modalities() { return (this.#lists.modalities ??= listOf(this.packed, this.packed.lists[2], this.packed.lists[3]) as Modality[]); }
  get packed() { return this.#unpacked().packed; }
  get articleIds() { return this.#unpacked().articleIds; }
  get goldstein() { return this.#unpacked().goldstein; }
  get confidence() { return this.#unpacked().confidence; }
  get quadClass() { return this.#unpacked().quadClass; }
  get negated() { return this.#unpacked().negated; }
  get modality() { return this.#unpacked().modality; }
  get cameo() { return this.#unpacked().cameo; }
  get outlet() { return this.#unpacked().outlet; }
  #unpacked(): Columns {
    if (this.#columns) return this.#columns;
    this.#columns = unpack(this.#stored!);
    this.#stored = undefined;
    return this.#columns;
  }
}

export function decodeDay(row: StoredDay): RelationDay {
  const n = Number(row.rows);
  if (row.numbers.byteLength !== n * ROW_BYTES) throw new Error(`store: relation day ${row.source}>${row.target} ${row.date} holds ${row.numbers.byteLength} bytes for ${n} rows`);
  return new PackedDay(row);
}

/** Typed arrays read in the platform's byte order: the blob's little-endian numbers can be viewed in place on such platforms. */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function unpack(row: StoredDay): Columns {
  const n = Number(row.rows);
  const packed = packedLists(row.strings, n);
  let bytes = row.numbers;
  if (!LITTLE_ENDIAN) return { packed, ...readColumns(bytes, n) };
  // Views over the blob (copied once when the driver's buffer is not 8-byte aligned): no number is copied or boxed.
  if (bytes.byteOffset % 8 !== 0) bytes = new Uint8Array(bytes);
  const { buffer, byteOffset: o } = bytes;
  return {
    packed,
    articleIds: new Float64Array(buffer, o, n),
    goldstein: new Float64Array(buffer, o + 8 * n, n),
    confidence: new Float64Array(buffer, o + 16 * n, n),
    outlet: new Int32Array(buffer, o + 24 * n, n),
    cameo: new Uint16Array(buffer, o + 28 * n, n),
    quadClass: new Uint8Array(buffer, o + 30 * n, n),
    negated: new Uint8Array(buffer, o + 31 * n, n),
    modality: new Uint8Array(buffer, o + 32 * n, n),
  };
}

/** The numbers of a blob read one by one (big-endian platforms). */
function readColumns(bytes: Uint8Array, n: number): Omit<Columns, 'packed'> {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const f64 = (at: number) => Float64Array.from({ length: n }, (_, i) => v.getFloat64(at + 8 * i, true));
  return {
    articleIds: f64(0), goldstein: f64(8 * n), confidence: f64(16 * n),
    outlet: Int32Array.from({ length: n }, (_, i) => v.getInt32(24 * n + 4 * i, true)),
    cameo: Uint16Array.from({ length: n }, (_, i) => v.getUint16(28 * n + 2 * i, true)),
    quadClass: bytes.slice(30 * n, 31 * n), negated: bytes.slice(31 * n, 32 * n), modality: bytes.slice(32 * n, 33 * n),
  };
}

/** Group rows ordered by key into days and insert them. */
async function insertDays(db: Kysely<Database>, rows: readonly DyadRow[]): Promise<number> {
  const days: ReturnType<typeof encodeDay>[] = [];
  let from = 0;
  for (let i = 1; i <= rows.length; i++) {
    const a = rows[from]!;
    const b = rows[i];
    if (b && b.source === a.source && b.target === a.target && b.date === a.date) continue;
    days.push(encodeDay(rows.slice(from, i)));
    from = i;
  }
  for (let i = 0; i < days.length; i += INSERT_CHUNK) await db.insertInto('relation_days').values(days.slice(i, i + INSERT_CHUNK)).execute();
  return days.length;
}

/** Rewrite the days of these keys from event_dyads (a day left without rows is removed). Run inside the writing transaction. */
export async function refreshDays(db: Kysely<Database>, keys: Iterable<DayKey>): Promise<void> {
  const unique = new Map<string, DayKey>();
  for (const k of keys) unique.set(keyOf(k), k);
  const list = [...unique.values()];
  for (let i = 0; i < list.length; i += KEY_CHUNK) {
    const values = sql.join(list.slice(i, i + KEY_CHUNK).map((k) => sql`(${k.source}, ${k.target}, ${k.date})`));
    await sql`delete from relation_days where (source, target, date) in (values ${values})`.execute(db);
    const { rows } = await sql<DyadRow>`select ${ROW_COLUMNS} from event_dyads d left join articles a on a.id = d.article_id
      where (d.source, d.target, d.date) in (values ${values}) order by d.source, d.target, d.date, d.event_id`.execute(db);
    await insertDays(db, rows);
  }
}

/** The day keys of the event_dyads rows of these articles (before they are replaced). */
export async function daysOfArticles(db: Kysely<Database>, articleIds: number[]): Promise<DayKey[]> {
  if (articleIds.length === 0) return [];
  return db.selectFrom('event_dyads').select(['source', 'target', 'date']).distinct().where('article_id', 'in', articleIds).execute();
}

/** Build every day from event_dyads (migration 0006), a page of rows at a time. */
export async function rebuildDays(db: Kysely<Database>, pageRows = 50_000): Promise<number> {
  let after: DayKey | undefined;
  let days = 0;
  for (let limit = pageRows; ;) {
    const where = after ? sql`where (d.source, d.target, d.date) > (${after.source}, ${after.target}, ${after.date})` : sql``;
    const { rows } = await sql<DyadRow>`select ${ROW_COLUMNS} from event_dyads d left join articles a on a.id = d.article_id ${where}
      order by d.source, d.target, d.date, d.event_id limit ${limit}`.execute(db);
    if (rows.length < limit) return days + (rows.length ? await insertDays(db, rows) : 0);
    // The page may end inside a day: keep that day for the next page.
    const last = rows[rows.length - 1]!;
    let end = rows.length;
    while (end > 0 && rows[end - 1]!.source === last.source && rows[end - 1]!.target === last.target && rows[end - 1]!.date === last.date) end--;
    if (end === 0) {
      // One day larger than a page: read it whole next time.
      limit *= 2;
      continue;
    }
    days += await insertDays(db, rows.slice(0, end));
    const k = rows[end - 1]!;
    after = { source: k.source, target: k.target, date: k.date };
    limit = pageRows;
  }
}
