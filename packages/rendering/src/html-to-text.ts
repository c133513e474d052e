/** Elements whose end is a line break in text. */
const BLOCK_END = /<\/(?:p|div|h[1-6]|li|tr|table|ul|ol|blockquote|pre|section|article|header|footer)\s*>/gi;
const LINE_BREAK = /<br\s*\/?>/gi;
/** Elements whose content is never text a reader sees. */
const HIDDEN = /<(script|style|head|title)\b[^>]*>[\s\S]*?<\/\1\s*>/gi;
const COMMENT = /<!--[\s\S]*?-->/g;
const TAG = /<\/?[a-z][^>]*>/gi;
/** The entities HTML templates commonly hold; none decodes to a brace, so no Handlebars appears. */
const ENTITIES: Readonly<Record<string, string>> = {
  '&nbsp;': ' ',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
  '&apos;': "'",
  '&amp;': '&',
};

/**
 * The text body of an email whose template has only HTML: tags dropped, block ends and `<br>`
 * kept as line breaks, Handlebars expressions left as they are (the text is still a template).
 */
export function deriveTextFromHtml(html: string): string {
  const text = html
    .replace(COMMENT, '')
    .replace(HIDDEN, '')
    .replace(/\r\n?/g, '\n')
    // Source line breaks are layout in HTML; only the markup decides where text lines end.
    .replace(/[ \t]*\n[ \t]*/g, ' ')
    .replace(LINE_BREAK, '\n')
    .replace(BLOCK_END, '\n')
    .replace(TAG, '')
    .replace(/&(?:nbsp|lt|gt|quot|#39|apos|amp);/g, (entity) => ENTITIES[entity] ?? entity);
  return text
    .split('\n')
    .map((line) => line.replace(/[ \t]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
