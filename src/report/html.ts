/**
 * The briefing as one self-contained HTML page: inline CSS and SVG, no
 * script, no external asset; every scraped string escaped.
 */
import type { EventWithArticle } from '../store/store.js';
import type { EvidenceRef } from '../relations/types.js';
import { pairKey } from '../relations/keys.js';
import type { ReportData } from './collect.js';
import { escapeHtml as e, safeUrl } from './escape.js';
import { indexBar, timelineSvg } from './svg.js';
import { describeMethod } from './method.js';

const CSS = `
:root{--fg:#111827;--muted:#6b7280;--line:#e5e7eb;--pos:#1a7f37;--neg:#c62828;--bg:#fff;--card:#f9fafb}
*{box-sizing:border-box}body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg);margin:0}
main{max-width:1100px;margin:0 auto;padding:24px 20px 60px}h1{font-size:26px;margin:0 0 4px}h2{font-size:19px;margin:32px 0 10px;border-bottom:2px solid var(--line);padding-bottom:4px}
h3{font-size:16px;margin:0 0 6px}.muted{color:var(--muted)}.small{font-size:13px}.pos{color:var(--pos)}.neg{color:var(--neg)}
.stats{display:flex;flex-wrap:wrap;gap:10px;margin:14px 0}.stat{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:8px 12px;min-width:110px}.stat b{display:block;font-size:20px}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(330px,1fr));gap:12px}.card{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:12px 14px}
.card .head{display:flex;justify-content:space-between;align-items:baseline;gap:8px}.big{font-size:20px;font-weight:600;white-space:nowrap}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:6px 8px;border-bottom:1px solid var(--line);vertical-align:middle}th{font-size:12px;text-transform:uppercase;letter-spacing:.03em;color:var(--muted)}
td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
blockquote{margin:6px 0;padding:4px 10px;border-left:3px solid var(--line);background:#fff;font-size:14px}
ul.ev{list-style:none;margin:6px 0 0;padding:0}ul.ev li{margin:0 0 8px}.tag{display:inline-block;font-size:11px;border:1px solid var(--line);border-radius:4px;padding:0 5px;margin-right:4px;color:var(--muted);background:#fff}
details summary{cursor:pointer;color:var(--muted);font-size:13px}.bloc{margin-bottom:10px}
footer{margin-top:40px;font-size:13px;color:var(--muted)}code{font-size:13px}
`;

const sign = (v: number): string => (v > 0 ? `+${v}` : `${v}`);
const cls = (v: number): string => (v > 2 ? 'pos' : v < -2 ? 'neg' : '');

export function renderHtml(d: ReportData): string {
  const r = d.result;
  const n = d.name;
  const dyadName = (a: string, b: string) => `${n(a)} – ${n(b)}`;

  const tagsOf = (ref: EvidenceRef): string => {
    const rec = d.evidence.get(ref.eventId)?.record;
    return [
      ref.date,
      `${ref.source}→${ref.target}`,
      rec ? `${rec.plover.type} · CAMEO ${rec.cameo.code}` : `CAMEO ${ref.cameoCode}`,
      rec && rec.modality !== 'asserted' ? rec.modality : '',
      rec?.negated ? 'negated' : '',
      `score ${sign(ref.score)}`,
      ref.coverage > 1 ? `${ref.coverage} reports` : '',
      ref.via ? `via ${n(ref.via)}` : '',
    ].filter(Boolean).map((t) => `<span class="tag">${e(t)}</span>`).join('');
  };
  const evidenceItem = (ref: EvidenceRef, more: EvidenceRef[] = []): string => {
    const ev: EventWithArticle | undefined = d.evidence.get(ref.eventId);
    const sentence = ev ? ev.record.sentence.text.replace(/\s+/g, ' ') : '(event not found)';
    const outlet = ev?.outlet ?? 'unknown outlet';
    const url = safeUrl(ev?.url);
    const title = ev ? (url ? `<a href="${e(url)}" rel="noreferrer noopener">${e(ev.title)}</a>` : e(ev.title)) : '';
    const tags = [ref, ...more].map((x) => `<div>${tagsOf(x)}</div>`).join('');
    return `<li>${tags}<blockquote>${e(sentence)}</blockquote><div class="small muted">${e(outlet)}${title ? ` — ${title}` : ''} <span class="muted">(event${more.length ? 's' : ''} ${[ref, ...more].map((x) => `<code>${e(x.eventId)}</code>`).join(', ')}, article #${ref.articleId})</span></div></li>`;
  };
  // Events coded from the same sentence are shown under it once.
  const evidenceList = (refs: EvidenceRef[], open = false): string => {
    if (refs.length === 0) return '<p class="small muted">No events.</p>';
    const groups = new Map<string, EvidenceRef[]>();
    for (const ref of refs) {
      const ev = d.evidence.get(ref.eventId);
      const key = ev ? `${ev.articleId}:${ev.record.sentence.start}:${ev.record.sentence.text}` : ref.eventId;
      groups.set(key, [...(groups.get(key) ?? []), ref]);
    }
    const items = [...groups.values()].map((g) => (g.length === 1 ? evidenceItem(g[0]!) : evidenceItem(g[0]!, g.slice(1)))).join('');
    return `<details${open ? ' open' : ''}><summary>${refs.length} supporting event(s)</summary><ul class="ev">${items}</ul></details>`;
  };

  const stats = `<div class="stats">${[
    ['articles', d.stats.articles], ['events', d.stats.events], ['outlets', d.stats.outlets],
    ['dyads', r.dyads.filter((x) => !x.viaGroupOnly).length], ['shifts', r.shifts.length], ['hedging', r.hedging.length],
  ].map(([k, v]) => `<div class="stat"><b>${v}</b><span class="muted small">${k}</span></div>`).join('')}</div>`;

  const hedging = r.hedging.length === 0 ? '<p class="muted">No hedging detected in this window.</p>' : `<div class="cards">${r.hedging.map((h) => `
    <div class="card"><h3>${e(n(h.a))} hedging from ${e(n(h.b))} toward ${e(n(h.c))}</h3>
    <p class="small">${e(h.summary)}</p>
    <p class="small muted">Alliance: ${e(h.alliance.join(', ') || '—')}</p>
    ${timelineSvg(d.series.get(pairKey(h.a, h.c)) ?? [], { label: `${n(h.a)}–${n(h.c)} index` })}
    <h3 class="small">${e(dyadName(h.a, h.c))}: <span class="${cls(h.ac.index)}">${h.ac.index}</span> (${sign(h.ac.change)})</h3>${evidenceList(h.ac.evidence, true)}
    <h3 class="small">${e(dyadName(h.a, h.b))}: <span class="${cls(h.ab.index)}">${h.ab.index}</span> (${sign(h.ab.change)})</h3>${evidenceList(h.ab.evidence)}
    <h3 class="small">${e(dyadName(h.b, h.c))}: <span class="${cls(h.bc.index)}">${h.bc.index}</span> (${h.bc.rivalry === 'listed' ? 'listed rivalry' : 'rivals by index'})</h3>${evidenceList(h.bc.evidence)}
    </div>`).join('')}</div>`;

  const shifts = r.shifts.length === 0 ? '<p class="muted">No dyad moved past the threshold in this window.</p>' : `<div class="cards">${r.shifts.slice(0, 12).map((s) => `
    <div class="card"><div class="head"><h3>${e(dyadName(s.a, s.b))}</h3><span class="big ${cls(s.change)}">${sign(s.change)}</span></div>
    <div class="small muted">${s.direction} · ${s.from} → ${s.to} · baseline ${s.baseline} · ${s.windowEvidence} event(s) in window · confidence ${s.confidence}</div>
    ${timelineSvg(d.series.get(pairKey(s.a, s.b)) ?? [], { label: `${n(s.a)}–${n(s.b)} index` })}
    ${evidenceList(s.drivers, true)}</div>`).join('')}</div>`;

  const direct = r.dyads.filter((x) => !x.viaGroupOnly).slice(0, d.topDyads);
  const top = direct.length === 0 ? '<p class="muted">No dyads.</p>' : `<table><thead><tr><th>Dyad</th><th>Index</th><th></th><th>Change</th><th>Baseline</th><th>Events</th><th>Outlets</th><th>Timeline (${d.period})</th></tr></thead><tbody>${direct.map((x) => `
    <tr><td><b>${e(dyadName(x.a, x.b))}</b><div class="small muted">${e(x.ties.join(', '))}</div></td><td class="num ${cls(x.index)}"><b>${x.index}</b></td><td>${indexBar(x.index)}</td>
    <td class="num ${cls(x.change)}">${sign(x.change)}</td><td class="num">${x.baseline}</td><td class="num">${x.evidence}${x.reports > x.evidence ? ` <span class="muted small">(${x.reports} reports)</span>` : ''}</td><td class="num">${x.outlets}</td>
    <td>${timelineSvg(d.series.get(pairKey(x.a, x.b)) ?? [], { width: 200, height: 40, label: `${n(x.a)}–${n(x.b)} index` })}</td></tr>
    <tr><td colspan="8">${evidenceList(x.top)}</td></tr>`).join('')}</tbody></table>`;

  const blocs = r.blocs.length === 0 ? '<p class="muted">Too few positive ties to form blocs.</p>' : r.blocs.map((b) => `
    <div class="bloc card"><h3>Bloc ${b.id}: ${b.members.map((m) => e(n(m))).join(', ')}</h3>
    <div class="small muted">cohesion ${b.cohesion}${b.tensions.length ? ` · tensions: ${b.tensions.map((t) => `${e(n(t.a))}–${e(n(t.b))} <span class="neg">${t.index}</span>`).join('; ')}` : ''}</div></div>`).join('');

  const history = d.blocHistory.length < 2 ? '' : `<h3 style="margin-top:16px">Blocs over time</h3><table><thead><tr><th>As of</th><th>Blocs</th></tr></thead><tbody>${d.blocHistory.map((h) => `
    <tr><td class="num">${e(h.asOf)}</td><td class="small">${h.blocs.length === 0 ? '<span class="muted">none</span>' : h.blocs.map((b) => `[${b.members.map((m) => e(n(m))).join(', ')}]`).join(' · ')}</td></tr>`).join('')}</tbody></table>`;
  const key = r.keyEvents.length === 0 ? '<p class="muted">No events.</p>' : `<ul class="ev">${r.keyEvents.map((x) => evidenceItem(x)).join('')}</ul>`;

  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${e(d.title)} — ${e(r.asOf)}</title><style>${CSS}</style></head>
<body><main>
<h1>${e(d.title)}</h1>
<div class="muted">Relations as of <b>${e(r.asOf)}</b> · change measured over ${e(r.window.start)} → ${e(r.window.end)} · events from ${e(r.first)} to ${e(d.stats.last || "—")}</div>
${stats}
<h2>Hedging</h2>${hedging}
<h2>Headline shifts</h2>${shifts}
<h2>Top dyads</h2>${top}
<h2>Blocs</h2>${blocs}${history}
<h2>Key events</h2>${key}
<footer><h2>How to read this</h2>${describeMethod(r.params, 'html')}<p>Every figure links back to the events and sentences above; run <code>entente dyad X Y</code> for the full series.</p></footer>
</main></body></html>
`;
}
