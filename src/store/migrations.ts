import { sql } from 'kysely';
import type { Kysely, Migration, MigrationProvider } from 'kysely';
import type { EventRecord } from '../events/record.js';
import { eventDyadRows } from '../relations/keys.js';
import { rebuildDays } from './relation-days.js';
import type { Database, EventDyadsTable } from './tables.js';

export type StoreKind = 'sqlite' | 'postgres';

/**
 * Versioned schema changes, applied in name order by Kysely's Migrator. A
 * migration's version is its numeric prefix (`0001_articles` → 1). Never edit
 * a released migration: add the next one.
 */
function migrations(kind: StoreKind): Record<string, Migration> {
  return {
    '0001_articles': {
      // Migrations see an untyped database: the typed view is the one they create.
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('articles')
          .addColumn('id', 'integer', (c) =>
            kind === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey().generatedByDefaultAsIdentity(),
          )
          .addColumn('origin', 'text', (c) => c.notNull())
          .addColumn('format', 'text', (c) => c.notNull())
          .addColumn('url', 'text')
          .addColumn('title', 'text', (c) => c.notNull())
          .addColumn('dek', 'text')
          .addColumn('body', 'text', (c) => c.notNull())
          .addColumn('related', 'text', (c) => c.notNull())
          .addColumn('outlet', 'text')
          .addColumn('outlet_basis', 'text')
          .addColumn('published', 'text')
          .addColumn('date_basis', 'text', (c) => c.notNull())
          .addColumn('language', 'text', (c) => c.notNull())
          .addColumn('removed', 'text', (c) => c.notNull())
          .addColumn('messages', 'text', (c) => c.notNull())
          .addColumn('text_hash', 'text', (c) => c.notNull())
          .addColumn('simhash', 'text', (c) => c.notNull())
          .addColumn('duplicate_of', 'integer', (c) => c.references('articles.id'))
          .addColumn('ingested_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createIndex('articles_origin_text_hash')
          .on('articles')
          .columns(['origin', 'text_hash'])
          .unique()
          .execute();
        await db.schema.createIndex('articles_text_hash').on('articles').column('text_hash').execute();
        await db.schema.createIndex('articles_published').on('articles').column('published').execute();
      },
    },
    '0002_annotations': {
      // Resolver mentions and coded events per article; replaced whole when an article is re-annotated.
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('annotations')
          .addColumn('article_id', 'integer', (c) => c.primaryKey().references('articles.id').onDelete('cascade'))
          .addColumn('version', 'text', (c) => c.notNull())
          .addColumn('annotated_at', 'text', (c) => c.notNull())
          .addColumn('mentions', 'integer', (c) => c.notNull())
          .addColumn('events', 'integer', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('mentions')
          .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
          .addColumn('seq', 'integer', (c) => c.notNull())
          .addColumn('field', 'text', (c) => c.notNull())
          .addColumn('field_index', 'integer', (c) => c.notNull())
          .addColumn('start_offset', 'integer', (c) => c.notNull())
          .addColumn('end_offset', 'integer', (c) => c.notNull())
          .addColumn('text', 'text', (c) => c.notNull())
          .addColumn('sentence', 'integer', (c) => c.notNull())
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('ref', 'text')
          .addColumn('country', 'text', (c) => c.notNull())
          .addColumn('sector', 'text', (c) => c.notNull())
          .addColumn('code', 'text', (c) => c.notNull())
          .addColumn('via', 'text', (c) => c.notNull())
          .addColumn('confidence', 'real', (c) => c.notNull())
          .addColumn('detail', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('mentions_pk', ['article_id', 'seq'])
          .execute();
        await db.schema.createIndex('mentions_ref').on('mentions').column('ref').execute();
        await db.schema.createIndex('mentions_country').on('mentions').column('country').execute();
        await db.schema
          .createTable('events')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
          .addColumn('field', 'text', (c) => c.notNull())
          .addColumn('field_index', 'integer', (c) => c.notNull())
          .addColumn('date', 'text', (c) => c.notNull())
          .addColumn('plover_type', 'text', (c) => c.notNull())
          .addColumn('cameo_code', 'text', (c) => c.notNull())
          .addColumn('cameo_root', 'text', (c) => c.notNull())
          .addColumn('quad_class', 'integer', (c) => c.notNull())
          .addColumn('goldstein', 'real', (c) => c.notNull())
          .addColumn('modality', 'text', (c) => c.notNull())
          .addColumn('negated', 'integer', (c) => c.notNull())
          .addColumn('confidence', 'real', (c) => c.notNull())
          .addColumn('record', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('events_article').on('events').column('article_id').execute();
        await db.schema.createIndex('events_date').on('events').column('date').execute();
        // One row per (event, side, actor): filters by actor and dyad, and later the relation aggregates.
        await db.schema
          .createTable('event_actors')
          .addColumn('event_id', 'text', (c) => c.notNull().references('events.id').onDelete('cascade'))
          .addColumn('side', 'text', (c) => c.notNull())
          .addColumn('country', 'text', (c) => c.notNull())
          .addColumn('code', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('event_actors_event').on('event_actors').column('event_id').execute();
        await db.schema.createIndex('event_actors_country').on('event_actors').columns(['country', 'side']).execute();
      },
    },
    '0003_event_dyads': {
      // One row per directed (source, target) relation key pair of each event: what relations read (src/relations/).
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('event_dyads')
          .addColumn('event_id', 'text', (c) => c.notNull().references('events.id').onDelete('cascade'))
          .addColumn('article_id', 'integer', (c) => c.notNull())
          .addColumn('date', 'text', (c) => c.notNull())
          .addColumn('source', 'text', (c) => c.notNull())
          .addColumn('target', 'text', (c) => c.notNull())
          .addColumn('quad_class', 'integer', (c) => c.notNull())
          .addColumn('goldstein', 'real', (c) => c.notNull())
          .addColumn('modality', 'text', (c) => c.notNull())
          .addColumn('negated', 'integer', (c) => c.notNull())
          .addColumn('confidence', 'real', (c) => c.notNull())
          .addColumn('cameo_code', 'text', (c) => c.notNull())
          // Clustered by dyad then date (SQLite WITHOUT ROWID): a dyad's series is one contiguous range.
          .addPrimaryKeyConstraint('event_dyads_pk', ['source', 'target', 'date', 'event_id'])
          .$call((b) => (kind === 'sqlite' ? b.modifyEnd(sql`without rowid`) : b))
          .execute();
        await db.schema.createIndex('event_dyads_event').on('event_dyads').columns(['event_id', 'source', 'target']).unique().execute();
        await db.schema.createIndex('event_dyads_date').on('event_dyads').column('date').execute();
        await db.schema.createIndex('event_dyads_article').on('event_dyads').column('article_id').execute();
        // Events stored before this migration get their rows now.
        const rows = await sql<{ id: string; article_id: number; record: string }>`select id, article_id, record from events`.execute(db);
        const dyadRows = rows.rows.flatMap((r) => eventDyadRows(Number(r.article_id), JSON.parse(r.record) as EventRecord));
        for (let i = 0; i < dyadRows.length; i += 2000) {
          await (db as Kysely<{ event_dyads: EventDyadsTable }>).insertInto('event_dyads').values(dyadRows.slice(i, i + 2000)).execute();
        }
      },
    },
    '0004_voices': {
      // Quotations (posts by handles are reactions) and article tone, replaced with an article's annotations (src/voices/).
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('quotes')
          .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
          .addColumn('seq', 'integer', (c) => c.notNull())
          .addColumn('field', 'text', (c) => c.notNull())
          .addColumn('field_index', 'integer', (c) => c.notNull())
          .addColumn('start_offset', 'integer', (c) => c.notNull())
          .addColumn('end_offset', 'integer', (c) => c.notNull())
          .addColumn('text', 'text', (c) => c.notNull())
          .addColumn('words', 'integer', (c) => c.notNull())
          .addColumn('partial', 'integer', (c) => c.notNull())
          .addColumn('speaker_text', 'text')
          .addColumn('speaker_code', 'text')
          .addColumn('speaker_country', 'text')
          .addColumn('speaker_ref', 'text')
          .addColumn('via', 'text')
          .addColumn('tone', 'real', (c) => c.notNull())
          .addColumn('stance', 'text', (c) => c.notNull())
          .addColumn('reaction', 'text')
          .addColumn('about_keys', 'text', (c) => c.notNull())
          .addColumn('detail', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('quotes_pk', ['article_id', 'seq'])
          .execute();
        await db.schema.createIndex('quotes_speaker_code').on('quotes').column('speaker_code').execute();
        await db.schema.createIndex('quotes_speaker_country').on('quotes').column('speaker_country').execute();
        await db.schema
          .createTable('article_tones')
          .addColumn('article_id', 'integer', (c) => c.primaryKey().references('articles.id').onDelete('cascade'))
          .addColumn('tone', 'real', (c) => c.notNull())
          .addColumn('positive', 'real', (c) => c.notNull())
          .addColumn('negative', 'real', (c) => c.notNull())
          .addColumn('words', 'integer', (c) => c.notNull())
          .addColumn('mean', 'real', (c) => c.notNull())
          .addColumn('opinion', 'real', (c) => c.notNull())
          .addColumn('detail', 'text', (c) => c.notNull())
          .execute();
      },
    },
    '0005_search': {
      // Full-text search over articles: an FTS5 index kept in step by triggers (SQLite), a generated tsvector (PostgreSQL).
      async up(db: Kysely<unknown>) {
        if (kind === 'sqlite') {
          await sql`create virtual table articles_fts using fts5(title, dek, body, related, content='articles', content_rowid='id', tokenize='porter unicode61')`.execute(db);
          await sql`create trigger articles_fts_insert after insert on articles begin
            insert into articles_fts(rowid, title, dek, body, related) values (new.id, new.title, new.dek, new.body, new.related); end`.execute(db);
          await sql`create trigger articles_fts_delete after delete on articles begin
            insert into articles_fts(articles_fts, rowid, title, dek, body, related) values ('delete', old.id, old.title, old.dek, old.body, old.related); end`.execute(db);
          await sql`create trigger articles_fts_update after update of title, dek, body, related on articles begin
            insert into articles_fts(articles_fts, rowid, title, dek, body, related) values ('delete', old.id, old.title, old.dek, old.body, old.related);
            insert into articles_fts(rowid, title, dek, body, related) values (new.id, new.title, new.dek, new.body, new.related); end`.execute(db);
          await sql`insert into articles_fts(articles_fts) values ('rebuild')`.execute(db);
        } else {
          await sql`alter table articles add column search tsvector generated always as (
            setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', coalesce(dek, '')), 'B')
            || to_tsvector('english', body) || to_tsvector('english', related)) stored`.execute(db);
          await sql`create index articles_search on articles using gin (search)`.execute(db);
        }
      },
    },
    '0006_relation_days': {
      // Each (source, target, date) of event_dyads packed into one row, kept by saveAnnotations: what a dyad's series reads.
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('relation_days')
          .addColumn('source', 'text', (c) => c.notNull())
          .addColumn('target', 'text', (c) => c.notNull())
          .addColumn('date', 'text', (c) => c.notNull())
          .addColumn('rows', 'integer', (c) => c.notNull())
          .addColumn('strings', 'text', (c) => c.notNull())
          .addColumn('numbers', kind === 'sqlite' ? 'blob' : 'bytea', (c) => c.notNull())
          .addPrimaryKeyConstraint('relation_days_pk', ['source', 'target', 'date'])
          .$call((b) => (kind === 'sqlite' ? b.modifyEnd(sql`without rowid`) : b))
          .execute();
        await rebuildDays(db as Kysely<Database>);
      },
    },
  };
}

export function migrationProvider(kind: StoreKind): MigrationProvider {
  return { getMigrations: async () => migrations(kind) };
}

/** `0001_articles` → 1; undefined for a name without a numeric prefix. */
export function migrationVersion(name: string): number | undefined {
  const m = /^(\d+)_/.exec(name);
  return m?.[1] === undefined ? undefined : Number(m[1]);
}

/** Highest schema version this code knows. */
export const LATEST_VERSION = Math.max(
  ...Object.keys(migrations('sqlite')).map((name) => migrationVersion(name) ?? 0),
);
