/**
 * Article files as YAML, written so that git diffs stay small: keys in the order the existing
 * files use, Markdown as block scalars (`|`), flow lists for short id lists, and no re-wrapping
 * of long lines (lineWidth 0). When the file's previous text is given, every node whose value
 * did not change is kept byte for byte (quoting, list style, comments), so an edit of one
 * field changes only that field's lines.
 */
import { createHash } from "node:crypto";
import { Document, isMap, isScalar, isSeq, Pair, parseDocument, Scalar, YAMLMap, YAMLSeq, type Node } from "yaml";

/** Top-level keys in the order of the existing article files (content/README.md). */
export const ARTICLE_KEY_ORDER = [
  "id", "audiences", "reviewed", "review_every_months", "owner", "legal", "sources", "contacts", "related", "de", "en", "uk", "ar",
] as const;
// source_hash first: it says which German text the whole block below it follows (content:report --stamp writes it there).
const TEXT_KEY_ORDER = ["source_hash", "title", "summary", "questions", "answer", "keywords"];
const SOURCE_KEY_ORDER = ["title", "url"];

/** Lists of short ids or words, written on one line as in the existing files. */
const FLOW_LISTS = new Set(["audiences", "contacts", "related", "keywords"]);
/**
 * Texts the existing files write in double quotes (besides source titles, and the Ukrainian and
 * Arabic questions in 55 of 58 files); a source_hash of twelve digits would otherwise be a number.
 */
const QUOTED = new Set(["summary", "legal", "source_hash"]);

const TO_STRING = { lineWidth: 0, minContentWidth: 0, flowCollectionPadding: false } as const;

export function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** An article file's fields as written (no defaults filled in); undefined when the text is not a YAML mapping. */
export function parseArticleYaml(source: string): Record<string, unknown> | undefined {
  const doc = parseDocument(source, { uniqueKeys: true });
  if (doc.errors.length > 0) return undefined;
  const value: unknown = doc.toJS({ maxAliasCount: 50 });
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/**
 * The YAML text of an article file. `fields` are the file's fields (id and area come from the
 * path and are not written unless the previous text had an `id`). With `previous`, unchanged
 * nodes keep their exact formatting.
 */
export function serializeArticle(fields: Record<string, unknown>, previous?: string): string {
  let doc: Document;
  let like: Node | undefined;
  if (previous !== undefined) {
    doc = parseDocument(previous, { uniqueKeys: true });
    if (doc.errors.length > 0 || !isMap(doc.contents)) doc = new Document();
    else like = doc.contents as Node;
  } else doc = new Document();
  const keepId = isMap(like) && like.has("id");
  const value = Object.fromEntries(Object.entries(fields).filter(([k, v]) => v !== undefined && k !== "area" && (k !== "id" || keepId)));
  doc.contents = build(doc, value, [], like) as never;
  return doc.toString(TO_STRING);
}

function build(doc: Document, value: unknown, path: readonly string[], like: Node | undefined): Node {
  if (like && same(toJS(doc, like), value)) return like;
  const key = path.at(-1) ?? "";
  if (Array.isArray(value)) {
    const seq = new YAMLSeq();
    seq.flow = isSeq(like) ? Boolean(like.flow) : FLOW_LISTS.has(key) && value.every((v) => typeof v === "string" && !v.includes("\n"));
    const template = isSeq(like) ? (like.items as Node[]) : [];
    value.forEach((item, i) => {
      const old = template[i];
      // A new entry looks like its neighbours (quoted Ukrainian questions stay quoted).
      const node = old && same(toJS(doc, old), item) ? old : build(doc, item, [...path, key], styleOnly(old ?? template[0]));
      seq.items.push(node);
    });
    return seq;
  }
  if (value !== null && typeof value === "object") {
    const map = new YAMLMap();
    const entries = value as Record<string, unknown>;
    const oldPairs = isMap(like) ? (like.items as Pair<Node, Node>[]) : [];
    const oldKeys = oldPairs.map((p) => String(isScalar(p.key) ? p.key.value : p.key));
    for (const k of orderKeys(Object.keys(entries), oldKeys, canonicalOrder(path))) {
      if (entries[k] === undefined) continue;
      const old = oldPairs[oldKeys.indexOf(k)];
      map.items.push(new Pair(old ? old.key : doc.createNode(k), build(doc, entries[k], [...path, k], old?.value ?? undefined)));
    }
    return map;
  }
  if (typeof value === "string") return stringNode(value, key, path, like);
  return doc.createNode(value) as Node;
}

function stringNode(value: string, key: string, path: readonly string[], like: Node | undefined): Scalar {
  if (value.includes("\n")) {
    // `|` keeps the text as typed; the trailing newline makes it `|` rather than `|-`, as in the files.
    const s = new Scalar(value.endsWith("\n") ? value : `${value}\n`);
    s.type = Scalar.BLOCK_LITERAL;
    return s;
  }
  const s = new Scalar(value);
  const oldType = isScalar(like) ? like.type : undefined;
  if (oldType && oldType !== Scalar.BLOCK_LITERAL && oldType !== Scalar.BLOCK_FOLDED) s.type = oldType;
  else s.type = QUOTED.has(key) || (key === "title" && path[0] === "sources") || (key === "questions" && (path[0] === "uk" || path[0] === "ar")) ? Scalar.QUOTE_DOUBLE : Scalar.PLAIN;
  return s;
}

/** Keeps only the style of a node: an empty look-alike, so `same` never matches it. */
function styleOnly(node: Node | undefined): Node | undefined {
  if (!isScalar(node)) return undefined;
  const s = new Scalar(Symbol("style-only"));
  s.type = node.type;
  return s;
}

function canonicalOrder(path: readonly string[]): readonly string[] {
  if (path.length === 0) return ARTICLE_KEY_ORDER;
  if (path.length === 1 && ["de", "en", "uk", "ar"].includes(path[0]!)) return TEXT_KEY_ORDER;
  if (path[0] === "sources") return SOURCE_KEY_ORDER;
  return [];
}

/** The previous file's key order; a new key goes before the first existing key that follows it canonically; unknown keys last. */
function orderKeys(keys: string[], oldKeys: string[], canonical: readonly string[]): string[] {
  const rank = (k: string) => {
    const i = canonical.indexOf(k);
    return i < 0 ? canonical.length : i;
  };
  const out = oldKeys.filter((k) => keys.includes(k));
  for (const k of [...keys].filter((k) => !oldKeys.includes(k)).sort((a, b) => rank(a) - rank(b))) {
    const at = out.findIndex((o) => rank(o) > rank(k));
    if (at < 0 || rank(k) === canonical.length) out.push(k);
    else out.splice(at, 0, k);
  }
  return out;
}

function toJS(doc: Document, node: Node): unknown {
  return node.toJS(doc, { maxAliasCount: 50 });
}

/** Equal as the article schema sees it: texts compared without surrounding whitespace (the schema trims). */
function same(a: unknown, b: unknown): boolean {
  if (typeof a === "string" && typeof b === "string") return a.trim() === b.trim();
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => same(x, b[i]));
  }
  if (a && b && typeof a === "object" && typeof b === "object") {
    const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
    const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
    return ka.length === kb.length && ka.every((k, i) => k === kb[i] && same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
  }
  return a === b;
}
