/**
 * Stories: articles about the same happening across outlets, clustered by
 * text similarity (TF-IDF cosine), shared actors and shared events within a
 * time window; each cluster gets a label and topics (from its events, actors
 * and terms together: data/tone/topics.json). Pure.
 */
import { findCues, storiesConfig, topics as loadTopics, type StoriesConfig, type Topic } from './data.js';

/** What clustering reads of an article. */
export interface StoryInput {
  id: number;
  title: string;
  text: string;
  /** ISO date or timestamp; undefined when unknown. */
  published?: string;
  outlet?: string;
  /** Countries (ISO3) and codes of the actors mentioned (repeats allowed). */
  actors: readonly string[];
  /** Event keys "TYPE:SRC>TGT" and CAMEO roots of the article's events. */
  events: ReadonlyArray<{ key: string; root: string }>;
}

export interface StoryTopic {
  id: string;
  label: string;
  score: number;
}

export interface Story {
  /** 1-based, in the order of the stories' first articles. */
  id: number;
  label: string;
  /** Most characteristic words of the cluster. */
  terms: string[];
  topics: StoryTopic[];
  articles: number[];
  outlets: string[];
  /** Most frequent actors (country or code) with their mention counts. */
  actors: Array<{ key: string; mentions: number }>;
  first?: string;
  last?: string;
}

type Vec = Map<string, number>;

const WORD_RE = /[\p{L}][\p{L}\p{N}'’-]*[\p{L}\p{N}]|[\p{L}]/gu;

export function words(text: string): string[] {
  return (text.toLowerCase().match(WORD_RE) ?? []).map((w) => w.replace(/['’]s$/, ''));
}

function termCounts(a: StoryInput, cfg: StoriesConfig, stop: ReadonlySet<string>): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (w: string, n: number): void => {
    if (w.length < 3 || stop.has(w) || /^\d/.test(w)) return;
    counts.set(w, (counts.get(w) ?? 0) + n);
  };
  for (const w of words(a.title)) add(w, cfg.titleBoost);
  for (const w of words(a.text)) add(w, 1);
  return counts;
}

function norm(v: Vec): Vec {
  let s = 0;
  for (const x of v.values()) s += x * x;
  const n = Math.sqrt(s) || 1;
  for (const [k, x] of v) v.set(k, x / n);
  return v;
}

export function cosine(a: Vec, b: Vec): number {
  const [small, big] = a.size < b.size ? [a, b] : [b, a];
  let s = 0;
  for (const [k, x] of small) {
    const y = big.get(k);
    if (y !== undefined) s += x * y;
  }
  return s;
}

/**
 * Jaccard weighted by rarity (log N/df): sharing the United States says
 * little in a corpus about the United States; sharing Bhutan says a lot.
 */
function weightedJaccard(a: ReadonlySet<string>, b: ReadonlySet<string>, weight: (x: string) => number): number {
  if (a.size === 0 || b.size === 0) return 0;
  let inter = 0;
  let union = 0;
  for (const x of a) {
    const w = weight(x);
    union += w;
    if (b.has(x)) inter += w;
  }
  for (const x of b) if (!a.has(x)) union += weight(x);
  return union > 0 ? inter / union : 0;
}

function rarity(sets: ReadonlyArray<ReadonlySet<string>>): (x: string) => number {
  const df = new Map<string, number>();
  for (const s of sets) for (const x of s) df.set(x, (df.get(x) ?? 0) + 1);
  const n = sets.length;
  return (x) => Math.log((n + 1) / (df.get(x) ?? 0.5));
}

const DAY = 86_400_000;
function dayOf(published: string | undefined): number | undefined {
  if (!published) return undefined;
  const t = Date.parse(published.slice(0, 10));
  return Number.isNaN(t) ? undefined : Math.floor(t / DAY);
}

interface Cluster {
  members: number[];
  /** Sum of member vectors, and its unit-length copy. */
  sum: Vec;
  centroid: Vec;
  actors: Set<string>;
  events: Set<string>;
  lastDay?: number;
  firstDay?: number;
}

/** TF-IDF vectors (sublinear tf), trimmed to the strongest `maxTerms` terms, unit length. */
export function vectors(inputs: readonly StoryInput[], cfg: StoriesConfig): Vec[] {
  const stop = new Set(cfg.stopwords);
  const counts = inputs.map((a) => termCounts(a, cfg, stop));
  const df = new Map<string, number>();
  for (const c of counts) for (const w of c.keys()) df.set(w, (df.get(w) ?? 0) + 1);
  const n = inputs.length;
  return counts.map((c) => {
    const v = [...c].map(([w, tf]) => [w, (1 + Math.log(tf)) * Math.log((n + 1) / ((df.get(w) ?? 0) + 0.5))] as [string, number]).filter(([, x]) => x > 0);
    v.sort((x, y) => y[1] - x[1]);
    return norm(new Map(v.slice(0, cfg.maxTerms)));
  });
}

interface Weights {
  actor: (x: string) => number;
  event: (x: string) => number;
}

/** How alike an article and a cluster are (0…1). */
function similarity(v: Vec, actors: ReadonlySet<string>, events: ReadonlySet<string>, c: Cluster, cfg: StoriesConfig, w: Weights): number {
  // Group average: the mean cosine with the members (dot with their sum / n), so a cluster that grows
  // heterogeneous attracts less, where a normalised centroid would become a hub for everything.
  const text = cosine(v, c.sum) / c.members.length;
  return cfg.weights.text * text + cfg.weights.actors * weightedJaccard(actors, c.actors, w.actor) + cfg.weights.events * weightedJaccard(events, c.events, w.event);
}

function addTo(c: Cluster, v: Vec): void {
  for (const [w, x] of v) c.sum.set(w, (c.sum.get(w) ?? 0) + x);
  c.centroid = norm(new Map(c.sum));
}

/** Countries named (ISO3): regional and intergovernmental placeholders (IGO, EUR…) say little about the happening. */
const countryKeys = (a: StoryInput): Set<string> => new Set(a.actors.filter((x) => /^[A-Z]{3}$/.test(x) && !NON_STATE.has(x)));
const NON_STATE = new Set(['IGO', 'EUR', 'WST', 'AFR', 'ASA', 'SAS', 'MEA', 'SAM', 'NAM', 'CAS', 'SEA', 'EEU', 'LAM', 'CRB', 'BLK', 'NGO', 'MNC']);

/**
 * Cluster articles into stories. Articles are read in date order (undated
 * ones last, matched without a window); each joins its most similar open
 * cluster at or above the threshold, else starts one.
 */
export function clusterStories(inputs: readonly StoryInput[], cfg: StoriesConfig = storiesConfig(), topicList: readonly Topic[] = loadTopics()): Story[] {
  const vecs = vectors(inputs, cfg);
  const order = inputs.map((_, i) => i).sort((x, y) => (dayOf(inputs[x]!.published) ?? Infinity) - (dayOf(inputs[y]!.published) ?? Infinity) || inputs[x]!.id - inputs[y]!.id);
  const clusters: Cluster[] = [];
  const actorSets = inputs.map(countryKeys);
  const eventSets = inputs.map((a) => new Set(a.events.map((e) => e.key)));
  const weights: Weights = { actor: rarity(actorSets), event: rarity(eventSets) };
  for (const i of order) {
    const a = inputs[i]!;
    const day = dayOf(a.published);
    const actors = new Set(actorSets[i]);
    const events = new Set(eventSets[i]);
    let best: Cluster | undefined;
    let bestSim = cfg.threshold;
    for (const c of clusters) {
      // A happening lasts a few days: the window runs from the cluster's first article, so ongoing coverage does not chain forever.
      if (day !== undefined && c.firstDay !== undefined && day - c.firstDay > cfg.windowDays) continue;
      const s = similarity(vecs[i]!, actors, events, c, cfg, weights);
      if (s >= bestSim) {
        best = c;
        bestSim = s;
      }
    }
    if (best) {
      best.members.push(i);
      addTo(best, vecs[i]!);
      for (const x of actors) best.actors.add(x);
      for (const x of events) best.events.add(x);
      if (day !== undefined) {
        best.lastDay = Math.max(best.lastDay ?? day, day);
        best.firstDay = Math.min(best.firstDay ?? day, day);
      }
    } else {
      const c: Cluster = { members: [i], sum: new Map(vecs[i]!), centroid: new Map(vecs[i]!), actors, events };
      if (day !== undefined) {
        c.lastDay = day;
        c.firstDay = day;
      }
      clusters.push(c);
    }
  }
  return clusters.map((c, k) => describe(c, k + 1, inputs, vecs, topicList, cfg));
}

function describe(c: Cluster, id: number, inputs: readonly StoryInput[], vecs: readonly Vec[], topicList: readonly Topic[], cfg: StoriesConfig): Story {
  const members = c.members.map((i) => inputs[i]!);
  // The label is the title of the member closest to the centroid: a headline reads better than a bag of words.
  let central = c.members[0]!;
  let bestSim = -1;
  for (const i of c.members) {
    const s = cosine(vecs[i]!, c.centroid);
    if (s > bestSim) {
      bestSim = s;
      central = i;
    }
  }
  const terms = [...c.centroid].sort((x, y) => y[1] - x[1]).slice(0, 6).map(([w]) => w);
  const actorCounts = new Map<string, number>();
  for (const a of members) for (const x of a.actors) if (/^[A-Z]{3}$/.test(x) && !NON_STATE.has(x)) actorCounts.set(x, (actorCounts.get(x) ?? 0) + 1);
  const dates = members.map((a) => a.published?.slice(0, 10)).filter((d): d is string => !!d).sort();
  const story: Story = {
    id,
    label: inputs[central]!.title || terms.join(' '),
    terms,
    topics: assignTopics(members, topicList, cfg),
    articles: members.map((a) => a.id).sort((x, y) => x - y),
    outlets: [...new Set(members.map((a) => a.outlet).filter((o): o is string => !!o))].sort(),
    actors: [...actorCounts].sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0])).slice(0, 6).map(([key, mentions]) => ({ key, mentions })),
  };
  if (dates.length) {
    story.first = dates[0]!;
    story.last = dates.at(-1)!;
  }
  return story;
}

/**
 * Topics of a set of articles: events (share with the topic's CAMEO roots),
 * actors (share of mentions of the topic's actors) and terms (share of
 * articles using any of its terms). A topic needs two of the three signals,
 * or a strong term share on its own.
 */
export function assignTopics(members: readonly StoryInput[], topicList: readonly Topic[] = loadTopics(), cfg: StoriesConfig = storiesConfig()): StoryTopic[] {
  const tokens = members.map((a) => words(`${a.title} ${a.text}`));
  const events = members.flatMap((a) => a.events);
  const actors = members.flatMap((a) => a.actors);
  const out: StoryTopic[] = [];
  for (const t of topicList) {
    const rootShare = events.length && t.roots.size ? events.filter((e) => t.roots.has(e.root)).length / events.length : 0;
    const actorShare = actors.length && t.actors.size ? actors.filter((x) => t.actors.has(x)).length / actors.length : 0;
    const termShare = tokens.filter((ws) => findCues(ws, t.terms).length >= 2).length / (tokens.length || 1);
    const signals = [rootShare > 0.2, actorShare > 0.2, termShare > 0.3].filter(Boolean).length;
    const score = 0.25 * rootShare + 0.3 * actorShare + 0.45 * termShare;
    if ((signals >= 2 && score >= cfg.topicMinScore) || termShare >= cfg.topicTermOnly + 0.3 || (signals >= 1 && termShare >= cfg.topicTermOnly && score >= cfg.topicMinScore)) {
      out.push({ id: t.id, label: t.label, score: Math.round(score * 1000) / 1000 });
    }
  }
  return out.sort((a, b) => b.score - a.score).slice(0, 3);
}
