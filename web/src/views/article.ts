import { api, type EventItem } from '../api.js';
import { h, type Child } from '../dom.js';
import { errorBox, eventList } from './common.js';

interface Mention {
  field: string;
  fieldIndex: number;
  start: number;
  end: number;
  text: string;
  kind: string;
  code: string;
  via: string;
  ref?: string;
  role?: string;
}

/** A quote as the voices module stores it (fields we read; others ignored). */
interface Quote {
  field?: string;
  fieldIndex?: number;
  start: number;
  end: number;
  text?: string;
  speaker?: string | { name?: string; code?: string; text?: string };
}

interface Removed {
  text: string;
  ruleId: string;
  stage: string;
  why: string;
}

interface ArticleView {
  article: {
    id: number;
    title: string;
    dek?: string;
    body: string;
    related: string[];
    outlet?: string;
    outletBasis?: string;
    published?: string;
    dateBasis: string;
    url?: string;
    origin: string;
    language: string;
    duplicateOf?: number;
  };
  removed: Removed[];
  mentions: Mention[];
  events: EventItem[];
  quotes: Quote[];
}

type Kind = 'mention' | 'trigger' | 'quote';
interface Span {
  start: number;
  end: number;
  kind: Kind;
  label: string;
}

function speakerName(q: Quote): string {
  if (!q.speaker) return 'unattributed';
  if (typeof q.speaker === 'string') return q.speaker;
  const name = q.speaker.text ?? q.speaker.name ?? q.speaker.code ?? 'unattributed';
  return q.speaker.code && q.speaker.code !== name ? `${name} (${q.speaker.code})` : name;
}

/** One field's text with its spans highlighted; overlapping spans combine their classes. */
function highlighted(text: string, spans: Span[], from = 0, to = text.length): Child[] {
  const inside = spans.filter((s) => s.end > from && s.start < to && s.end <= text.length);
  const cuts = new Set<number>([from, to]);
  for (const s of inside) {
    cuts.add(Math.max(from, s.start));
    cuts.add(Math.min(to, s.end));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const out: Child[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i]!;
    const b = points[i + 1]!;
    const piece = text.slice(a, b);
    const active = inside.filter((s) => s.start <= a && s.end >= b);
    if (active.length === 0) {
      out.push(piece);
      continue;
    }
    const kinds = [...new Set(active.map((s) => s.kind))].sort();
    out.push(h('mark', { class: kinds.map((k) => `hl-${k}`).join(' '), title: active.map((s) => s.label).join('; ') }, piece));
  }
  return out;
}

/** Paragraphs split at line breaks, offsets kept. */
function paragraphs(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const re = /\n\s*/g;
  let at = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m.index > at) out.push([at, m.index]);
    at = m.index + m[0].length;
  }
  if (at < text.length) out.push([at, text.length]);
  return out;
}

export async function articleView(id: string): Promise<HTMLElement> {
  const root = h('article', { class: 'reader', 'aria-labelledby': 'article-title' });
  let v: ArticleView;
  try {
    v = await api<ArticleView>(`/articles/${encodeURIComponent(id)}`);
  } catch (e) {
    root.append(h('h1', { id: 'article-title' }, `Article ${id}`), errorBox(e));
    return root;
  }
  const a = v.article;
  const spansOf = (field: string, index = 0): Span[] => [
    ...v.mentions.filter((m) => m.field === field && m.fieldIndex === index).map((m): Span => ({ start: m.start, end: m.end, kind: 'mention', label: `${m.text}: ${m.code || m.kind} (${m.kind}${m.role ? `, ${m.role}` : ''}, via ${m.via})` })),
    ...v.events.filter((e) => e.field === field && e.fieldIndex === index).map((e): Span => ({ start: e.trigger.start, end: e.trigger.end, kind: 'trigger', label: `event: ${e.plover.type}, CAMEO ${e.cameo.code}` })),
    ...v.quotes.filter((q) => (q.field ?? 'body') === field && (q.fieldIndex ?? 0) === index).map((q): Span => ({ start: q.start, end: q.end, kind: 'quote', label: `quote: ${speakerName(q)}` })),
  ];

  const meta = [a.outlet ? `${a.outlet}` : 'outlet unknown', a.published ? `published ${a.published}` : 'date unknown', a.language !== 'eng' ? `language ${a.language}` : ''].filter(Boolean).join(' · ');
  root.append(
    h('h1', { id: 'article-title' }, a.title ? highlighted(a.title, spansOf('title')) : `Untitled article #${a.id}`),
    h('p', { class: 'muted' }, meta, a.url ? [' · ', h('a', { href: a.url, rel: 'noopener noreferrer nofollow' }, 'original')] : null),
    h(
      'p',
      { class: 'legend', 'aria-label': 'Highlight legend' },
      h('mark', { class: 'hl-mention' }, 'actor mention'),
      ' ',
      h('mark', { class: 'hl-trigger' }, 'event trigger'),
      ' ',
      h('mark', { class: 'hl-quote' }, 'quote'),
      ` — ${v.mentions.length} mentions, ${v.events.length} events, ${v.quotes.length} quotes`,
    ),
  );
  if (a.dek) root.append(h('p', { class: 'dek' }, highlighted(a.dek, spansOf('dek'))));
  const body = h('div', { class: 'body', id: 'article-body' });
  const bodySpans = spansOf('body');
  for (const [from, to] of paragraphs(a.body)) body.append(h('p', {}, highlighted(a.body, bodySpans, from, to)));
  root.append(body);

  const removedList = h(
    'div',
    { id: 'removed', class: 'removed', hidden: true },
    h('h2', {}, `Removed by the cleaner (${v.removed.length})`),
    v.removed.length
      ? h('ul', {}, v.removed.map((r) => h('li', {}, h('q', {}, r.text), ' ', h('span', { class: 'muted' }, `— ${r.why} (${r.stage}: ${r.ruleId})`))))
      : h('p', { class: 'muted' }, 'Nothing was removed.'),
  );
  const toggle = h('button', { type: 'button', class: 'toggle', 'aria-expanded': 'false', 'aria-controls': 'removed' }, `Show removed text (${v.removed.length})`);
  toggle.addEventListener('click', () => {
    const open = removedList.hidden;
    removedList.hidden = !open;
    toggle.setAttribute('aria-expanded', String(open));
    toggle.textContent = `${open ? 'Hide' : 'Show'} removed text (${v.removed.length})`;
  });
  root.append(toggle, removedList);

  const bodyEvents = v.events.filter((e) => e.field !== 'related');
  root.append(h('section', { 'aria-labelledby': 'article-events' }, h('h2', { id: 'article-events' }, `Events (${bodyEvents.length})`), eventList(bodyEvents, 'No events coded in this article.')));

  if (v.quotes.length) {
    root.append(
      h('section', { 'aria-labelledby': 'article-quotes' }, h('h2', { id: 'article-quotes' }, `Quotes (${v.quotes.length})`), h('ul', { class: 'quotes' }, v.quotes.map((q) => h('li', {}, h('q', {}, q.text ?? a.body.slice(q.start, q.end)), ' — ', h('strong', {}, speakerName(q)))))),
    );
  }
  if (a.related.length) {
    root.append(
      h(
        'section',
        { 'aria-labelledby': 'article-related' },
        h('h2', { id: 'article-related' }, `Related headlines (${a.related.length})`),
        h(
          'ol',
          { class: 'related' },
          a.related.map((text, i) => {
            const evs = v.events.filter((e) => e.field === 'related' && e.fieldIndex === i);
            return h('li', {}, h('p', {}, highlighted(text, spansOf('related', i))), evs.length ? eventList(evs) : null);
          }),
        ),
      ),
    );
  }
  return root;
}
