/** Scraped text goes into the report as text: every markup character escaped. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"'`]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Markdown: neutralise characters that would make markup or links out of scraped text. */
export function escapeMarkdown(s: string): string {
  return s.replace(/\s+/g, ' ').replace(/([\\`*_[\]<>|#])/g, '\\$1');
}

/** A link target only when it is plain http(s). */
export function safeUrl(u: string | undefined): string | undefined {
  return u && /^https?:\/\/[^\s"'<>]+$/i.test(u) ? u : undefined;
}
