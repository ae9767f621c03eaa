/**
 * The short answer an answer card shows before "more": the article's curated summary when it
 * has one, otherwise the first sentences of the first paragraph of its answer (the content
 * guide asks for a self-contained first paragraph). On a phone the whole article is several
 * screens long; this is what fits on one.
 */
import type { Language } from "../../src/knowledge/index.js";

/** Upper bound for a derived short answer (Markdown characters): about eight lines on a 390 px phone. */
export const SHORT_ANSWER_MAX = 350;
/** "The first two or three sentences": more make the card long again, however short each is. */
export const SHORT_ANSWER_UNITS = 3;

/**
 * What shortAnswer reads of an article. `summary` is the curated short answer the knowledge
 * base will get per language; until then it is absent and the answer is cut instead.
 */
export type ArticleTexts = { readonly [L in Language]: { readonly answer: string; readonly summary?: string | undefined } };

export interface ShortAnswer {
  /** Markdown shown at once. */
  short: string;
  /**
   * Markdown shown on "more": the answer after the part in `short`, or the whole answer when
   * `short` is a curated summary (a summary is a rewording, not a part of the text). May be "".
   */
  rest: string;
}

export function shortAnswer(article: ArticleTexts, language: Language): ShortAnswer {
  const { answer, summary } = article[language];
  const text = answer.replace(/\r\n?/g, "\n").trim();
  if (summary?.trim()) return { short: summary.trim(), rest: text };

  const blocks = text.split(/\n[ \t]*\n/).map((b) => b.trim()).filter(Boolean);
  // A heading above the first paragraph only repeats what the card's title says.
  let first = blocks.findIndex((b) => !isHeadingLine(b));
  if (first < 0) first = 0;
  const block = blocks[first] ?? "";
  const later = blocks.slice(first + 1);
  const { short, rest } = splitBlock(block);
  return { short, rest: [rest, ...later].filter(Boolean).join("\n\n") };
}

/** Splits one Markdown block after its first few sentences or list items. */
function splitBlock(block: string): { short: string; rest: string } {
  const { cuts, textEnd } = cutPositions(block);
  const at = (cut: number) => ({ short: block.slice(0, cut).trim(), rest: block.slice(cut).trim() });
  let chosen: number | undefined;
  for (const [i, cut] of cuts.entries()) {
    if (i >= SHORT_ANSWER_UNITS || block.slice(0, cut).trim().length > SHORT_ANSWER_MAX) break;
    if (endsWell(block.slice(0, cut))) chosen = cut;
  }
  if (chosen !== undefined) return at(chosen);
  // Nothing fits. A first sentence that is too long is shortened; a list item never is.
  const first = cuts[0] ?? block.length;
  if (first <= textEnd && block.slice(0, first).trim().length > SHORT_ANSWER_MAX) {
    const shortened = shortenSentence(block, Math.min(first, SHORT_ANSWER_MAX - 1));
    if (shortened) return shortened;
  }
  return at(cuts.find((c) => endsWell(block.slice(0, c))) ?? block.length);
}

/**
 * Ends an over-long first sentence at a word before `limit` with "…" and carries on with "…"
 * behind "more". It prefers the end of a clause (after ";", ":" or a dash, else a comma) in
 * the second half, and never cuts inside a link or an emphasis.
 */
function shortenSentence(block: string, limit: number): { short: string; rest: string } | undefined {
  const protectedSpans = spans(block);
  let word = -1;
  let comma = -1;
  let clause = -1;
  for (let i = 1; i < limit; i++) {
    if (!/\s/.test(block[i]!) || /\s/.test(block[i - 1]!) || inside(i, protectedSpans)) continue;
    word = i;
    if (block[i - 1] === ",") comma = i;
    if (/[;:]/.test(block[i - 1]!) || (/[–—]/.test(block[i + 1] ?? "") && /\s/.test(block[i + 2] ?? ""))) clause = i;
  }
  const at = [clause, comma].find((i) => i >= limit / 2) ?? word;
  if (at < 0) return undefined;
  const head = block.slice(0, at).replace(/[\s,;:–—]+$/, "");
  return { short: `${head}…`, rest: `…${block.slice(at).replace(/^[\s–—]+/, "")}` };
}

/** A short answer must not end on a heading or on an introduction to what it leaves out. */
function endsWell(head: string): boolean {
  const last = head.trimEnd().split("\n").at(-1) ?? "";
  return !/:\**$/.test(last.trimEnd()) && !isHeadingLine(last);
}

const LIST_ITEM = /^[ \t]{0,3}(?:[-*+]|\d{1,3}[.)])[ \t]+/;

/** A line that only names what follows: "## Voraussetzungen" or "**Voraussetzungen**". */
function isHeadingLine(line: string): boolean {
  const l = line.trim();
  return !l.includes("\n") && (/^#{1,6}\s/.test(l) || /^\*\*[^*]+\*\*:?$/.test(l));
}

/**
 * Where the block may end a short answer, in order: after a sentence of the running text that
 * opens it, and after each whole list item. Never inside a list item, a link, inline code or
 * an emphasis. `textEnd` is where the running text ends (the first list item starts).
 */
function cutPositions(block: string): { cuts: number[]; textEnd: number } {
  const lines = block.split("\n");
  const starts: number[] = [];
  let offset = 0;
  for (const line of lines) {
    starts.push(offset);
    offset += line.length + 1;
  }
  const firstItem = lines.findIndex((l) => LIST_ITEM.test(l));
  const textEnd = firstItem < 0 ? block.length : Math.max(0, starts[firstItem]! - 1);
  const cuts = new Set<number>([block.length]);
  const protectedSpans = spans(block);
  for (const end of sentenceEnds(block.slice(0, textEnd))) if (!inside(end, protectedSpans)) cuts.add(end);
  // Lines after the first item either start the next item or continue the current one.
  lines.forEach((line, i) => {
    if (i >= firstItem && firstItem >= 0 && LIST_ITEM.test(line) && starts[i]! > 0) cuts.add(starts[i]! - 1);
  });
  return { cuts: [...cuts].filter((c) => c > 0).sort((a, b) => a - b), textEnd };
}

/** Words before a full stop that do not end a sentence (lower-case, without the stop). */
const ABBREVIATIONS = new Set([
  // German
  "abs", "art", "bzgl", "bzw", "ca", "ff", "lit", "evtl", "ggf", "gem", "grds", "inkl", "insb", "max", "min", "mind", "mio", "mrd",
  "nr", "sog", "str", "tel", "usw", "vgl", "zzgl", "ziff", "bspw", "dr", "prof", "jan", "feb", "jun", "jul",
  "aug", "sep", "sept", "okt", "nov", "dez", "etc",
  // English
  "approx", "cf", "no", "para", "incl", "vs", "mr", "mrs", "ms", "oct", "dec",
]);

/** Offsets just after the last character of each sentence but the last of running text. */
function sentenceEnds(text: string): number[] {
  const out: number[] = [];
  for (const m of text.matchAll(/[.!?…]["“”„'’»«)*_]*(?=\s+\S)/g)) {
    const end = m.index + m[0].length;
    const next = text.slice(end).trimStart();
    // A sentence starts with a capital, a digit, a quote, a bracket or markup – not lower case.
    if (/^\p{Ll}/u.test(next)) continue;
    if (m[0][0] === "." && !endsSentence(text.slice(0, m.index))) continue;
    out.push(end);
  }
  return out;
}

/** Whether the word before a full stop can end a sentence (not "z. B.", "Abs.", "1. Juni"). */
function endsSentence(before: string): boolean {
  const word = (before.match(/[^\s(\[„“"']*$/)?.[0] ?? "").replace(/^[*_]+/, "");
  if (!word) return true;
  if (/^\p{L}$/u.test(word)) return false; // z. B., d. h., u. a., e. g.
  if (/^\d{1,2}$/.test(word)) return false; // German ordinal: "1. Juni"
  if (/\p{L}\.\p{L}/u.test(word)) return false; // e.g, i.e, z.B
  return !ABBREVIATIONS.has(word.toLowerCase());
}

type Span = [start: number, end: number];

/** Ranges a cut must not fall into: links, inline code, emphasis. */
function spans(text: string): Span[] {
  const out: Span[] = [];
  const patterns = [
    /!?\[[^\]\n]*\]\([^)\n]*\)/g, // [text](url), images
    /<[a-z][a-z0-9+.-]*:[^>\s]*>/gi, // <https://…>
    /`[^`\n]+`/g,
    /\*\*[^*]+?\*\*/g,
    /__[^_]+?__/g,
    /(?<![*\w])\*(?![*\s])[^*\n]+?\*(?![*\w])/g,
    /(?<![_\w])_(?![_\s])[^_\n]+?_(?![_\w])/g,
  ];
  for (const re of patterns) for (const m of text.matchAll(re)) out.push([m.index, m.index + m[0].length]);
  return out;
}

function inside(pos: number, list: Span[]): boolean {
  return list.some(([s, e]) => pos > s && pos < e);
}
