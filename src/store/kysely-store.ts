import { Migrator, sql } from 'kysely';
import type { ExpressionBuilder, Expression, Insertable, Kysely, RawBuilder, Selectable, SelectQueryBuilder, SqlBool } from 'kysely';
import type { InputFormat, Message, Removed, StoredArticle, DateBasis } from '../types.js';
import { describeError, openDatabase } from './dialects.js';
import type { OpenedDatabase } from './dialects.js';
import { LATEST_VERSION, migrationProvider, migrationVersion } from './migrations.js';
import type { StoreKind } from './migrations.js';
import type { Annotations, ArticleInput, ArticleSummary, EventQuery, EventWithArticle, RelationRowQuery, ListArticlesQuery, OpenStoreOptions, SearchHit, SearchQuery, Store, StoredEvent, StoredMention, TextField } from './store.js';
import type { EventRecord } from '../events/record.js';
import { eventDyadRows } from '../relations/keys.js';
import type { RelationDay, RelationPair, RelationRow } from '../relations/types.js';
import { daysOfArticles, decodeDay, refreshDays } from './relation-days.js';
import type { DayKey } from './relation-days.js';
import type { ArticlesTable, Database } from './tables.js';
import { getVoiceRows, listArticleToneRows, listQuoteRows, saveVoiceRows } from './voice-rows.js';
import type { ArticleToneRow, QuoteQuery, QuoteWithArticle } from './store.js';
import type { VoiceAnnotations } from '../voices/record.js';

const MIGRATION_TABLE = 'kysely_migration';
/** Bound parameters per statement: under SQLite's 32766 (and PostgreSQL's 65535). */
const MAX_PARAMS = 32000;
const INSERT_COLUMNS = 18;
const INSERT_CHUNK = Math.floor(MAX_PARAMS / INSERT_COLUMNS);
const DEFAULT_LIMIT = 100;

type ArticleRow = Selectable<ArticlesTable>;

/** Open (and migrate) a store; like `openStore` but typed as the implementation, which exposes `db`. */
export async function openKyselyStore(location: string, opts: OpenStoreOptions = {}): Promise<KyselyStore> {
  const store = new KyselyStore(await openDatabase(location, opts));
  try {
    await store.migrate();
  } catch (e) {
    await store.close();
    throw e;
  }
  return store;
}

/** The Store on Kysely: one query code for SQLite and PostgreSQL. */
export class KyselyStore implements Store {
  readonly kind: StoreKind;
  readonly location: string;
  /** The underlying Kysely instance, for tests and maintenance tasks; stages use the Store methods. */
  readonly db: Kysely<Database>;
  readonly #schema: string | undefined;
  readonly #migrator: Migrator;
  #closed = false;

  constructor(opened: OpenedDatabase) {
    this.kind = opened.kind;
    this.location = opened.location;
    this.db = opened.db;
    this.#schema = opened.schema;
    this.#migrator = new Migrator({
      db: opened.db,
      provider: migrationProvider(opened.kind),
      // Migration numbers are handed out ahead of time, so one may land after a higher one already ran somewhere.
      allowUnorderedMigrations: true,
      // Without a schema Kysely would accept a migration table found in any schema of the database.
      ...(opened.schema === undefined ? {} : { migrationTableSchema: opened.schema }),
    });
  }

  async migrate(): Promise<{ version: number; applied: string[] }> {
    this.#ensureOpen();
    const before = await this.#executedMigrations();
    const found = highestVersion(before);
    if (found > LATEST_VERSION) {
      throw new Error(`store: database ${this.location} has schema version ${found}, this entente knows up to ${LATEST_VERSION}`);
    }
    const { error, results = [] } = await this.#migrator.migrateToLatest();
    if (error !== undefined) {
      const failed = results.find((r) => r.status === 'Error')?.migrationName;
      throw new Error(
        `store: migration ${failed ?? '(none)'} failed on ${this.location}: ${describeError(error)}`,
      );
    }
    const applied = results.filter((r) => r.status === 'Success').map((r) => r.migrationName);
    return { version: highestVersion([...before, ...applied]), applied };
  }

  async findByTextHash(textHash: string): Promise<Array<{ id: number; origin: string }>> {
    this.#ensureOpen();
    const rows = await this.db
      .selectFrom('articles')
      .select(['id', 'origin'])
      .where('text_hash', '=', textHash)
      .orderBy('id')
      .execute();
    return rows.map((r) => ({ id: Number(r.id), origin: r.origin }));
  }

  async listSimhashes(): Promise<Array<{ id: number; simhash: string }>> {
    this.#ensureOpen();
    const rows = await this.db
      .selectFrom('articles')
      .select(['id', 'simhash'])
      .where('duplicate_of', 'is', null)
      .orderBy('id')
      .execute();
    return rows.map((r) => ({ id: Number(r.id), simhash: r.simhash }));
  }

  async insertArticles(batch: ArticleInput[]): Promise<number[]> {
    this.#ensureOpen();
    if (batch.length === 0) return [];
    const ingestedAt = new Date().toISOString();
    const rows = batch.map((a) => toRow(a, ingestedAt));
    return this.db.transaction().execute(async (trx) => {
      const ids = new Map<string, number>();
      // Look first so re-ingesting does not burn ids (a skipped conflicting insert still takes one).
      await lookUpExisting(trx, rows, ids);
      const fresh = new Map<string, ArticleInsert>();
      for (const r of rows) {
        const key = rowKey(r.origin, r.text_hash);
        if (!ids.has(key) && !fresh.has(key)) fresh.set(key, r);
      }
      for (const chunk of chunks([...fresh.values()], INSERT_CHUNK)) {
        const inserted = await trx
          .insertInto('articles')
          .values(chunk)
          // A concurrent writer may have inserted the same key since the look-up.
          .onConflict((oc) => oc.columns(['origin', 'text_hash']).doNothing())
          .returning(['id', 'origin', 'text_hash'])
          .execute();
        // RETURNING order is unspecified (SQLite says so): match rows by their unique key.
        for (const r of inserted) ids.set(rowKey(r.origin, r.text_hash), Number(r.id));
      }
      const racing = rows.filter((r) => !ids.has(rowKey(r.origin, r.text_hash)));
      if (racing.length > 0) await lookUpExisting(trx, racing, ids);
      return rows.map((r) => {
        const id = ids.get(rowKey(r.origin, r.text_hash));
        if (id === undefined) throw new Error(`store: no id for ${r.origin} after insert into ${this.location}`);
        return id;
      });
    });
  }

  async getArticle(id: number): Promise<StoredArticle | undefined> {
    this.#ensureOpen();
    const row = await this.db.selectFrom('articles').selectAll().where('id', '=', id).executeTakeFirst();
    return row === undefined ? undefined : fromRow(row);
  }

  async listArticles(q: ListArticlesQuery): Promise<{ total: number; items: ArticleSummary[] }> {
    this.#ensureOpen();
    const limit = q.limit ?? DEFAULT_LIMIT;
    const offset = q.offset ?? 0;
    if (!Number.isInteger(limit) || limit < 0) throw new Error(`store: invalid list limit ${limit}`);
    if (!Number.isInteger(offset) || offset < 0) throw new Error(`store: invalid list offset ${offset}`);
    const where = (eb: ExpressionBuilder<Database, 'articles'>) => eb.and(listFilters(eb, q));
    const counted = await this.db
      .selectFrom('articles')
      .select((eb) => eb.fn.countAll().as('total'))
      .where(where)
      .executeTakeFirstOrThrow();
    const rows = await this.db
      .selectFrom('articles')
      .select([
        'id', 'title', 'outlet', 'published', 'language', 'format', 'origin',
        'duplicate_of', 'related', 'removed', 'messages',
      ])
      .where(where)
      .orderBy('id')
      .limit(limit)
      .offset(offset)
      .execute();
    const items = rows.map((r): ArticleSummary => {
      const messages = JSON.parse(r.messages) as Message[];
      const summary: ArticleSummary = {
        id: Number(r.id),
        title: r.title,
        language: r.language,
        format: r.format as InputFormat,
        origin: r.origin,
        related: (JSON.parse(r.related) as string[]).length,
        removed: (JSON.parse(r.removed) as Removed[]).length,
        flagged: messages.some((m) => m.severity === 'warning' || m.severity === 'error'),
      };
      if (r.outlet !== null) summary.outlet = r.outlet;
      if (r.published !== null) summary.published = r.published;
      if (r.duplicate_of !== null) summary.duplicateOf = Number(r.duplicate_of);
      return summary;
    });
    return { total: Number(counted.total), items };
  }

  async saveAnnotations(batch: Array<{ articleId: number; annotations: Annotations }>): Promise<void> {
    this.#ensureOpen();
    if (batch.length === 0) return;
    const ids = batch.map((b) => b.articleId);
    const now = new Date().toISOString();
    const mentionRows = batch.flatMap(({ articleId, annotations: a }) =>
      a.mentions.map((m, seq) => ({
        article_id: articleId,
        seq,
        field: m.field,
        field_index: m.fieldIndex,
        start_offset: m.start,
        end_offset: m.end,
        text: m.text,
        sentence: m.sentence,
        kind: m.kind,
        ref: m.ref ?? null,
        country: m.country,
        sector: m.sector,
        code: m.code,
        via: m.via,
        confidence: m.confidence,
        detail: JSON.stringify(pick(m, ['role', 'office', 'former', 'members', 'antecedent'])),
      })),
    );
    const events = batch.flatMap(({ articleId, annotations: a }) => a.events.map((e) => ({ articleId, e })));
    const eventRows = events.map(({ articleId, e }) => ({
      id: e.record.id,
      article_id: articleId,
      field: e.field,
      field_index: e.fieldIndex,
      date: e.record.date,
      plover_type: e.record.plover.type,
      cameo_code: e.record.cameo.code,
      cameo_root: e.record.cameo.root,
      quad_class: e.record.cameo.quad_class,
      goldstein: e.record.cameo.goldstein,
      modality: e.record.modality,
      negated: e.record.negated ? 1 : 0,
      confidence: e.record.confidence,
      record: JSON.stringify(e.record),
    }));
    const actorRows = events.flatMap(({ e }) => [
      ...e.record.sources.map((x) => ({ event_id: e.record.id, side: 'source', country: x.country, code: x.code })),
      ...e.record.targets.map((x) => ({ event_id: e.record.id, side: 'target', country: x.country, code: x.code })),
    ]);
    const dyadRows = events.flatMap(({ articleId, e }) => eventDyadRows(articleId, e.record));
    await this.db.transaction().execute(async (trx) => {
      // The packed days (relation_days) of the rows replaced and of the rows added are rewritten below.
      const touched: DayKey[] = dyadRows.map((r) => ({ source: r.source, target: r.target, date: r.date }));
      for (const chunk of chunks(ids, MAX_PARAMS)) {
        for (const k of await daysOfArticles(trx, chunk)) touched.push(k);
        await trx.deleteFrom('event_dyads').where('article_id', 'in', chunk).execute();
        await trx.deleteFrom('event_actors').where('event_id', 'in', trx.selectFrom('events').select('id').where('article_id', 'in', chunk)).execute();
        await trx.deleteFrom('events').where('article_id', 'in', chunk).execute();
        await trx.deleteFrom('mentions').where('article_id', 'in', chunk).execute();
        await trx.deleteFrom('annotations').where('article_id', 'in', chunk).execute();
      }
      for (const chunk of chunks(mentionRows, Math.floor(MAX_PARAMS / 16))) await trx.insertInto('mentions').values(chunk).execute();
      for (const chunk of chunks(eventRows, Math.floor(MAX_PARAMS / 15))) await trx.insertInto('events').values(chunk).onConflict((oc) => oc.column('id').doNothing()).execute();
      for (const chunk of chunks(actorRows, Math.floor(MAX_PARAMS / 4))) await trx.insertInto('event_actors').values(chunk).execute();
      for (const chunk of chunks(dyadRows, Math.floor(MAX_PARAMS / 11))) await trx.insertInto('event_dyads').values(chunk).onConflict((oc) => oc.columns(['event_id', 'source', 'target']).doNothing()).execute();
      await refreshDays(trx, touched);
      const annotationRows = batch.map(({ articleId, annotations: a }) => ({ article_id: articleId, version: a.version, annotated_at: now, mentions: a.mentions.length, events: a.events.length }));
      for (const chunk of chunks(annotationRows, Math.floor(MAX_PARAMS / 5))) await trx.insertInto('annotations').values(chunk).execute();
      await saveVoiceRows(trx, batch);
    });
  }

  async annotationVersion(articleId: number): Promise<string | undefined> {
    this.#ensureOpen();
    const row = await this.db.selectFrom('annotations').select('version').where('article_id', '=', articleId).executeTakeFirst();
    return row?.version;
  }

  async listToAnnotate(version: string, q: { afterId?: number; limit: number; all?: boolean }): Promise<number[]> {
    this.#ensureOpen();
    let query = this.db
      .selectFrom('articles')
      .leftJoin('annotations', 'annotations.article_id', 'articles.id')
      .select('articles.id')
      .where('articles.duplicate_of', 'is', null)
      .where('articles.language', '=', 'eng')
      .where('articles.id', '>', q.afterId ?? 0);
    if (!q.all) query = query.where((eb) => eb.or([eb('annotations.version', 'is', null), eb('annotations.version', '!=', version)]));
    const rows = await query.orderBy('articles.id').limit(q.limit).execute();
    return rows.map((r) => Number(r.id));
  }

  async getMentions(articleId: number): Promise<StoredMention[]> {
    this.#ensureOpen();
    const rows = await this.db.selectFrom('mentions').selectAll().where('article_id', '=', articleId).orderBy('seq').execute();
    return rows.map((r) => {
      const m: StoredMention = {
        field: r.field as TextField,
        fieldIndex: Number(r.field_index),
        start: Number(r.start_offset),
        end: Number(r.end_offset),
        text: r.text,
        sentence: Number(r.sentence),
        kind: r.kind,
        country: r.country,
        sector: r.sector,
        code: r.code,
        via: r.via,
        confidence: Number(r.confidence),
        ...(JSON.parse(r.detail) as Partial<StoredMention>),
      };
      if (r.ref !== null) m.ref = r.ref;
      return m;
    });
  }

  async listEvents(q: EventQuery): Promise<{ items: Array<StoredEvent & { articleId: number }>; next?: string }> {
    this.#ensureOpen();
    const limit = q.limit ?? DEFAULT_LIMIT;
    const country = /^(?!IGO)[A-Z]{3}$/;
    const pair = q.dyad !== undefined && q.dyad[0] !== q.dyad[1] && country.test(q.dyad[0]) && country.test(q.dyad[1]) ? q.dyad : undefined;
    const base = this.db.selectFrom('events');
    // A dyad of two countries is read through event_dyads' (source, target, date) index in date order:
    // for a busy pair the two actor lists below would hold tens of thousands of events each.
    let query = (pair ? this.db.selectFrom('event_dyads as d').innerJoin('events', 'events.id', 'd.event_id').where('d.source', '=', pair[0]).where('d.target', '=', pair[1]) : base) as unknown as typeof base;
    const dateCol = sql.ref<string>(pair ? 'd.date' : 'events.date');
    const idCol = sql.ref<string>(pair ? 'd.event_id' : 'events.id');
    const actorMatch = (side: 'source' | 'target' | undefined, actor: string) =>
      this.db
        .selectFrom('event_actors')
        .select('event_actors.event_id')
        .where((eb) => eb.and([...(side ? [eb('side', '=', side)] : []), /^[A-Z]{3}$/.test(actor) ? eb('country', '=', actor) : eb('code', '=', actor)]));
    if (q.actor !== undefined) query = query.where('events.id', 'in', actorMatch(undefined, q.actor));
    if (q.dyad !== undefined && !pair) query = query.where('events.id', 'in', actorMatch('source', q.dyad[0])).where('events.id', 'in', actorMatch('target', q.dyad[1]));
    if (q.since !== undefined) query = query.where(dateCol, '>=', q.since);
    if (q.until !== undefined) query = query.where(dateCol, '<=', q.until);
    if (q.type !== undefined) query = query.where('events.plover_type', '=', q.type);
    if (q.root !== undefined) query = query.where('events.cameo_root', '=', q.root);
    if (q.modality !== undefined) query = query.where('events.modality', '=', q.modality);
    if (q.articleId !== undefined) query = query.where('events.article_id', '=', q.articleId);
    if (q.after !== undefined) {
      const [date, id] = decodeCursor(q.after);
      query = query.where((eb) => eb.or([eb(dateCol, '>', date), eb.and([eb(dateCol, '=', date), eb(idCol, '>', id)])]));
    }
    const rows = await query
      .select(['events.id', 'events.article_id', 'events.field', 'events.field_index', 'events.date', 'events.record'])
      .orderBy(dateCol)
      .orderBy(idCol)
      .limit(limit + 1)
      .execute();
    const items = rows.slice(0, limit).map((r) => ({
      articleId: Number(r.article_id),
      field: r.field as TextField,
      fieldIndex: Number(r.field_index),
      record: JSON.parse(r.record) as EventRecord,
    }));
    const last = rows[limit - 1];
    return rows.length > limit && last ? { items, next: encodeCursor(last.date, last.id) } : { items };
  }

  async searchArticles(q: SearchQuery): Promise<{ total: number; items: SearchHit[] }> {
    this.#ensureOpen();
    const limit = q.limit ?? 20;
    const offset = q.offset ?? 0;
    const words = searchWords(q.text);
    if (words.length === 0) return { total: 0, items: [] };
    const rows =
      this.kind === 'sqlite'
        ? await this.#searchSqlite(words.map((w) => `"${w}"`).join(' '), limit, offset)
        : await sql<SearchRow>`select a.id, a.title, a.outlet, a.published, count(*) over () as total,
              ts_headline('english', a.title || ' — ' || a.body, q, ${`StartSel=${MARK_START}, StopSel=${MARK_END}, MaxWords=40, MinWords=20, MaxFragments=1, FragmentDelimiter=…`}) as snippet
            from articles a, plainto_tsquery('english', ${words.join(' ')}) q
            where a.search @@ q and a.duplicate_of is null
            order by ts_rank(a.search, q) desc, a.id limit ${limit} offset ${offset}`.execute(this.db);
    let total = Number(rows.rows[0]?.total ?? 0);
    if (rows.rows.length === 0 && offset > 0) total = (await this.searchArticles({ text: q.text, limit: 1 })).total;
    return { total, items: rows.rows.map(toHit) };
  }

  // FTS5's auxiliary functions refuse window functions in the same query: count apart.
  async #searchSqlite(match: string, limit: number, offset: number): Promise<{ rows: SearchRow[] }> {
    const counted = await sql<{ total: number }>`select count(*) as total from articles_fts join articles a on a.id = articles_fts.rowid
      where articles_fts match ${match} and a.duplicate_of is null`.execute(this.db);
    const total = counted.rows[0]?.total ?? 0;
    const page = await sql<Omit<SearchRow, 'total'>>`select a.id, a.title, a.outlet, a.published,
        snippet(articles_fts, -1, ${MARK_START}, ${MARK_END}, '…', 32) as snippet
      from articles_fts join articles a on a.id = articles_fts.rowid
      where articles_fts match ${match} and a.duplicate_of is null
      order by bm25(articles_fts, 4.0, 2.0, 1.0, 1.0), a.id limit ${limit} offset ${offset}`.execute(this.db);
    return { rows: page.rows.map((r) => ({ ...r, total })) };
  }

  async listRelationRows(q: RelationRowQuery): Promise<{ items: RelationRow[]; next?: string }> {
    this.#ensureOpen();
    const limit = q.limit ?? 10_000;
    const after = q.after !== undefined ? decodeRowCursor(q.after) : undefined;
    // Each branch is one primary-key range scan, already in (source, target, date, event_id) order, so the database
    // merges a pair's two directions instead of sorting their union for every page; the outlet is read once per
    // distinct article afterwards rather than joined to every row.
    const query = relationQuery(q, () => {
      const b = this.db.selectFrom('event_dyads')
        .select(['event_id', 'article_id', 'date', 'source', 'target', 'quad_class', 'goldstein', 'modality', 'negated', 'confidence', 'cameo_code']);
      return after ? b.where(sql<SqlBool>`(source, target, date, event_id) > (${after[0]}, ${after[1]}, ${after[2]}, ${after[3]})`) : b;
    });
    if (!query) return { items: [] };
    const rows = await query.orderBy('source').orderBy('target').orderBy('date').orderBy('event_id').limit(limit + 1).execute();
    const more = rows.length > limit;
    if (more) rows.length = limit;
    const outlets = await this.#outletsOf(rows.map((r) => Number(r.article_id)));
    const items = rows.map((r): RelationRow => {
      const articleId = Number(r.article_id);
      const row: RelationRow = {
        eventId: r.event_id, articleId, date: r.date, source: r.source, target: r.target,
        quadClass: Number(r.quad_class) as RelationRow['quadClass'], goldstein: Number(r.goldstein), modality: r.modality as RelationRow['modality'],
        negated: Number(r.negated) === 1, confidence: Number(r.confidence), cameoCode: r.cameo_code,
      };
      const outlet = outlets.get(articleId);
      if (outlet !== undefined) row.outlet = outlet;
      return row;
    });
    const last = items[limit - 1];
    return more && last ? { items, next: Buffer.from([last.source, last.target, last.date, last.eventId].join('\u0000')).toString('base64url') } : { items };
  }

  async listRelationDays(q: RelationRowQuery): Promise<{ items: RelationDay[]; next?: string }> {
    this.#ensureOpen();
    const limit = q.limit ?? 10_000;
    const after = q.after !== undefined ? decodeDayCursor(q.after) : undefined;
    const query = relationQuery(q, () => {
      const b = this.db.selectFrom('relation_days').select(['source', 'target', 'date', 'rows', 'strings', 'numbers']);
      return after ? b.where(sql<SqlBool>`(source, target, date) > (${after[0]}, ${after[1]}, ${after[2]})`) : b;
    });
    if (!query) return { items: [] };
    const rows = await query.orderBy('source').orderBy('target').orderBy('date').limit(limit + 1).execute();
    const more = rows.length > limit;
    if (more) rows.length = limit;
    const items = rows.map(decodeDay);
    const last = items[limit - 1];
    return more && last ? { items, next: Buffer.from([last.source, last.target, last.date].join('\u0000')).toString('base64url') } : { items };
  }

  async listRelationPairs(q: RelationRowQuery): Promise<RelationPair[]> {
    this.#ensureOpen();
    const known = candidatePairs(q);
    if (known === undefined) {
      // Pairs not named by q: every matching day read, grouped.
      const query = relationQuery(q, () =>
        this.db.selectFrom('relation_days').select((eb) => ['source', 'target', eb.fn.min('date').as('first'), eb.fn.max('date').as('last')]).groupBy(['source', 'target']),
      );
      if (!query) return [];
      const rows = await query.orderBy('source').orderBy('target').execute();
      return rows.map((r) => ({ source: r.source, target: r.target, first: String(r.first), last: String(r.last) }));
    }
    // Pairs named by q: their first and last day found by two primary-key seeks each, whatever their number of days.
    const range = sql.join([sql``, ...(q.since !== undefined ? [sql`d.date >= ${q.since}`] : []), ...(q.until !== undefined ? [sql`d.date <= ${q.until}`] : [])], sql` and `);
    const out: RelationPair[] = [];
    for (const chunk of chunks(known, Math.floor((MAX_PARAMS - 2) / 2))) {
      const values = sql.join(chunk.map(([s, t]) => sql`(${s}, ${t})`));
      const dates = (agg: 'min' | 'max') =>
        sql`(select ${sql.raw(agg)}(d.date) from relation_days d where d.source = k.source and d.target = k.target${range})`;
      const { rows } = await sql<{ source: string; target: string; first: string | null; last: string | null }>`with k(source, target) as (values ${values})
        select x.source, x.target, x.first, x.last from (select k.source, k.target, ${dates('min')} as first, ${dates('max')} as last from k) x
        where x.first is not null order by x.source, x.target`.execute(this.db);
      for (const r of rows) out.push({ source: r.source, target: r.target, first: String(r.first), last: String(r.last) });
    }
    return out;
  }

  /** The outlet of each of these articles that has one. */
  async #outletsOf(articleIds: number[]): Promise<Map<number, string>> {
    const out = new Map<number, string>();
    for (const chunk of chunks([...new Set(articleIds)], MAX_PARAMS)) {
      for (const r of await this.db.selectFrom('articles').select(['id', 'outlet']).where('id', 'in', chunk).where('outlet', 'is not', null).execute()) {
        out.set(Number(r.id), r.outlet!);
      }
    }
    return out;
  }

  async getEventsById(ids: string[]): Promise<EventWithArticle[]> {
    this.#ensureOpen();
    const out: EventWithArticle[] = [];
    for (const chunk of chunks([...new Set(ids)], 5000)) {
      const rows = await this.db
        .selectFrom('events as e')
        .innerJoin('articles as a', 'a.id', 'e.article_id')
        .select(['e.article_id', 'e.field', 'e.field_index', 'e.record', 'a.title', 'a.outlet', 'a.url', 'a.published'])
        .where('e.id', 'in', chunk)
        .execute();
      for (const r of rows) {
        const ev: EventWithArticle = { articleId: Number(r.article_id), field: r.field as TextField, fieldIndex: Number(r.field_index), record: JSON.parse(r.record) as EventRecord, title: r.title };
        if (r.outlet !== null) ev.outlet = r.outlet;
        if (r.url !== null) ev.url = r.url;
        if (r.published !== null) ev.published = r.published;
        out.push(ev);
      }
    }
    return out.sort((x, y) => (x.record.date < y.record.date ? -1 : x.record.date > y.record.date ? 1 : x.record.id < y.record.id ? -1 : 1));
  }

  async listQuotes(q: QuoteQuery): Promise<{ total: number; items: QuoteWithArticle[] }> {
    this.#ensureOpen();
    return listQuoteRows(this.db, q);
  }

  async getVoices(articleId: number): Promise<VoiceAnnotations | undefined> {
    this.#ensureOpen();
    return getVoiceRows(this.db, articleId);
  }

  async listArticleTones(q: { outlet?: string; since?: string; until?: string; limit?: number; offset?: number }): Promise<ArticleToneRow[]> {
    this.#ensureOpen();
    return listArticleToneRows(this.db, q);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.db.destroy();
  }

  #ensureOpen(): void {
    if (this.#closed) throw new Error(`store: ${this.location} is closed`);
  }

  /** Names recorded in the migration table (none for a fresh database). */
  async #executedMigrations(): Promise<string[]> {
    const exists =
      this.kind === 'sqlite'
        ? await sql`select 1 from sqlite_master where type = 'table' and name = ${MIGRATION_TABLE}`.execute(this.db)
        : await sql`select 1 from information_schema.tables
                    where table_schema = ${this.#schema} and table_name = ${MIGRATION_TABLE}`.execute(this.db);
    if (exists.rows.length === 0) return [];
    const table = this.#schema === undefined ? sql.id(MIGRATION_TABLE) : sql.id(this.#schema, MIGRATION_TABLE);
    const { rows } = await sql<{ name: string }>`select name from ${table}`.execute(this.db);
    return rows.map((r) => r.name);
  }
}

/** Snippet markers: control characters cannot occur in stored (cleaned) text. */
const MARK_START = '\u0002';
const MARK_END = '\u0003';

interface SearchRow {
  id: number;
  title: string;
  outlet: string | null;
  published: string | null;
  total: number | string;
  snippet: string;
}

/** The words of a search: letters and digits only, so user input never reaches FTS5 or tsquery syntax. */
function searchWords(text: string): string[] {
  return (text.normalize('NFC').match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, 32);
}

function toHit(r: SearchRow): SearchHit {
  const highlights: Array<[number, number]> = [];
  let snippet = '';
  let open = -1;
  for (const ch of r.snippet.replace(/\s+/g, ' ')) {
    if (ch === MARK_START) open = snippet.length;
    else if (ch === MARK_END) {
      if (open >= 0) highlights.push([open, snippet.length]);
      open = -1;
    } else snippet += ch;
  }
  const hit: SearchHit = { id: Number(r.id), title: r.title, snippet, highlights };
  if (r.outlet !== null) hit.outlet = r.outlet;
  if (r.published !== null) hit.published = r.published;
  return hit;
}

function pick<T extends object, K extends keyof T>(o: T, keys: K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  for (const k of keys) if (o[k] !== undefined) out[k] = o[k];
  return out;
}

function encodeCursor(date: string, id: string): string {
  return Buffer.from(`${date}\u0000${id}`).toString('base64url');
}

function decodeCursor(cursor: string): [string, string] {
  const [date, id] = Buffer.from(cursor, 'base64url').toString().split('\u0000');
  if (!date || id === undefined) throw new Error(`store: invalid events cursor ${cursor}`);
  return [date, id];
}

function decodeRowCursor(cursor: string): [string, string, string, string] {
  const parts = Buffer.from(cursor, 'base64url').toString().split('\u0000');
  if (parts.length !== 4 || !parts[0]) throw new Error(`store: invalid relation rows cursor ${cursor}`);
  return parts as [string, string, string, string];
}

/**
 * The rows of event_dyads or relation_days (`start`: the table, its columns and cursor) matching q's filters: one
 * primary-key range scan per direction of `between`, merged in key order; undefined when nothing can match. Named
 * pairs also bound source and target by IN lists, so the database walks the key in order instead of sorting.
 */
function relationQuery<TB extends 'event_dyads' | 'relation_days', O>(q: RelationRowQuery, start: () => SelectQueryBuilder<Database, TB, O>) {
  if (q.between !== undefined && (q.between[0].length === 0 || q.between[1].length === 0)) return undefined;
  if ((q.involving !== undefined && q.involving.length === 0) || (q.pairs !== undefined && q.pairs.length === 0)) return undefined;
  const list = (xs: readonly string[]) => sql`(${sql.join(xs)})`;
  const branch = (sources?: string[], targets?: string[], except?: [string[], string[]]) => {
    const where: Array<RawBuilder<unknown>> = [];
    if (sources) where.push(sql`source in ${list(sources)}`);
    if (targets) where.push(sql`target in ${list(targets)}`);
    if (except) where.push(sql`not (source in ${list(except[0])} and target in ${list(except[1])})`);
    if (q.involving) where.push(sql`(source in ${list(q.involving)} or target in ${list(q.involving)})`);
    if (q.pairs) {
      where.push(sql`source in ${list([...new Set(q.pairs.map((x) => x[0]))])}`, sql`target in ${list([...new Set(q.pairs.map((x) => x[1]))])}`);
      where.push(sql`(${sql.join(q.pairs.map(([s, t]) => sql`(source = ${s} and target = ${t})`), sql` or `)})`);
    }
    if (q.since !== undefined) where.push(sql`date >= ${q.since}`);
    if (q.until !== undefined) where.push(sql`date <= ${q.until}`);
    const b = start();
    return where.length ? b.where(sql<SqlBool>`${sql.join(where, sql` and `)}`) : b;
  };
  if (q.between === undefined) return branch();
  const [xs, ys] = q.between;
  return branch(xs, ys).unionAll(branch(ys, xs, [xs, ys]));
}

/** The directed pairs q names (`between`, `pairs`, narrowed by `involving`), by source then target; undefined when it names none. */
function candidatePairs(q: RelationRowQuery): Array<[string, string]> | undefined {
  if (q.between === undefined && q.pairs === undefined) return undefined;
  const named = new Map<string, [string, string]>();
  const add = (s: string, t: string) => named.set(`${s}\u0000${t}`, [s, t]);
  if (q.between) {
    const [xs, ys] = q.between;
    for (const x of xs) for (const y of ys) {
      add(x, y);
      add(y, x);
    }
  }
  let out = [...named.values()];
  if (q.pairs) {
    const inBetween = q.between ? named : undefined;
    out = q.pairs.filter(([s, t]) => !inBetween || inBetween.has(`${s}\u0000${t}`));
  }
  const keys = q.involving && new Set(q.involving);
  if (keys) out = out.filter(([s, t]) => keys.has(s) || keys.has(t));
  const unique = new Map(out.map((x) => [`${x[0]}\u0000${x[1]}`, x]));
  return [...unique.values()].sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : x[1] < y[1] ? -1 : x[1] > y[1] ? 1 : 0));
}

function decodeDayCursor(cursor: string): [string, string, string] {
  const parts = Buffer.from(cursor, 'base64url').toString().split('\u0000');
  if (parts.length !== 3 || !parts[0]) throw new Error(`store: invalid relation days cursor ${cursor}`);
  return parts as [string, string, string];
}

function highestVersion(names: string[]): number {
  return Math.max(0, ...names.map((n) => migrationVersion(n) ?? 0));
}

function listFilters(eb: ExpressionBuilder<Database, 'articles'>, q: ListArticlesQuery): Expression<SqlBool>[] {
  const filters: Expression<SqlBool>[] = [];
  if (!q.includeDuplicates) filters.push(eb('duplicate_of', 'is', null));
  if (q.outlet !== undefined) filters.push(eb('outlet', '=', q.outlet));
  if (q.ids !== undefined) filters.push(q.ids.length ? eb('id', 'in', q.ids) : eb.lit(false));
  if (q.language !== undefined) filters.push(eb('language', '=', q.language));
  if (q.since !== undefined) filters.push(eb('published', '>=', q.since));
  if (q.until !== undefined) {
    const day = /^\d{4}-\d{2}-\d{2}$/.test(q.until) ? nextDay(q.until) : undefined;
    filters.push(day === undefined ? eb('published', '<=', q.until) : eb('published', '<', day));
  }
  return filters;
}

/** `2024-02-28` → `2024-02-29`; undefined for an impossible date. */
function nextDay(date: string): string | undefined {
  const t = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(t)) return undefined;
  return new Date(t + 86_400_000).toISOString().slice(0, 10);
}

type ArticleInsert = Insertable<ArticlesTable> & { origin: string; text_hash: string };

/** Record in `ids` the stored id of every row whose (origin, text_hash) is already stored. */
async function lookUpExisting(db: Kysely<Database>, rows: ArticleInsert[], ids: Map<string, number>): Promise<void> {
  const wanted = new Set(rows.map((r) => rowKey(r.origin, r.text_hash)));
  const hashes = [...new Set(rows.map((r) => r.text_hash))];
  for (const chunk of chunks(hashes, MAX_PARAMS)) {
    const existing = await db
      .selectFrom('articles')
      .select(['id', 'origin', 'text_hash'])
      .where('text_hash', 'in', chunk)
      .execute();
    for (const r of existing) {
      const key = rowKey(r.origin, r.text_hash);
      if (wanted.has(key)) ids.set(key, Number(r.id));
    }
  }
}

function rowKey(origin: string, textHash: string): string {
  return `${origin}\u0000${textHash}`;
}

function* chunks<T>(items: T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

function toRow(a: ArticleInput, ingestedAt: string): ArticleInsert {
  return {
    origin: a.origin,
    format: a.format,
    url: a.url ?? null,
    title: a.title,
    dek: a.dek ?? null,
    body: a.body,
    related: JSON.stringify(a.related),
    outlet: a.outlet ?? null,
    outlet_basis: a.outletBasis ?? null,
    published: a.published ?? null,
    date_basis: a.dateBasis,
    language: a.language,
    removed: JSON.stringify(a.removed),
    messages: JSON.stringify(a.messages),
    text_hash: a.textHash,
    simhash: a.simhash,
    duplicate_of: a.duplicateOf ?? null,
    ingested_at: ingestedAt,
  };
}

function fromRow(r: ArticleRow): StoredArticle {
  const a: StoredArticle = {
    id: Number(r.id),
    origin: r.origin,
    format: r.format as InputFormat,
    title: r.title,
    body: r.body,
    related: JSON.parse(r.related) as string[],
    dateBasis: r.date_basis as DateBasis,
    language: r.language,
    removed: JSON.parse(r.removed) as Removed[],
    messages: JSON.parse(r.messages) as Message[],
    textHash: r.text_hash,
    simhash: r.simhash,
    ingestedAt: r.ingested_at,
  };
  if (r.url !== null) a.url = r.url;
  if (r.dek !== null) a.dek = r.dek;
  if (r.outlet !== null) a.outlet = r.outlet;
  if (r.outlet_basis !== null) a.outletBasis = r.outlet_basis;
  if (r.published !== null) a.published = r.published;
  if (r.duplicate_of !== null) a.duplicateOf = Number(r.duplicate_of);
  return a;
}
