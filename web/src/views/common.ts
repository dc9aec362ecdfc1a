import { h, type Child } from '../dom.js';
import type { ActorRef, EventItem } from '../api.js';

export function actorsText(list: ActorRef[]): string {
  return list.map((a) => a.code || a.text).join(' + ') || '—';
}

/** −100…+100 → a red–grey–blue colour (readable for red–green colour blindness). */
export function indexColour(index: number): string {
  const t = Math.max(-1, Math.min(1, index / 60));
  const grey = [150, 150, 150];
  const end = t < 0 ? [200, 40, 40] : [30, 100, 200];
  const k = Math.abs(t);
  const c = grey.map((g, i) => Math.round(g + (end[i]! - g) * k));
  return `rgb(${c[0]}, ${c[1]}, ${c[2]})`;
}

export function signed(n: number, digits = 1): string {
  const s = n.toFixed(digits);
  return n > 0 ? `+${s}` : s;
}

/** The sentence with its trigger word marked. */
export function sentenceWithTrigger(e: Pick<EventItem, 'sentence' | 'trigger'>): Child[] {
  const s = e.sentence;
  const a = e.trigger.start - s.start;
  const b = e.trigger.end - s.start;
  if (a < 0 || b > s.text.length || b <= a) return [s.text];
  return [s.text.slice(0, a), h('mark', { class: 'trigger', title: 'event trigger' }, s.text.slice(a, b)), s.text.slice(b)];
}

export function eventCard(e: EventItem): HTMLElement {
  const flags = [e.modality !== 'asserted' ? e.modality : '', e.negated ? 'negated' : ''].filter(Boolean);
  return h(
    'li',
    { class: 'event', 'data-event': e.id },
    h(
      'p',
      { class: 'event-head' },
      h('time', { datetime: e.date }, e.date),
      ' ',
      h('strong', {}, `${actorsText(e.sources)} → ${actorsText(e.targets)}`),
      ' ',
      h('span', { class: 'badge' }, e.plover.type),
      ' ',
      h('span', { class: 'muted', title: 'CAMEO code and Goldstein score' }, `CAMEO ${e.cameo.code} (${signed(e.cameo.goldstein)})`),
      flags.length ? [' ', h('span', { class: 'badge badge-warn' }, flags.join(', '))] : null,
    ),
    h('blockquote', { class: 'evidence' }, sentenceWithTrigger(e)),
    h('p', { class: 'event-source muted' }, e.article.outlet ? `${e.article.outlet} · ` : '', h('a', { href: `#/article/${e.article.id}` }, e.article.title || `Untitled article #${e.article.id}`)),
  );
}

export function eventList(events: EventItem[], empty = 'No events.'): HTMLElement {
  if (events.length === 0) return h('p', { class: 'muted' }, empty);
  return h('ul', { class: 'events' }, events.map(eventCard));
}

export function errorBox(e: unknown): HTMLElement {
  return h('p', { class: 'error', role: 'alert' }, (e as Error).message ?? String(e));
}

export function loading(): HTMLElement {
  return h('p', { class: 'muted', 'aria-busy': 'true' }, 'Loading…');
}

/** A labelled form control. */
export function field(label: string, control: HTMLElement): HTMLElement {
  const id = control.id || `f-${label.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  control.id = id;
  return h('div', { class: 'field' }, h('label', { for: id }, label), control);
}
