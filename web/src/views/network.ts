import cytoscape from 'cytoscape';
import { api } from '../api.js';
import { announce, h } from '../dom.js';
import { errorBox, eventList, field, indexColour, loading, signed } from './common.js';
import { eventsOf, type Dyad, type DyadView, type GraphView } from '../relations.js';

const BLOC_COLOURS = ['#1b9e77', '#d95f02', '#7570b3', '#e7298a', '#66a61e', '#e6ab02', '#a6761d', '#1f78b4'];

function edgeId(a: string, b: string): string {
  return `${a}~${b}`;
}

async function showDyad(panel: HTMLElement, d: Pick<Dyad, 'a' | 'b'>): Promise<void> {
  panel.replaceChildren(loading());
  try {
    const v = await api<DyadView>(`/dyads/${encodeURIComponent(d.a)}/${encodeURIComponent(d.b)}`);
    const r = v.relation;
    const top = r?.top?.length ? eventsOf(r.top, v.evidence) : [];
    const shown = new Set(top.map((e) => e.id));
    const others = v.evidence.filter((e) => !shown.has(e.id)).sort((x, y) => (x.date < y.date ? 1 : x.date > y.date ? -1 : 0));
    panel.replaceChildren(
      h('h2', { id: 'panel-title' }, `${v.aName} – ${v.bName}`),
      r
        ? h('p', {}, h('span', { class: 'index-chip', 'data-colour': indexColour(r.index) }, `index ${signed(r.index)}`), ` · ${r.evidence} events · confidence ${r.confidence.toFixed(2)} · change ${signed(r.change)}`, r.ties?.length ? ` · ${r.ties.join(', ')}` : '')
        : h('p', { class: 'muted' }, 'No index for this pair.'),
      h('p', {}, h('a', { href: `#/dyad/${v.a}/${v.b}` }, 'Open the dyad view: index over time and every step’s events')),
      h('h3', {}, 'Evidence weighing most now'),
      eventList(top, 'No evidence events.'),
      h('div', {}, others.length ? [h('h3', {}, `Other events behind the series (${others.length})`), eventList(others)] : null),
    );
    paintSwatches(panel);
    announce(`${v.aName} – ${v.bName}: ${top.length + others.length} evidence sentences shown`);
  } catch (e) {
    panel.replaceChildren(errorBox(e));
  }
}

/** Colours come from data: set through CSSOM (allowed by the CSP), never as style attributes. */
export function paintSwatches(root: ParentNode): void {
  for (const el of root.querySelectorAll<HTMLElement>('[data-colour]')) el.style.setProperty('--swatch', el.dataset['colour'] ?? '');
}

export async function networkView(params: URLSearchParams): Promise<HTMLElement> {
  const since = params.get('since') ?? '';
  const until = params.get('until') ?? '';
  const min = params.get('min') ?? '1';
  const form = h(
    'form',
    { class: 'filters', 'aria-label': 'Time range' },
    field('Since', h('input', { name: 'since', type: 'date', value: since })),
    field('Until', h('input', { name: 'until', type: 'date', value: until })),
    field('Min. events', h('input', { name: 'min', type: 'number', min: 1, max: 1000, value: min, size: 4 })),
    h('button', { type: 'submit' }, 'Apply'),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const q = new URLSearchParams();
    for (const [k, v] of new FormData(form)) if (typeof v === 'string' && v) q.set(k, v);
    location.hash = `#/network?${q}`;
  });
  const root = h('section', { class: 'network', 'aria-labelledby': 'network-title' }, h('h1', { id: 'network-title' }, 'Alliance network'), form);
  let g: GraphView;
  try {
    g = await api<GraphView>('/graph', { since, until, min });
  } catch (e) {
    root.append(errorBox(e));
    return root;
  }
  const names = new Map(g.nodes.map((n) => [n.id, n.name]));
  const graph = h('div', { id: 'graph', class: 'graph', role: 'img', 'aria-label': `Network of ${g.nodes.length} actors and ${g.edges.length} dyads from ${g.window.start} to ${g.asOf}; the table below lists the same dyads.` });
  const panel = h('aside', { id: 'dyad-panel', class: 'panel', 'aria-live': 'polite', 'aria-labelledby': 'panel-title' }, h('h2', { id: 'panel-title' }, 'Dyad'), h('p', { class: 'muted' }, 'Select an edge (or a row of the table) to see the events behind it; select a node to open the actor.'));
  const legend = h(
    'p',
    { class: 'legend' },
    h('span', { class: 'index-chip', 'data-colour': indexColour(-60) }, 'hostile'),
    ' ',
    h('span', { class: 'index-chip', 'data-colour': indexColour(0) }, 'neutral'),
    ' ',
    h('span', { class: 'index-chip', 'data-colour': indexColour(60) }, 'friendly'),
    ` — edge width: events; node colour: bloc. Index as of ${g.asOf}.${g.total > g.edges.length ? ` Showing the ${g.edges.length} dyads with the most events of ${g.total}.` : ''}`,
  );
  root.append(h('div', { class: 'network-layout' }, h('div', { class: 'graph-wrap' }, legend, graph), panel));

  const sorted = [...g.edges].sort((x, y) => Math.abs(y.index) - Math.abs(x.index));
  const table = h(
    'table',
    { class: 'table', id: 'dyad-table' },
    h('caption', {}, 'Dyads in view'),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Dyad'), h('th', { scope: 'col' }, 'Index'), h('th', { scope: 'col' }, 'Change'), h('th', { scope: 'col' }, 'Events'))),
    h(
      'tbody',
      {},
      sorted.map((d) => {
        const button = h('button', { type: 'button', class: 'link', 'data-dyad': `${d.a}:${d.b}` }, `${d.aName} – ${d.bName}`);
        button.addEventListener('click', () => void showDyad(panel, d));
        return h('tr', {}, h('th', { scope: 'row' }, button), h('td', {}, h('span', { class: 'index-chip', 'data-colour': indexColour(d.index) }, signed(d.index))), h('td', {}, signed(d.change)), h('td', {}, String(d.evidence)));
      }),
    ),
  );
  root.append(h('div', { class: 'table-wrap' }, table));
  if (g.blocs.length) {
    root.append(
      h('h2', {}, 'Blocs'),
      h('ul', { class: 'blocs' }, g.blocs.map((b, i) => h('li', {}, h('span', { class: 'swatch', 'aria-hidden': 'true', 'data-colour': BLOC_COLOURS[i % BLOC_COLOURS.length]! }), `Bloc ${i + 1}: ${b.members.map((m) => names.get(m) ?? m).join(', ')} (cohesion ${signed(b.cohesion)})`))),
    );
  }
  paintSwatches(root);

  // Cytoscape needs the container in the document to measure it.
  requestAnimationFrame(() => {
    const blocOf = new Map<string, number>();
    g.blocs.forEach((b, i) => b.members.forEach((m) => blocOf.set(m, i)));
    const maxEvidence = Math.max(1, ...g.edges.map((e) => e.evidence));
    const n = g.nodes.length;
    const cy = cytoscape({
      container: graph,
      elements: [
        ...g.nodes.map((node, i) => ({
          data: { id: node.id, label: node.name, colour: blocOf.has(node.id) ? BLOC_COLOURS[blocOf.get(node.id)! % BLOC_COLOURS.length]! : '#888' },
          position: { x: 300 * Math.cos((2 * Math.PI * i) / n), y: 300 * Math.sin((2 * Math.PI * i) / n) },
        })),
        ...g.edges.map((e) => ({ data: { id: edgeId(e.a, e.b), source: e.a, target: e.b, colour: indexColour(e.index), width: 1.5 + 8 * Math.sqrt(e.evidence / maxEvidence), label: signed(e.index, 0) } })),
      ],
      style: [
        { selector: 'node', style: { 'background-color': 'data(colour)', label: 'data(label)', 'font-size': 17, color: '#222', 'text-outline-color': '#fff', 'text-outline-width': 2, width: 22, height: 22 } },
        { selector: 'edge', style: { 'line-color': 'data(colour)', width: 'data(width)', 'curve-style': 'bezier', opacity: 0.85 } },
        { selector: 'edge:selected', style: { label: 'data(label)', 'font-size': 12, 'text-background-color': '#fff', 'text-background-opacity': 1, opacity: 1, 'overlay-opacity': 0.15 } },
      ],
      layout: { name: 'cose', randomize: false, animate: false, nodeRepulsion: () => 120_000, idealEdgeLength: () => 80, nodeOverlap: 40, gravity: 0.6, numIter: 2000, padding: 30 },
      wheelSensitivity: 0.3,
      boxSelectionEnabled: false,
    });
    unblockEdges(cy);
    cy.on('tap', 'edge', (evt) => {
      const [a, b] = (evt.target.id() as string).split('~') as [string, string];
      void showDyad(panel, { a, b });
    });
    cy.on('tap', 'node', (evt) => {
      location.hash = `#/actor/${encodeURIComponent(evt.target.id() as string)}`;
    });
    // For the browser tests: where an edge is drawn, in page coordinates.
    graph.dataset['ready'] = 'true';
    (graph as HTMLElement & { edgePoint?: (a: string, b: string) => { x: number; y: number } | undefined }).edgePoint = (a, b) => {
      const edge = cy.getElementById(edgeId(a, b)).length ? cy.getElementById(edgeId(a, b)) : cy.getElementById(edgeId(b, a));
      if (!edge.length) return undefined;
      // The point of the edge farthest from every other node and edge, so a click there lands on this edge only.
      const s = edge.source().renderedPosition();
      const t = edge.target().renderedPosition();
      const others = cy.edges().map((x) => [x.id(), x.source().renderedPosition(), x.target().renderedPosition()] as const).filter(([id]) => id !== edge.id()).map(([, a, b]) => [a, b] as const);
      const nodes = cy.nodes().map((x) => x.renderedPosition());
      const segDist = (p: { x: number; y: number }, a: { x: number; y: number }, b: { x: number; y: number }): number => {
        const dx = b.x - a.x;
        const dy = b.y - a.y;
        const len = dx * dx + dy * dy;
        const u = len === 0 ? 0 : Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / len));
        return Math.hypot(p.x - (a.x + u * dx), p.y - (a.y + u * dy));
      };
      let best = { x: (s.x + t.x) / 2, y: (s.y + t.y) / 2 };
      let bestClearance = -1;
      for (let k = 3; k <= 17; k++) {
        const p = { x: s.x + ((t.x - s.x) * k) / 20, y: s.y + ((t.y - s.y) * k) / 20 };
        const clearance = Math.min(...nodes.map((n) => Math.hypot(p.x - n.x, p.y - n.y) - 11), ...others.map(([a, b]) => segDist(p, a, b)));
        if (clearance > bestClearance) {
          bestClearance = clearance;
          best = p;
        }
      }
      const box = graph.getBoundingClientRect();
      return { x: box.left + best.x, y: box.top + best.y };
    };
  });
  return root;
}

/**
 * A force layout may leave a node lying on an edge it is not part of (three
 * allies in a row): the edge then hides under the node's own edges and cannot
 * be seen or clicked. Such nodes are moved off the line, a few passes at most.
 */
function unblockEdges(cy: cytoscape.Core): void {
  const CLEAR = 28;
  for (let pass = 0; pass < 4; pass++) {
    let moved = false;
    cy.edges().forEach((edge) => {
      const a = edge.source().position();
      const b = edge.target().position();
      const dx = b.x - a.x;
      const dy = b.y - a.y;
      const len = Math.hypot(dx, dy);
      if (len < 1) return;
      cy.nodes().forEach((node) => {
        if (node.id() === edge.source().id() || node.id() === edge.target().id()) return;
        const p = node.position();
        const u = ((p.x - a.x) * dx + (p.y - a.y) * dy) / (len * len);
        if (u <= 0.05 || u >= 0.95) return;
        // Signed distance from the line; push the node away along the normal.
        const d = ((p.x - a.x) * -dy + (p.y - a.y) * dx) / len;
        if (Math.abs(d) >= CLEAR) return;
        const push = (d >= 0 ? 1 : -1) * (CLEAR - Math.abs(d) + 4);
        node.position({ x: p.x + (-dy / len) * push, y: p.y + (dx / len) * push });
        moved = true;
      });
    });
    if (!moved) break;
  }
  cy.fit(undefined, 30);
}
