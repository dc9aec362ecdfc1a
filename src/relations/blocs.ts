/**
 * Blocs: communities of the signed relation graph. Louvain (graphology) runs
 * on the positive ties, weighted by index × confidence; negative ties are
 * reported as the tensions between blocs.
 */
import { UndirectedGraph } from 'graphology';
import louvainModule from 'graphology-communities-louvain';

// A CommonJS module typed as an ES default export: take the function whichever way it arrives.
type Louvain = (typeof louvainModule)['default'];
const louvain: Louvain = ((louvainModule as unknown as { default?: Louvain }).default ?? louvainModule) as Louvain;

export interface Bloc {
  id: number;
  members: string[];
  /** Mean index of the positive ties inside the bloc. */
  cohesion: number;
  /** Negative ties from a member to an outsider, strongest first. */
  tensions: Array<{ a: string; b: string; index: number }>;
}

interface Tie {
  a: string;
  b: string;
  index: number;
  confidence: number;
}

/** A seeded generator so the same graph always gives the same blocs. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export function findBlocs(ties: readonly Tie[], minMembers = 2): Bloc[] {
  const g = new UndirectedGraph();
  for (const t of ties) {
    if (t.index <= 0) continue;
    if (!g.hasNode(t.a)) g.addNode(t.a);
    if (!g.hasNode(t.b)) g.addNode(t.b);
    g.mergeEdge(t.a, t.b, { weight: Math.max(0.01, t.index * (0.5 + t.confidence)) });
  }
  if (g.size === 0) return [];
  const community = louvain(g, { getEdgeWeight: 'weight', rng: rng(42) });
  const groups = new Map<number, string[]>();
  for (const node of [...g.nodes()].sort()) {
    const c = community[node]!;
    groups.set(c, [...(groups.get(c) ?? []), node]);
  }
  const blocs = [...groups.values()].filter((m) => m.length >= minMembers).sort((x, y) => y.length - x.length || (x[0]! < y[0]! ? -1 : 1));
  return blocs.map((members, i) => {
    const set = new Set(members);
    const inside = ties.filter((t) => t.index > 0 && set.has(t.a) && set.has(t.b));
    const tensions = ties
      .filter((t) => t.index < 0 && set.has(t.a) !== set.has(t.b))
      .map((t) => ({ a: set.has(t.a) ? t.a : t.b, b: set.has(t.a) ? t.b : t.a, index: t.index }))
      .sort((x, y) => x.index - y.index)
      .slice(0, 5);
    return { id: i + 1, members, cohesion: inside.length ? Math.round((inside.reduce((s, t) => s + t.index, 0) / inside.length) * 10) / 10 : 0, tensions };
  });
}
