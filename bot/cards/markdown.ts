/**
 * Article Markdown for where it is shown. Adaptive Card TextBlocks know bold, italic, lists
 * and links but no headings; plain-text channels get no markup at all.
 */

/** Headings become bold lines; everything else is already within the card subset. */
export function toCardMarkdown(markdown: string): string {
  return markdown
    .replace(/\r\n?/g, "\n")
    .replace(/^#{1,6}\s+(.+?)\s*#*$/gm, "**$1**")
    .trim();
}

/** Markup removed, links written out so they still work when pasted. */
export function toPlainText(markdown: string): string {
  return markdown
    .replace(/\r\n?/g, "\n")
    .replace(/^#{1,6}\s+/gm, "")
    .replace(/\[([^\]]+)\]\((\S+?)\)/g, "$1 ($2)")
    .replace(/(\*\*|__)(.+?)\1/g, "$2")
    .replace(/(^|[^*\w])[*_]([^*_\n]+)[*_](?=[^*\w]|$)/g, "$1$2")
    .replace(/^\s*[*+]\s+/gm, "- ")
    .trim();
}
