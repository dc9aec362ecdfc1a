import { api } from '../api.js';
import { h, svg } from '../dom.js';
import { errorBox, eventList, indexColour, signed } from './common.js';
import { paintSwatches } from './network.js';
import { eventsOf, type DyadView, type Shift, type Step } from '../relations.js';

const W = 720;
const H = 240;
const PAD = { l: 40, r: 12, t: 12, b: 28 };

/** Event counts may be fractional (a group's event shared among members). */
const count = (n: number): string => String(Math.round(n * 10) / 10);

function inShift(step: Step, shifts: Shift[]): Shift | undefined {
  return shifts.find((s) => step.end >= s.window.start && step.period <= s.window.end);
}

/** The index over time: a line, a zero line, a dot per step (shift steps ringed), each with a text title. */
function chart(v: DyadView): SVGSVGElement {
  const steps = v.steps;
  const x = (i: number) => PAD.l + (steps.length <= 1 ? (W - PAD.l - PAD.r) / 2 : (i * (W - PAD.l - PAD.r)) / (steps.length - 1));
  // Scale to the data (at least ±20) so small indices still show their movement.
  const top = Math.min(100, Math.max(20, Math.ceil(Math.max(...steps.map((s) => Math.abs(s.index)), 0) / 10) * 10));
  const y = (index: number) => PAD.t + ((top - index) * (H - PAD.t - PAD.b)) / (2 * top);
  const grid = [-top, -top / 2, 0, top / 2, top].map((t) => [
    svg('line', { x1: PAD.l, x2: W - PAD.r, y1: y(t), y2: y(t), class: t === 0 ? 'axis zero' : 'axis' }),
    svg('text', { x: PAD.l - 6, y: y(t) + 4, 'text-anchor': 'end', class: 'tick' }, String(t)),
  ]);
  const line = svg('polyline', { points: steps.map((s, i) => `${x(i)},${y(s.index)}`).join(' '), class: 'series' });
  const dots = steps.flatMap((s, i) => {
    if (!s.events) return [];
    const shift = inShift(s, v.shifts);
    return svg(
      'circle',
      { cx: x(i), cy: y(s.index), r: shift ? 6 : 4, class: shift ? `dot shift ${shift.direction}` : 'dot', fill: indexColour(s.index) },
      svg('title', {}, `${s.period}…${s.end}: index ${signed(s.index)}, ${count(s.events)} events${shift ? `, ${shift.direction} shift` : ''}`),
    );
  });
  const labels = steps.length ? [svg('text', { x: x(0), y: H - 8, class: 'tick' }, steps[0]!.period), svg('text', { x: x(steps.length - 1), y: H - 8, 'text-anchor': 'end', class: 'tick' }, steps[steps.length - 1]!.end)] : [];
  return svg('svg', { viewBox: `0 0 ${W} ${H}`, class: 'chart', role: 'img', 'aria-labelledby': 'chart-title' }, svg('title', { id: 'chart-title' }, `Relation index of ${v.aName} and ${v.bName} by period, from −${top} to +${top}`), grid, line, dots, labels);
}

export async function dyadView(a: string, b: string, params: URLSearchParams): Promise<HTMLElement> {
  const by = params.get('by') ?? undefined;
  const root = h('section', { 'aria-labelledby': 'dyad-title' });
  let v: DyadView;
  try {
    v = await api<DyadView>(`/dyads/${encodeURIComponent(a)}/${encodeURIComponent(b)}`, { by });
  } catch (e) {
    root.append(h('h1', { id: 'dyad-title' }, `${a} – ${b}`), errorBox(e));
    return root;
  }
  const r = v.relation;
  root.append(
    h('h1', { id: 'dyad-title' }, `${v.aName} – ${v.bName}`),
    r
      ? h('p', {}, h('span', { class: 'index-chip', 'data-colour': indexColour(r.index) }, `index ${signed(r.index)}`), ` · ${r.evidence} events · confidence ${r.confidence.toFixed(2)} · change in the recent window ${signed(r.change)}${r.baseline !== undefined ? ` · alliance baseline ${signed(r.baseline)}` : ''}${r.ties?.length ? ` (${r.ties.join(', ')})` : ''}`)
      : h('p', { class: 'muted' }, 'No events between these two actors.'),
    h('nav', { class: 'periods', 'aria-label': 'Period' }, ['day', 'week', 'month'].map((p) => [h('a', { href: `#/dyad/${v.a}/${v.b}?by=${p}`, 'aria-current': p === v.by ? 'page' : undefined }, `by ${p}`), ' '])),
    h('p', {}, h('a', { href: `#/events?dyad=${v.a}:${v.b}` }, `All events ${v.a} → ${v.b}`), ' · ', h('a', { href: `#/events?dyad=${v.b}:${v.a}` }, `All events ${v.b} → ${v.a}`)),
  );
  if (v.steps.length) root.append(h('figure', { class: 'chart-wrap' }, chart(v), h('figcaption', { class: 'muted' }, 'Index at the end of each period; ringed dots fall in a detected shift.')));
  if (v.shifts.length) {
    root.append(h('h2', {}, 'Shifts'), h('ul', {}, v.shifts.map((s) => h('li', {}, `${s.direction} ${signed(s.change)} (${signed(s.from)} → ${signed(s.to)}) between ${s.window.start} and ${s.window.end}`, eventList(eventsOf(s.drivers, v.evidence))))));
  }
  const withEvents = v.steps.filter((s) => s.drivers.length).reverse();
  root.append(h('h2', {}, 'The events behind each step'));
  if (withEvents.length === 0) root.append(h('p', { class: 'muted' }, 'No events.'));
  for (const s of withEvents) {
    root.append(h('section', { class: 'step' }, h('h3', {}, `${s.period} … ${s.end}: index ${signed(s.index)} (${count(s.events)} events)`), eventList(eventsOf(s.drivers, v.evidence))));
  }
  paintSwatches(root);
  return root;
}
