/** The briefing as Markdown (for mail and wikis); scraped text escaped. */
import type { EvidenceRef } from '../relations/types.js';
import type { ReportData } from './collect.js';
import { escapeMarkdown as m } from './escape.js';
import { describeMethod } from './method.js';

const sign = (v: number): string => (v > 0 ? `+${v}` : `${v}`);

export function renderMarkdown(d: ReportData): string {
  const r = d.result;
  const n = (k: string) => m(d.name(k));
  const ev = (ref: EvidenceRef): string => {
    const x = d.evidence.get(ref.eventId);
    const sentence = x ? m(x.record.sentence.text) : '(event not found)';
    return `  - ${ref.date} ${ref.source}→${ref.target} CAMEO ${ref.cameoCode} (score ${sign(ref.score)}${ref.coverage > 1 ? `, ${ref.coverage} reports` : ''}) — ${m(x?.outlet ?? 'unknown outlet')}: “${sentence}” \`${m(ref.eventId)}\``;
  };
  const out: string[] = [`# ${m(d.title)}`, '', `Relations as of **${r.asOf}**; change over ${r.window.start} → ${r.window.end}. ${d.stats.articles} articles, ${d.stats.events} events, ${d.stats.outlets} outlets.`, ''];
  out.push('## Hedging', '');
  if (r.hedging.length === 0) out.push('No hedging detected in this window.', '');
  for (const h of r.hedging) {
    out.push(`- **${n(h.a)} hedging from ${n(h.b)} toward ${n(h.c)}** — ${m(h.summary)}`);
    for (const [label, refs] of [[`${h.a}–${h.c}`, h.ac.evidence], [`${h.a}–${h.b}`, h.ab.evidence], [`${h.b}–${h.c}`, h.bc.evidence]] as const) {
      out.push(`  - ${label}:`, ...refs.map((x) => `  ${ev(x)}`));
    }
  }
  out.push('', '## Headline shifts', '');
  if (r.shifts.length === 0) out.push('No dyad moved past the threshold in this window.');
  for (const s of r.shifts.slice(0, 12)) {
    out.push(`- **${n(s.a)} – ${n(s.b)}** ${s.direction} ${sign(s.change)} (${s.from} → ${s.to}; baseline ${s.baseline}; confidence ${s.confidence})`, ...s.drivers.map(ev));
  }
  out.push('', '## Top dyads', '', '| dyad | index | change | baseline | events | outlets |', '|---|---:|---:|---:|---:|---:|');
  for (const x of r.dyads.filter((y) => !y.viaGroupOnly).slice(0, d.topDyads)) out.push(`| ${n(x.a)} – ${n(x.b)} | ${x.index} | ${sign(x.change)} | ${x.baseline} | ${x.evidence} | ${x.outlets} |`);
  out.push('', '## Blocs', '');
  if (r.blocs.length === 0) out.push('Too few positive ties to form blocs.');
  for (const b of r.blocs) out.push(`- Bloc ${b.id}: ${b.members.map(n).join(', ')} (cohesion ${b.cohesion})${b.tensions.length ? `; tensions: ${b.tensions.map((t) => `${t.a}–${t.b} ${t.index}`).join(', ')}` : ''}`);
  if (d.blocHistory.length > 1) out.push('', 'Blocs over time:', ...d.blocHistory.map((h) => `- ${h.asOf}: ${h.blocs.map((b) => `[${b.members.map(n).join(', ')}]`).join(' · ') || 'none'}`));
  out.push('', '## Key events', '', ...r.keyEvents.map((x) => ev(x).slice(2)), '', '## How to read this', '', describeMethod(r.params, 'md'), '');
  return out.join('\n');
}
