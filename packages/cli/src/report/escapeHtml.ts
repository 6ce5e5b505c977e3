const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * @name escapeHtml
 * @category Report
 * @summary Escapes a string for HTML text or a quoted attribute value.
 *
 * @description
 * Replaces `&`, `<`, `>`, `"` and `'` by their entities, so CRM strings (lead, company, source names)
 * always render as text. The report's body is rendered by React, which escapes on its own; this is for
 * the few strings written into the document around it (the title).
 *
 * @param text - Any string.
 * @returns The escaped string.
 *
 * @example
 * escapeHtml('<img src=x onerror=alert(1)>') //=> '&lt;img src=x onerror=alert(1)&gt;'
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c] as string);
}
