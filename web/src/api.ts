/** Typed fetches of the Entente API. Errors carry the API's own message. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export async function api<T>(path: string, params: Record<string, string | number | undefined> = {}): Promise<T> {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, String(v));
  const url = `/api${path}${q.size ? `?${q}` : ''}`;
  const res = await fetch(url, { headers: { accept: 'application/json' } });
  const body = (await res.json().catch(() => undefined)) as { error?: { message: string } } | undefined;
  if (!res.ok) throw new ApiFailure(res.status, body?.error?.message ?? `${res.status} ${res.statusText}`);
  return body as T;
}

export interface ActorRef {
  code: string;
  country: string;
  sector: string;
  text: string;
  actor_id?: string;
}

export interface Span {
  text: string;
  start: number;
  end: number;
}

export interface ArticleHead {
  id: number;
  title: string;
  outlet?: string;
  published?: string;
}

export interface EventItem {
  id: string;
  article_id: number;
  date: string;
  sentence: Span;
  trigger: Span;
  sources: ActorRef[];
  targets: ActorRef[];
  plover: { type: string; mode: string };
  cameo: { code: string; root: string; quad_class: number; goldstein: number };
  modality: string;
  negated: boolean;
  field: 'title' | 'dek' | 'body' | 'related';
  fieldIndex: number;
  article: ArticleHead;
}

export interface Health {
  status: string;
  store: string;
  articles: number;
  features: { relations: boolean; voices: boolean };
}

let health: Promise<Health> | undefined;
export function getHealth(): Promise<Health> {
  health ??= api<Health>('/health');
  return health;
}
