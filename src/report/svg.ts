/** Small inline SVG charts: no script, no external asset. */
import type { SeriesStep } from '../relations/dyads.js';
import { escapeHtml } from './escape.js';

const colour = (v: number): string => (v > 2 ? '#1a7f37' : v < -2 ? '#c62828' : '#6b7280');

/** The index over time with a zero line; each point has a tooltip with its period, index and events. */
export function timelineSvg(steps: readonly SeriesStep[], opts: { width?: number; height?: number; label?: string } = {}): string {
  const w = opts.width ?? 240;
  const h = opts.height ?? 56;
  const pad = 4;
  const axis = 11;
  if (steps.length === 0) return '';
  const top = Math.max(20, ...steps.map((s) => Math.abs(s.index)));
  const x = (i: number) => (steps.length === 1 ? w / 2 : pad + (i * (w - 2 * pad)) / (steps.length - 1));
  const mid = (h - axis) / 2;
  const y = (v: number) => mid - (v / top) * (mid - pad);
  const points = steps.map((s, i) => `${x(i).toFixed(1)},${y(s.index).toFixed(1)}`).join(' ');
  const last = steps[steps.length - 1]!;
  const dots = steps
    .map((s, i) => (s.events > 0 ? `<circle cx="${x(i).toFixed(1)}" cy="${y(s.index).toFixed(1)}" r="2.5" fill="${colour(s.index)}"><title>${escapeHtml(`${s.period}: index ${s.index}, ${s.events} event(s)`)}</title></circle>` : ''))
    .join('');
  const label = escapeHtml(opts.label ?? `index from ${steps[0]!.period} to ${last.end}, ending at ${last.index}`);
  return `<svg class="tl" role="img" aria-label="${label}" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" xmlns="http://www.w3.org/2000/svg">`
    + `<line x1="0" x2="${w}" y1="${mid.toFixed(1)}" y2="${mid.toFixed(1)}" stroke="#d1d5db" stroke-dasharray="3 3"/>`
    + `<text x="${pad}" y="${h - 1}" font-size="9" fill="#6b7280">${escapeHtml(steps[0]!.period)}</text>`
    + `<text x="${w - pad}" y="${h - 1}" font-size="9" fill="#6b7280" text-anchor="end">${escapeHtml(last.end)}</text>`
    + `<polyline fill="none" stroke="${colour(last.index)}" stroke-width="1.8" points="${points}"/>${dots}</svg>`;
}

/** A horizontal bar for an index on −100…+100, centred on 0. */
export function indexBar(v: number, width = 120): string {
  const half = width / 2;
  const len = (Math.min(100, Math.abs(v)) / 100) * half;
  const x0 = v >= 0 ? half : half - len;
  return `<svg class="bar" width="${width}" height="12" viewBox="0 0 ${width} 12" xmlns="http://www.w3.org/2000/svg" aria-hidden="true">`
    + `<rect x="0" y="5" width="${width}" height="2" fill="#e5e7eb"/><rect x="${x0.toFixed(1)}" y="1" width="${Math.max(1, len).toFixed(1)}" height="10" fill="${colour(v)}"/>`
    + `<line x1="${half}" x2="${half}" y1="0" y2="12" stroke="#9ca3af"/></svg>`;
}
