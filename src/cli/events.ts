import { readFileSync } from 'node:fs';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { codeSentence } from '../events/coder.js';
import { formatGdeltTsv, toGdeltRows, toPloverJson } from '../events/export.js';
import { PLOVER_TYPES, MODALITIES, type EventRecord } from '../events/record.js';
import type { EventQuery, Store, StoredEvent } from '../store/store.js';
import { evalConflibert, evalPetrarch, evalPlover, formatEventsReport, type EventsEvalReport } from '../eval/events.js';
import { readConflibertTsv } from '../eval/gold/conflibert.js';
import { readPetrarchGold } from '../eval/gold/petrarch.js';
import { readPloverGold } from '../eval/gold/plover.js';
import { formatMessage } from '../messages.js';
import type { Message } from '../types.js';

export interface EventCommandContext {
  out: (s: string) => void;
  err: (s: string) => void;
  setExit: (code: number) => void;
  withStore: <T>(fn: (store: Store) => Promise<T>) => Promise<T>;
  isoDate: (v: string) => string;
  positiveInt: (v: string) => number;
}

function actorList(actors: EventRecord['sources']): string {
  return actors.map((a) => a.code || a.text).join('+') || '-';
}

function eventLine(e: EventRecord): string {
  const flags = [e.modality !== 'asserted' ? e.modality : '', e.negated ? 'negated' : ''].filter(Boolean).join(',');
  return `${e.date}  ${actorList(e.sources)} → ${actorList(e.targets)}  ${e.plover.type}${e.plover.mode ? `/${e.plover.mode}` : ''}  CAMEO ${e.cameo.code} (${e.cameo.goldstein >= 0 ? '+' : ''}${e.cameo.goldstein})${flags ? `  [${flags}]` : ''}`;
}

function csvCell(v: string | number | boolean): string {
  const s = String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const CSV_COLUMNS = ['id', 'article_id', 'date', 'sources', 'targets', 'plover_type', 'plover_mode', 'cameo_code', 'cameo_root', 'quad_class', 'goldstein', 'modality', 'negated', 'trigger', 'rule_id', 'confidence', 'sentence'] as const;

function csvRow(e: EventRecord): string {
  return [e.id, e.article_id ?? '', e.date, actorList(e.sources), actorList(e.targets), e.plover.type, e.plover.mode, e.cameo.code, e.cameo.root, e.cameo.quad_class, e.cameo.goldstein, e.modality, e.negated, e.trigger.text, e.rule_id, e.confidence, e.sentence.text]
    .map(csvCell)
    .join(',');
}

function dyad(value: string): [string, string] {
  const m = /^([A-Za-z]{3,12}):([A-Za-z]{3,12})$/.exec(value);
  if (!m) throw new InvalidArgumentError(`expected SOURCE:TARGET such as USA:CHN, got "${value}"`);
  return [m[1]!.toUpperCase(), m[2]!.toUpperCase()];
}

export function registerEventCommands(program: Command, evalCmd: Command, ctx: EventCommandContext): void {
  program
    .command('code')
    .description('code one sentence and show why: actors found, triggers, rules, events (for dictionary maintainers)')
    .argument('<sentence>', 'the text to code')
    .option('--date <YYYY-MM-DD>', 'the date to read it at (default: today)', ctx.isoDate)
    .option('--json', 'print JSON')
    .action((sentence: string, o: { date?: string; json?: boolean }) => {
      const r = codeSentence(sentence, o.date ? { date: o.date } : {});
      if (o.json) {
        ctx.out(JSON.stringify({ mentions: r.mentions, events: r.events, trace: r.trace, dictionary_version: r.dictionary_version }, null, 2) + '\n');
        return;
      }
      const lines: string[] = [];
      lines.push(`actors: ${r.mentions.map((m) => `${m.text} → ${m.code || '?'} (${m.kind}${m.location ? ', place' : ''})`).join('; ') || '(none)'}`);
      for (const t of r.trace) {
        for (const tr of t.triggers) lines.push(`trigger "${tr.text}" — entry ${tr.entry}, frame ${tr.frame}: ${tr.outcome}${tr.code ? ` (CAMEO ${tr.code})` : ''}`);
        if (t.note) lines.push(`note: ${t.note}`);
      }
      lines.push(`events (${r.events.length}):`);
      for (const e of r.events) lines.push(`  ${eventLine(e)}  rule ${e.rule_id}  confidence ${e.confidence}`);
      lines.push(`dictionary ${r.dictionary_version}`);
      ctx.out(lines.join('\n') + '\n');
    });

  program
    .command('events')
    .description('list stored events with filters; export as GDELT 2.0 rows or PLOVER JSON')
    .option('--actor <code>', 'ISO3 country or CAMEO-style actor code on either side (USA, USAGOV)')
    .option('--dyad <X:Y>', 'source X and target Y (ISO3 or code), directed', dyad)
    .option('--since <YYYY-MM-DD>', 'on or after', ctx.isoDate)
    .option('--until <YYYY-MM-DD>', 'on or before', ctx.isoDate)
    .addOption(new Option('--type <PLOVER>', 'PLOVER event type').choices([...PLOVER_TYPES]))
    .option('--root <CAMEO>', 'CAMEO root code, 01–20', (v) => {
      if (!/^(0[1-9]|1\d|20)$/.test(v)) throw new InvalidArgumentError(`expected a CAMEO root 01–20, got "${v}"`);
      return v;
    })
    .addOption(new Option('--modality <m>', 'asserted, planned, threatened, hypothetical, reported or historical').choices([...MODALITIES]))
    .option('--limit <n>', 'how many (default 100; all for exports)', ctx.positiveInt)
    .addOption(new Option('--format <f>', 'output format').choices(['table', 'json', 'csv', 'gdelt', 'plover']).default('table'))
    .action(async (o: { actor?: string; dyad?: [string, string]; since?: string; until?: string; type?: string; root?: string; modality?: string; limit?: number; format: string }) => {
      const q: EventQuery = {};
      if (o.actor) q.actor = o.actor.toUpperCase();
      if (o.dyad) q.dyad = o.dyad;
      if (o.since) q.since = o.since;
      if (o.until) q.until = o.until;
      if (o.type) q.type = o.type;
      if (o.root) q.root = o.root;
      if (o.modality) q.modality = o.modality;
      const exporting = o.format !== 'table';
      const wanted = o.limit ?? (exporting ? Number.MAX_SAFE_INTEGER : 100);
      const { events, articles } = await ctx.withStore(async (store) => {
        const got: Array<StoredEvent & { articleId: number }> = [];
        let after: string | undefined;
        do {
          const page = await store.listEvents({ ...q, limit: Math.min(1000, wanted - got.length), ...(after ? { after } : {}) });
          got.push(...page.items);
          after = page.next;
        } while (after && got.length < wanted);
        const ids = [...new Set(got.map((e) => e.articleId))];
        const arts = o.format === 'gdelt' ? await Promise.all(ids.map((id) => store.getArticle(id))) : [];
        return { events: got.map((e) => e.record), articles: arts.filter((a) => a !== undefined) };
      });
      switch (o.format) {
        case 'json':
          ctx.out(JSON.stringify(events, null, 2) + '\n');
          break;
        case 'plover':
          ctx.out(JSON.stringify(events.map(toPloverJson), null, 2) + '\n');
          break;
        case 'csv':
          ctx.out([CSV_COLUMNS.join(','), ...events.map(csvRow)].join('\n') + '\n');
          break;
        case 'gdelt':
          ctx.out(formatGdeltTsv(toGdeltRows(events, articles.map((a) => ({ id: a.id, ...(a.url ? { url: a.url } : {}), origin: a.origin, ingestedAt: a.ingestedAt, body: a.body })))));
          break;
        default:
          for (const e of events) ctx.out(`${eventLine(e)}\n    "${e.sentence.text.replace(/\s+/g, " ")}"  (article #${e.article_id})\n`);
          ctx.out(`${events.length} event(s)\n`);
      }
    });

  evalCmd
    .command('events')
    .description('score the event coder on gold data: PLOVER GSR JSON, PETRARCH validation XML or ConfliBERT TSV')
    .argument('<file>', 'gold file')
    .addOption(new Option('--format <f>', 'gold format').choices(['plover', 'petrarch', 'conflibert']).makeOptionMandatory())
    .option('--json', 'print the figures as JSON')
    .option('--errors', 'list the misses')
    .action((file: string, o: { format: 'plover' | 'petrarch' | 'conflibert'; json?: boolean; errors?: boolean }) => {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (e) {
        throw new Error(`eval: cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      }
      const opts = o.errors ? { errors: true } : {};
      let report: EventsEvalReport;
      let messages: Message[];
      if (o.format === 'plover') {
        const g = readPloverGold(text, file);
        messages = g.messages;
        report = evalPlover(g.sentences, opts);
      } else if (o.format === 'petrarch') {
        const g = readPetrarchGold(text, file);
        messages = g.messages;
        report = evalPetrarch(g.sentences, opts);
      } else {
        const g = readConflibertTsv(text, file);
        messages = g.messages;
        report = evalConflibert(g.cases, opts);
      }
      for (const m of messages.filter((x) => x.severity === 'error')) ctx.err(formatMessage(m, file) + '\n');
      if (o.json) ctx.out(JSON.stringify(o.errors ? report : { ...report, errors: undefined }, null, 2) + '\n');
      else ctx.out(formatEventsReport(report, !!o.errors) + '\n');
    });
}
