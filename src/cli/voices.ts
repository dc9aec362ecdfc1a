/**
 * CLI for voices and framing: `quotes`, `outlets`, `outlet NAME`, `stories`
 * and `eval tone`. Reads the Store; the stages are pure (src/voices/).
 */
import { InvalidArgumentError, Option, type Command } from 'commander';
import type { Store } from '../store/store.js';
import { formatMessage } from '../messages.js';
import { evalTone, formatToneReport, readToneCases } from '../voices/eval-tone.js';
import { loadStoryInputs } from '../voices/load.js';
import { compareOutlets, outletProfiles, UNKNOWN_OUTLET, type OutletProfile } from '../voices/outlets.js';
import { clusterStories } from '../voices/stories.js';

export interface VoiceCommandContext {
  out: (s: string) => void;
  err: (s: string) => void;
  setExit: (code: number) => void;
  withStore: <T>(fn: (store: Store) => Promise<T>) => Promise<T>;
  isoDate: (v: string) => string;
  positiveInt: (v: string) => number;
}

const json = (ctx: VoiceCommandContext, v: unknown): void => ctx.out(JSON.stringify(v, null, 2) + '\n');
const signed = (x: number): string => `${x > 0 ? '+' : ''}${x.toFixed(2)}`;

function profileText(p: OutletProfile, full: boolean): string {
  const lines = [
    `${p.outlet}  —  ${p.articles} article(s)${p.first ? `, ${p.first}…${p.last}` : ''}`,
    `  tone ${signed(p.tone)} (positive % − negative %), opinion language in ${(p.opinion * 100).toFixed(0)}% of sentences, ${p.quotes} quotation(s), ${p.reactions} reaction(s)`,
  ];
  const actors = full ? p.actors : p.actors.slice(0, 5);
  if (actors.length) lines.push(`  actors: ${actors.map((a) => `${a.code} ${signed(a.tone)} (${a.sentences})`).join(', ')}`);
  const speakers = full ? p.speakers : p.speakers.slice(0, 5);
  if (speakers.length) lines.push(`  quotes: ${speakers.map((s) => `${s.text}${s.code ? ` [${s.code}]` : ''} ×${s.quotes}`).join(', ')}`);
  return lines.join('\n');
}

export function registerVoiceCommands(program: Command, evalCmd: Command, ctx: VoiceCommandContext): void {
  program
    .command('quotes')
    .description('stored quotations with their speakers (posts by handles are reactions), the actors they are about and their stance')
    .option('--speaker <x>', 'speaker: code or ISO3 (USAGOV, USA), @handle, or part of the name')
    .option('--about <y>', 'an actor the quotation is about: code or ISO3')
    .option('--reactions', 'only posts by handles')
    .option('--article <id>', 'only this article', ctx.positiveInt)
    .option('--since <YYYY-MM-DD>', 'published on or after', ctx.isoDate)
    .option('--limit <n>', 'how many', ctx.positiveInt, 100)
    .option('--json', 'print JSON')
    .action(async (o: { speaker?: string; about?: string; reactions?: boolean; article?: number; since?: string; limit: number; json?: boolean }) => {
      const page = await ctx.withStore((s) =>
        s.listQuotes({
          limit: o.limit,
          ...(o.speaker ? { speaker: o.speaker } : {}),
          ...(o.about ? { about: o.about.toUpperCase() } : {}),
          ...(o.reactions ? { reactions: true } : {}),
          ...(o.article ? { articleId: o.article } : {}),
          ...(o.since ? { since: o.since } : {}),
        }),
      );
      if (o.json) return json(ctx, page);
      const rows = page.items.map((q) => {
        const who = q.speaker ? `${q.speaker.text}${q.speaker.code ? ` [${q.speaker.code}]` : ''}` : '(unattributed)';
        const about = q.about.length ? `  about ${q.about.map((a) => `${a.code || a.text} ${a.stance}`).join(', ')}` : '';
        return `#${q.articleId} ${q.field}:${q.start}-${q.end}  ${who}${q.reaction ? ` (${q.reaction})` : ''}: "${q.text}"${about}`;
      });
      ctx.out([...rows, `${page.items.length} of ${page.total} quotation(s)`].join('\n') + '\n');
    });

  program
    .command('outlets')
    .description('a profile per outlet: articles, actors and the tone toward each, share of opinion language, whom it quotes')
    .option('--since <YYYY-MM-DD>', 'published on or after', ctx.isoDate)
    .option('--json', 'print JSON')
    .action(async (o: { since?: string; json?: boolean }) => {
      const profiles = await ctx.withStore(async (s) => outletProfiles(await s.listArticleTones(o.since ? { since: o.since } : {}), (await s.listQuotes({ limit: 1_000_000, ...(o.since ? { since: o.since } : {}) })).items));
      if (o.json) return json(ctx, profiles);
      ctx.out([...profiles.map((p) => profileText(p, false)), `${profiles.length} outlet(s)`].join('\n\n') + '\n');
    });

  program
    .command('outlet')
    .description(`one outlet's profile in full (use "${UNKNOWN_OUTLET}" for articles without one)`)
    .argument('<name>', 'outlet name as stored (case-insensitive)')
    .option('--json', 'print JSON')
    .action(async (name: string, o: { json?: boolean }) => {
      const profiles = await ctx.withStore(async (s) => outletProfiles(await s.listArticleTones({}), (await s.listQuotes({ limit: 1_000_000 })).items, { maxActors: 1000 }));
      const p = profiles.find((x) => x.outlet.toLowerCase() === name.toLowerCase());
      if (!p) {
        ctx.err(`outlet: no outlet "${name}" among ${profiles.length} stored (try \`entente outlets\`)\n`);
        ctx.setExit(1);
        return;
      }
      if (o.json) return json(ctx, p);
      ctx.out(profileText(p, true) + '\n');
    });

  program
    .command('stories')
    .description('cluster articles about the same happening across outlets; label each story and assign topics')
    .option('--since <YYYY-MM-DD>', 'published on or after', ctx.isoDate)
    .option('--until <YYYY-MM-DD>', 'published on or before', ctx.isoDate)
    .option('--min-size <n>', 'only stories with at least n articles', ctx.positiveInt, 1)
    .option('--json', 'print JSON (multi-outlet stories carry an outlet comparison)')
    .action(async (o: { since?: string; until?: string; minSize: number; json?: boolean }) => {
      const range = { ...(o.since ? { since: o.since } : {}), ...(o.until ? { until: o.until } : {}) };
      const { stories, tones, quotes } = await ctx.withStore(async (s) => ({
        stories: clusterStories(await loadStoryInputs(s, range)).filter((x) => x.articles.length >= o.minSize),
        tones: await s.listArticleTones(range),
        quotes: (await s.listQuotes({ limit: 1_000_000, ...range })).items,
      }));
      if (o.json) {
        return json(
          ctx,
          stories.map((st) => {
            const ids = new Set(st.articles);
            return st.outlets.length > 1 ? { ...st, comparison: compareOutlets(tones.filter((t) => ids.has(t.articleId)), quotes.filter((q) => ids.has(q.articleId))) } : st;
          }),
        );
      }
      const lines = stories.map(
        (st) =>
          `story ${st.id}  ${st.first ?? '?'}${st.last && st.last !== st.first ? `…${st.last}` : ''}  ${st.articles.length} article(s)${st.outlets.length ? ` from ${st.outlets.join(', ')}` : ''}\n  ${st.label}\n  topics: ${st.topics.map((t) => t.label).join(', ') || '-'}  actors: ${st.actors.map((a) => a.key).join(' ') || '-'}  articles: ${st.articles.map((a) => `#${a}`).join(' ')}`,
      );
      ctx.out([...lines, `${stories.length} stor${stories.length === 1 ? 'y' : 'ies'}`].join('\n') + '\n');
    });

  evalCmd
    .command('tone')
    .description('score sentence tone against human ratings: FILE is id<TAB>mean_rating<TAB>text (ratings −4…+4); Pearson and Spearman')
    .argument('<file>', 'ratings file')
    .addOption(new Option('--format <format>', 'layout of FILE').choices(['vader']).default('vader'))
    .option('--json', 'print {"pearson","spearman","cases"}')
    .option('--errors [n]', 'list the n cases scored furthest from their rating (default 10)')
    .action((file: string, o: { format: string; json?: boolean; errors?: string | boolean }) => {
      const errors = o.errors === undefined ? 0 : o.errors === true ? 10 : Number(o.errors);
      if (!Number.isInteger(errors) || errors < 0) throw new InvalidArgumentError(`expected a number of cases, got "${String(o.errors)}"`);
      const { cases, messages } = readToneCases(file);
      for (const m of messages) ctx.err(`${formatMessage(m)}\n`);
      if (cases.length === 0) {
        ctx.err(`eval: no tone cases in ${file}\n`);
        ctx.setExit(1);
        return;
      }
      const r = evalTone(cases);
      if (o.json) return json(ctx, { pearson: r.pearson, spearman: r.spearman, cases: r.cases, ...(errors ? { worst: r.worst.slice(0, errors) } : {}) });
      ctx.out(formatToneReport(r, errors) + '\n');
    });
}
