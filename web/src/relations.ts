/** Shapes of the relations endpoints (/api/graph, /api/dyads, /api/shifts). */
import type { EventItem } from './api.js';

export interface EvidenceRef {
  eventId: string;
  articleId: number;
  date: string;
  score: number;
}

export interface Dyad {
  a: string;
  b: string;
  aName: string;
  bName: string;
  index: number;
  confidence: number;
  evidence: number;
  change: number;
  baseline?: number;
  ties?: string[];
  top?: EvidenceRef[];
}

export interface Shift {
  a: string;
  b: string;
  direction: 'warming' | 'cooling';
  change: number;
  from: number;
  to: number;
  window: { start: string; end: string };
  confidence: number;
  drivers: EvidenceRef[];
}

export interface Hedging {
  a: string;
  b: string;
  c: string;
  ac: { index: number; change: number; evidence: EvidenceRef[] };
  ab: { index: number; change: number; evidence: EvidenceRef[] };
  bc: { index: number; rivalry: string; evidence: EvidenceRef[] };
  alliance: string[];
  summary: string;
}

export interface Step {
  period: string;
  end: string;
  index: number;
  confidence: number;
  events: number;
  drivers: EvidenceRef[];
}

export interface GraphView {
  asOf: string;
  /** Dyads that passed the filters; `edges` holds at most `top` of them. */
  total: number;
  window: { start: string; end: string };
  nodes: Array<{ id: string; name: string; bloc: number | null; evidence: number }>;
  edges: Dyad[];
  blocs: Array<{ id: number; members: string[]; cohesion: number }>;
}

export interface DyadView {
  by: 'day' | 'week' | 'month';
  asOf: string;
  a: string;
  b: string;
  aName: string;
  bName: string;
  relation: Dyad | null;
  steps: Step[];
  shifts: Shift[];
  evidence: EventItem[];
}

export interface ShiftsView {
  asOf: string;
  window: { start: string; end: string };
  names: Record<string, string>;
  shifts: Shift[];
  hedging: Hedging[];
  evidence: EventItem[];
}

/** The events of `refs`, in order, from the evidence list the endpoint sent. */
export function eventsOf(refs: EvidenceRef[], evidence: EventItem[]): EventItem[] {
  const byId = new Map(evidence.map((e) => [e.id, e]));
  const seen = new Set<string>();
  const out: EventItem[] = [];
  for (const r of refs) {
    const e = byId.get(r.eventId);
    if (e && !seen.has(e.id)) {
      seen.add(e.id);
      out.push(e);
    }
  }
  return out;
}
