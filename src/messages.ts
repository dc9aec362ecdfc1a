import type { Message, Severity } from './types.js';

/** Build a message; `source` is the component name that appears first in printed errors. */
export function message(
  source: string,
  ruleId: string,
  reason: string,
  severity: Severity = 'warning',
  place?: Message['place'],
): Message {
  return place ? { source, ruleId, reason, severity, place } : { source, ruleId, reason, severity };
}

/** `ingest: cannot parse feed news.xml: unexpected end of input at line 12` */
export function formatMessage(m: Message, origin?: string): string {
  const where = m.place
    ? [
        m.place.line !== undefined ? `line ${m.place.line}` : '',
        m.place.row !== undefined ? `row ${m.place.row}` : '',
        m.place.item !== undefined ? `item ${m.place.item}` : '',
      ].filter(Boolean).join(', ')
    : '';
  return `${m.source}: ${origin ? origin + ': ' : ''}${m.reason}${where ? ` (${where})` : ''}`;
}
