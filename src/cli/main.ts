import { Command, InvalidArgumentError, Option } from 'commander';
import { join } from 'node:path';
import { ConfigError, loadConfig, type ConfigOverrides } from '../config.js';
import { openStore, type Store } from '../store/store.js';
import { ingest, type IngestOptions, type IngestSummary } from '../ingest/ingest.js';
import type { ColumnMap } from '../ingest/tabular.js';
import type { InputFormat, ItemResult } from '../types.js';
import { formatMessage } from '../messages.js';
import { ROOT } from '../paths.js';
import { evalExtraction, formatExtractionReport } from '../eval/extraction.js';
import { createProgress } from './progress.js';
import { registerEventCommands } from './events.js';
import { registerVoiceCommands } from './voices.js';
import { registerRelationCommands, runAnalyze, type RelationCommandContext } from './relations.js';
import { registerServeCommand } from './serve.js';
import { loadKnowledgeBase } from '../actors/kb.js';
import { listActors, type ActorType } from '../actors/list.js';
import { lookupActor } from '../actors/resolve.js';
import { annotatePending, type AnnotateSummary } from '../annotate/run.js';
import { evalActors, formatActorReport, readActorCases } from '../eval/actors.js';
import { articleText, articlesTable } from './format.js';

/** Streams and environment the CLI runs with; tests pass their own. */
export interface CliIo {
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  env: Record<string, string | undefined>;
}

class UsageError extends Error {}

function isoDate(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value))) throw new InvalidArgumentError(`expected a date as YYYY-MM-DD, got "${value}"`);
  return value;
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError(`expected a positive integer, got "${value}"`);
  return n;
}

function bitCount(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 15) throw new InvalidArgumentError(`expected 0…15 bits, got "${value}"`);
  return n;
}

function jsonLine(io: CliIo, value: unknown): void {
  io.stdout.write(JSON.stringify(value, null, 2) + '\n');
}

interface GlobalOpts {
  db?: string;
  config?: string;
}

function configFrom(io: CliIo, global: GlobalOpts, flags: ConfigOverrides = {}) {
  return loadConfig(io.env, { ...flags, ...(global.db ? { db: global.db } : {}) }, global.config);
}

async function withStore<T>(location: string, fn: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(location);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

function resultLine(r: ItemResult): string | undefined {
  switch (r.status) {
    case 'failed':
      return `failed   ${r.error}`;
    case 'duplicate':
      return `dup      ${r.origin}: ${r.kind} duplicate of #${r.duplicateOf} (stored as #${r.id})`;
    case 'ingested':
      if (!r.flagged) return undefined;
      return `flagged  ${r.origin} (#${r.id}): ${r.messages.filter((m) => m.severity !== 'info').map((m) => formatMessage(m)).join('; ')}`;
    case 'skipped':
      return undefined;
  }
}

function summaryLine(s: IngestSummary): string {
  return `ingested ${s.ingested}, duplicate ${s.duplicate}, skipped ${s.skipped} (already stored), flagged ${s.flagged}, failed ${s.failed} — ${s.sources} input(s) in ${s.seconds}s`;
}

interface IngestCliOpts {
  date?: string;
  outlet?: string;
  format?: InputFormat;
  follow?: boolean;
  allowPrivate?: boolean;
  json?: boolean;
  verbose?: boolean;
  annotate?: boolean;
  maxBytes?: number;
  nearThreshold?: number;
  titleCol?: string;
  textCol?: string;
  dateCol?: string;
  urlCol?: string;
  sourceCol?: string;
}

async function runIngest(io: CliIo, inputs: string[], o: IngestCliOpts, global: GlobalOpts): Promise<number> {
  const config = configFrom(io, global, {
    ingest: { ...(o.maxBytes ? { maxBytes: o.maxBytes } : {}), ...(o.nearThreshold !== undefined ? { nearThreshold: o.nearThreshold } : {}) },
    fetch: o.allowPrivate ? { allowPrivate: true } : {},
  });
  const columns: ColumnMap = {};
  if (o.titleCol) columns.title = o.titleCol;
  if (o.textCol) columns.text = o.textCol;
  if (o.dateCol) columns.date = o.dateCol;
  if (o.urlCol) columns.url = o.urlCol;
  if (o.sourceCol) columns.source = o.sourceCol;
  const opts: IngestOptions = {};
  if (o.date) opts.date = o.date;
  if (o.outlet) opts.outlet = o.outlet;
  if (o.format) opts.format = o.format;
  if (o.follow) opts.follow = true;
  if (Object.keys(columns).length) opts.columns = columns;

  const progress = createProgress(io.stderr, !o.json && !io.env['CI']);
  const results: ItemResult[] = [];
  const summary = await withStore(config.db, (store) =>
    ingest(inputs, store, config, opts, {
      onProgress: (done, total, label) => progress.update(done, total, label),
      onResult: (r) => {
        if (o.json) {
          results.push(r);
          return;
        }
        const line = o.verbose && r.status === 'ingested' && !r.flagged ? `ok       ${r.origin} → #${r.id} ${r.title}` : o.verbose && r.status === 'skipped' ? `skipped  ${r.origin}: ${r.reason}` : resultLine(r);
        if (line) {
          progress.done();
          io.stderr.write(line + '\n');
        }
      },
      onNote: (origin, m) => {
        if (!o.json && m.severity !== 'info') io.stderr.write(`note     ${formatMessage(m, origin)}\n`);
      },
    }),
  );
  progress.done();
  const annotation = o.annotate === false ? undefined : await runAnnotate(io, config.db, { quiet: !!o.json });
  if (o.json) jsonLine(io, { ...summary, db: config.db, items: results, ...(annotation ? { annotation } : {}) });
  else {
    io.stdout.write(summaryLine(summary) + '\n');
    if (annotation) io.stdout.write(annotateLine(annotation) + '\n');
  }
  return summary.ingested + summary.duplicate + summary.skipped === 0 ? 1 : 0;
}

function annotateLine(a: AnnotateSummary): string {
  return `annotated ${a.annotated} article(s): ${a.mentions} actor mentions, ${a.events} events${a.failed ? `, ${a.failed} failed` : ''} — ${a.seconds}s`;
}

/** Resolve actors (and code events) for stored articles that lack the current annotations. */
async function runAnnotate(io: CliIo, db: string, o: { quiet: boolean; all?: boolean }): Promise<AnnotateSummary> {
  const progress = createProgress(io.stderr, !o.quiet && !io.env['CI']);
  const kb = loadKnowledgeBase();
  const summary = await withStore(db, (store) => annotatePending(store, kb, { ...(o.all ? { all: true } : {}), onProgress: (done, label) => progress.update(done, done, `annotating ${label}`) }));
  progress.done();
  for (const e of summary.errors) io.stderr.write(`failed   ${e.error}\n`);
  return summary;
}

export function buildProgram(io: CliIo, setExit: (code: number) => void): Command {
  const program = new Command('entente')
    .description('Entente: who is moving toward or away from whom, since when, and on what evidence — from the news.')
    .option('--db <location>', 'database: a SQLite file or a postgres:// URL (default ./entente.db, or ENTENTE_DB)')
    .option('--config <file>', 'JSON config file (or ENTENTE_CONFIG)')
    .showHelpAfterError()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .exitOverride();
  const global = (): GlobalOpts => program.opts<GlobalOpts>();

  program
    .command('ingest')
    .description('ingest files, directories, http(s) URLs or - (stdin): text, HTML, RSS/Atom, JSON/JSONL, CSV (detected by content)')
    .argument('<inputs...>', 'paths, directories, URLs or -')
    .option('--date <YYYY-MM-DD>', 'publication date for articles that carry none', isoDate)
    .option('--outlet <name>', 'outlet of these articles (overrides what the text says)')
    .addOption(new Option('--format <format>', 'read every input as this format instead of detecting it').choices(['text', 'html', 'rss', 'atom', 'json', 'jsonl', 'csv']))
    .option('--follow', 'for feeds: fetch each item\'s linked page and use its text when richer')
    .option('--allow-private', 'allow URLs that resolve to private or loopback addresses')
    .option('--title-col <name>', 'CSV/JSON column holding the title')
    .option('--text-col <name>', 'CSV/JSON column holding the body text')
    .option('--date-col <name>', 'CSV/JSON column holding the publication date')
    .option('--url-col <name>', 'CSV/JSON column holding the URL')
    .option('--source-col <name>', 'CSV/JSON column holding the outlet')
    .option('--max-bytes <n>', 'size cap per input in bytes (default 50 MiB)', positiveInt)
    .option('--near-threshold <bits>', 'SimHash bits within which two articles are near-duplicates (default 3)', bitCount)
    .option('--no-annotate', 'store only: skip actor resolution and event coding (run `entente recode` later)')
    .option('--json', 'print a machine-readable summary with a result per item')
    .option('-v, --verbose', 'print a line for every item, not only problems')
    .action(async (inputs: string[], o: IngestCliOpts) => setExit(await runIngest(io, inputs, o, global())));

  const articles = program.command('articles').description('list and show stored articles');
  articles
    .command('list')
    .description('list stored articles (duplicates hidden unless --all)')
    .option('--limit <n>', 'how many', positiveInt, 50)
    .option('--offset <n>', 'skip this many', (v) => (v === '0' ? 0 : positiveInt(v)), 0)
    .option('--outlet <name>', 'only this outlet')
    .option('--since <YYYY-MM-DD>', 'published on or after', isoDate)
    .option('--until <YYYY-MM-DD>', 'published on or before', isoDate)
    .option('--all', 'include duplicates')
    .option('--json', 'print JSON')
    .action(async (o: { limit: number; offset: number; outlet?: string; since?: string; until?: string; all?: boolean; json?: boolean }) => {
      const config = configFrom(io, global());
      const page = await withStore(config.db, (s) =>
        s.listArticles({ limit: o.limit, offset: o.offset, ...(o.outlet ? { outlet: o.outlet } : {}), ...(o.since ? { since: o.since } : {}), ...(o.until ? { until: o.until } : {}), includeDuplicates: !!o.all }),
      );
      if (o.json) jsonLine(io, page);
      else io.stdout.write(articlesTable(page.items, page.total) + '\n');
    });
  articles
    .command('show')
    .description('show one article: cleaned text, related headlines, messages; --removed adds what the cleaner removed and why')
    .argument('<id>', 'article id', positiveInt)
    .option('--removed', 'also list every removed line with the rule that removed it')
    .option('--json', 'print JSON')
    .action(async (id: number, o: { removed?: boolean; json?: boolean }) => {
      const config = configFrom(io, global());
      const a = await withStore(config.db, (s) => s.getArticle(id));
      if (!a) throw new UsageError(`articles: no article #${id} in ${config.db}`);
      if (o.json) jsonLine(io, o.removed === false ? { ...a, removed: undefined } : a);
      else io.stdout.write(articleText(a, !!o.removed) + '\n');
    });

  program
    .command('recode')
    .description('re-annotate stored articles (actors, events) whose annotations are from another resolver/dictionary version; idempotent')
    .option('--all', 'redo every article, not only those with an older version')
    .option('--json', 'print JSON')
    .action(async (o: { all?: boolean; json?: boolean }) => {
      const config = configFrom(io, global());
      const s = await runAnnotate(io, config.db, { quiet: !!o.json, ...(o.all ? { all: true } : {}) });
      if (o.json) jsonLine(io, s);
      else io.stdout.write(annotateLine(s) + '\n');
      setExit(s.failed > 0 && s.annotated === 0 ? 1 : 0);
    });

  const actors = program.command('actors').description('the actor knowledge base and resolver');
  actors
    .command('lookup')
    .description('resolve a name, title or phrase to an actor on a date (e.g. "the prime minister" --context "Japan\'s …")')
    .argument('<text>', 'the text to resolve')
    .option('--date <YYYY-MM-DD>', 'the date to resolve at (default: today)', isoDate)
    .option('--context <sentence>', 'the sentence the text appears in, or the one before it')
    .option('--json', 'print JSON')
    .action((text: string, o: { date?: string; context?: string; json?: boolean }) => {
      const date = o.date ?? new Date().toISOString().slice(0, 10);
      const r = lookupActor(text, { date, ...(o.context ? { context: o.context } : {}) }, loadKnowledgeBase());
      if (o.json) {
        jsonLine(io, { text, date, ...r });
        return;
      }
      if (!r.mention) {
        io.stdout.write(`no actor found in "${text}" on ${date}\n`);
        setExit(1);
        return;
      }
      const m = r.mention;
      const lines = [
        `${m.text}  →  ${m.code || '(no code)'}`,
        `kind        ${m.kind}${m.ref ? ` (${m.ref})` : ''}`,
        `country     ${m.country || '(unknown)'}`,
        `sector      ${m.sector || '(none)'}`,
      ];
      if (m.office) lines.push(`office      ${m.office}${m.former ? ' (former)' : ''}`);
      if (m.members) lines.push(`members     ${m.members.join(' ')}`);
      lines.push(`via         ${m.via} (confidence ${m.confidence})`, `date        ${date}`);
      io.stdout.write(lines.join('\n') + '\n');
    });
  actors
    .command('list')
    .description('list actors in the knowledge base')
    .option('--country <ISO3>', 'only this country (or groups it belongs to)')
    .addOption(new Option('--type <type>', 'only this kind').choices(['person', 'org', 'state', 'group']))
    .option('--json', 'print JSON')
    .action((o: { country?: string; type?: ActorType; json?: boolean }) => {
      const items = listActors(loadKnowledgeBase(), { ...(o.country ? { country: o.country.toUpperCase() } : {}), ...(o.type ? { type: o.type } : {}) });
      if (o.json) {
        jsonLine(io, items);
        return;
      }
      const rows = items.map((a) => `${a.type.padEnd(7)} ${a.code.padEnd(10)} ${a.country.padEnd(4)} ${a.name}${a.detail ? `  (${a.detail})` : ''}`);
      io.stdout.write([...rows, `${items.length} actor(s)`].join('\n') + '\n');
    });

  program
    .command('mentions')
    .description('the actor mentions stored for an article, with offsets into its fields')
    .argument('<id>', 'article id', positiveInt)
    .option('--json', 'print JSON')
    .action(async (id: number, o: { json?: boolean }) => {
      const config = configFrom(io, global());
      const { article, mentions } = await withStore(config.db, async (s) => ({ article: await s.getArticle(id), mentions: await s.getMentions(id) }));
      if (!article) throw new UsageError(`mentions: no article #${id} in ${config.db}`);
      if (o.json) {
        jsonLine(io, mentions);
        return;
      }
      const rows = mentions.map((m) => `${`${m.field}${m.field === 'related' ? `[${m.fieldIndex}]` : ''}`.padEnd(12)} ${`${m.start}-${m.end}`.padEnd(10)} ${(m.code || '-').padEnd(10)} ${m.kind.padEnd(15)} ${m.text}  (${m.via})`);
      io.stdout.write([...rows, `${mentions.length} mention(s) in #${id}`].join('\n') + '\n');
    });

  const evalCmd = program.command('eval').description('measure Entente against gold data');
  evalCmd
    .command('extraction')
    .description('score HTML extraction on a directory in the Zyte benchmark layout (ground-truth.json + html/<id>.html.gz)')
    .argument('<dir>', 'benchmark directory')
    .option('--json', 'print {"precision","recall","f1","pages"}')
    .option('--errors [n]', 'list the n worst pages (default 10)')
    .action(async (dir: string, o: { json?: boolean; errors?: string | boolean }) => {
      const r = await evalExtraction(dir);
      const errors = o.errors === undefined ? 0 : o.errors === true ? 10 : positiveInt(String(o.errors));
      if (o.json) {
        const worst = [...r.perPage].sort((a, b) => a.f1 - b.f1).slice(0, errors);
        jsonLine(io, { precision: r.precision, recall: r.recall, f1: r.f1, pages: r.pages, ...(errors ? { worst } : {}) });
      } else io.stdout.write(formatExtractionReport(r, { errors }) + '\n');
    });

  evalCmd
    .command('actors')
    .description('score the actor resolver on a JSONL file of cases {text, context, date, expected: {country, sector}}')
    .argument('<file>', 'JSONL cases')
    .option('--json', 'print {"cases","country_accuracy","sector_accuracy"}')
    .option('--errors', 'list the cases resolved wrongly')
    .action((file: string, o: { json?: boolean; errors?: boolean }) => {
      const { cases, messages } = readActorCases(file);
      for (const m of messages) io.stderr.write(`${formatMessage(m, file)}\n`);
      const kb = loadKnowledgeBase();
      const r = evalActors(cases, (text, context, date) => {
        const m = lookupActor(text, { date, ...(context ? { context } : {}) }, kb).mention;
        return m ? { country: m.country, sector: m.sector } : undefined;
      });
      if (o.json) jsonLine(io, { cases: r.cases, country_accuracy: r.country_accuracy, sector_accuracy: r.sector_accuracy, ...(o.errors ? { errors: r.errors } : {}) });
      else io.stdout.write(formatActorReport(r, { errors: !!o.errors }) + '\n');
    });

  const commandCtx = {
    out: (t: string) => io.stdout.write(t),
    err: (t: string) => io.stderr.write(t),
    setExit,
    withStore: <T>(fn: (store: Store) => Promise<T>) => withStore(configFrom(io, global()).db, fn),
    isoDate,
    positiveInt,
  };
  registerEventCommands(program, evalCmd, commandCtx);
  registerVoiceCommands(program, evalCmd, commandCtx);

  registerServeCommand(program, { out: (t) => io.stdout.write(t), err: (t) => io.stderr.write(t), config: () => configFrom(io, global()) });

  const relationCtx: RelationCommandContext = {
    out: (t) => io.stdout.write(t),
    err: (t) => io.stderr.write(t),
    setExit,
    withStore: (fn) => withStore(configFrom(io, global()).db, fn),
    isoDate,
    positiveInt,
    ingest: (inputs, o) => runIngest(io, inputs, { verbose: false, ...(o.date ? { date: o.date } : {}) }, global()),
  };
  registerRelationCommands(program, relationCtx);

  program
    .command('demo')
    .description('the main job on the bundled sample corpus: entente analyze examples/corpus/ → report.html and a summary')
    .action(async () => {
      const code = await runAnalyze(relationCtx, [join(ROOT, 'examples', 'corpus')]);
      const config = configFrom(io, global());
      io.stdout.write(`Stored in ${config.db}. Try: entente shifts, entente dyad USA CHN, entente articles show 1 --removed\n`);
      setExit(code);
    });
  return program;
}

/** Run the CLI; returns the exit status instead of exiting so tests can call it. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let exit = 0;
  const program = buildProgram(io, (c) => (exit = c));
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exit;
  } catch (e) {
    const err = e as { code?: string; exitCode?: number; message?: string };
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return 0;
    if (typeof err.code === 'string' && err.code.startsWith('commander.')) return err.exitCode ?? 2;
    if (e instanceof UsageError || e instanceof ConfigError) {
      io.stderr.write(`entente: ${(e as Error).message}\n`);
      return 2;
    }
    const msg = (e as Error).message ?? String(e);
    io.stderr.write(`entente: ${msg.startsWith('store:') || msg.includes(': ') ? msg : `unexpected error: ${msg}`}\n`);
    if (io.env['ENTENTE_DEBUG']) io.stderr.write(`${(e as Error).stack}\n`);
    return 1;
  }
}
