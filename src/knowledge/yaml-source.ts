/**
 * Parses a YAML file and validates it with a zod schema, reporting every problem with the line
 * and column of the YAML node it concerns — so navigators see where to fix it.
 */
import { createHash } from "node:crypto";
import { deserialize, serialize } from "node:v8";
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from "yaml";
import type { z } from "zod";
import { LruCache } from "../util/lru-cache.js";
import type { Problem } from "./problems.js";

export type PathSegment = string | number;

export interface ParsedYaml<T> {
  value: T | undefined;
  problems: Problem[];
  /** Position of a path in the file, for checks done after schema validation. */
  locate(path: readonly PathSegment[]): { line: number; col: number };
}

export const MAX_CONTENT_FILE_BYTES = 512 * 1024;

/**
 * Parse results by schema, file name and a hash of the bytes. Every content check, reload and
 * draft validation reads all files of the content, and parsing YAML is most of its work: a
 * file is parsed again only when its bytes (or the name its problems carry) change. Bounded
 * well above any plausible number of content files — a cache smaller than one pass over them
 * would evict each file just before it is read again — and kept compact: the value and
 * problems as the structured-clone bytes (v8.serialize, about 20 KB per article; the YAML
 * document tree would be about 100 KB), the positions as they are asked for.
 */
const PARSE_CACHE_ENTRIES = 2000;
interface CachedParse {
  /** v8.serialize of { value, problems }: each caller gets its own copy to change. */
  bytes: Buffer;
  /** Positions asked for so far, by JSON path: later loads of the same bytes need no document. */
  positions: Map<string, { line: number; col: number }>;
}
const parsed = new LruCache<string, CachedParse>(PARSE_CACHE_ENTRIES);
const schemaIds = new WeakMap<object, number>();
let nextSchemaId = 0;

/**
 * Parses `source` and validates it with `schema`; problems carry `file`. Never throws for bad
 * content. Repeated calls with the same bytes return a fresh copy of the first result.
 */
export function parseYamlWithSchema<S extends z.ZodType>(
  source: string,
  file: string,
  schema: S,
): ParsedYaml<z.output<S>> {
  let schemaId = schemaIds.get(schema);
  if (schemaId === undefined) schemaIds.set(schema, (schemaId = nextSchemaId++));
  const key = `${schemaId}\0${file}\0${createHash("sha256").update(source).digest("hex")}`;
  const hit = parsed.get(key);
  if (hit) {
    const { value, problems } = deserialize(hit.bytes) as Pick<ParsedYaml<z.output<S>>, "value" | "problems">;
    let located: ((path: readonly PathSegment[]) => { line: number; col: number }) | undefined;
    const locate = (path: readonly PathSegment[]) => {
      const known = hit.positions.get(JSON.stringify(path));
      if (known) return { ...known };
      // The same bytes give the same document: parsed again only for a position not asked before.
      located ??= locator(source);
      const pos = located(path);
      hit.positions.set(JSON.stringify(path), { ...pos });
      return pos;
    };
    return { value, problems, locate };
  }
  const result = parseUncached(source, file, schema);
  const entry: CachedParse = { bytes: serialize({ value: result.value, problems: result.problems }), positions: new Map() };
  parsed.set(key, entry);
  return {
    ...result,
    locate: (path) => {
      const pos = result.locate(path);
      entry.positions.set(JSON.stringify(path), { ...pos });
      return pos;
    },
  };
}

function parseUncached<S extends z.ZodType>(
  source: string,
  file: string,
  schema: S,
): ParsedYaml<z.output<S>> {
  const problems: Problem[] = [];
  if (tooLarge(source)) {
    problems.push({
      severity: "error", file, line: 1, col: 1, path: "", code: "too-large",
      message: `file is larger than ${MAX_CONTENT_FILE_BYTES / 1024} KiB; split it up`,
    });
    return { value: undefined, problems, locate: () => ({ line: 1, col: 1 }) };
  }

  const { doc, at, locate } = document(source);

  for (const err of [...doc.errors, ...doc.warnings]) {
    const pos = err.linePos?.[0] ?? at(err.pos[0]);
    problems.push({
      severity: "error", file, line: pos.line, col: pos.col, path: "", code: "yaml",
      message: `the file is not valid YAML: ${firstLine(err.message)}`,
    });
  }
  if (problems.length > 0) return { value: undefined, problems, locate };

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 50 });
  } catch (err) {
    problems.push({
      severity: "error", file, line: 1, col: 1, path: "", code: "yaml",
      message: `the file is not valid YAML: ${firstLine(err instanceof Error ? err.message : String(err))}`,
    });
    return { value: undefined, problems, locate };
  }
  if (data === null || data === undefined) {
    problems.push({ severity: "error", file, line: 1, col: 1, path: "", code: "empty", message: "the file is empty" });
    return { value: undefined, problems, locate };
  }

  const result = schema.safeParse(data);
  if (result.success) return { value: result.data, problems, locate };

  for (const issue of result.error.issues) {
    const path = issue.path.filter((s): s is PathSegment => typeof s === "string" || typeof s === "number");
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        const pos = locate([...path, key]);
        problems.push({
          severity: "error", file, ...pos, path: dotted([...path, key]), code: "schema",
          message: "unknown field (check the spelling; see content/README.md for the allowed fields)",
        });
      }
      continue;
    }
    const pos = locate(path);
    const missing = doc.getIn(path, true) === undefined;
    problems.push({
      severity: "error", file, ...pos, path: dotted(path), code: "schema",
      message: missing && issue.code === "invalid_type" ? "required" : humanMessage(issue),
    });
  }
  return { value: undefined, problems, locate };
}

function document(source: string) {
  const lineCounter = new LineCounter();
  const at = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, col };
  };
  // uniqueKeys and a bounded alias count protect against duplicated keys and "billion laughs".
  const doc = parseDocument(source, { lineCounter, uniqueKeys: true, prettyErrors: false });
  return { doc, at, locate: (path: readonly PathSegment[]) => locateNode(doc, path, at) };
}

/** Positions in a source parsed before, as its first parse reported them. */
function locator(source: string): (path: readonly PathSegment[]) => { line: number; col: number } {
  if (tooLarge(source)) return () => ({ line: 1, col: 1 });
  return document(source).locate;
}

function tooLarge(source: string): boolean {
  return Buffer.byteLength(source, "utf8") > MAX_CONTENT_FILE_BYTES;
}

function humanMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === "invalid_type") return `must be ${article(issue.expected)}`;
  if (issue.code === "invalid_value") return `must be one of: ${issue.values.map(String).join(", ")}`;
  if (issue.code === "too_small" && issue.origin === "array") return issue.message.startsWith("Too small") ? `needs at least ${issue.minimum} entries` : issue.message;
  if (issue.code === "too_small" && issue.origin === "number") return `must be at least ${issue.minimum}`;
  if (issue.code === "too_big" && issue.origin === "number") return `must be at most ${issue.maximum}`;
  if (issue.code === "too_big" && issue.origin === "array") return `has more than ${issue.maximum} entries`;
  return issue.message;
}

function article(expected: string): string {
  const names: Record<string, string> = {
    string: "a text", number: "a number", array: "a list", object: "a mapping of fields (key: value)",
    boolean: "true or false", int: "a whole number",
  };
  return names[expected] ?? expected;
}

function dotted(path: readonly PathSegment[]): string {
  return path.map((s, i) => (typeof s === "number" ? `[${s}]` : i === 0 ? s : `.${s}`)).join("");
}

function firstLine(message: string): string {
  return message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "");
}

/**
 * Finds the closest existing node for a path: the key of the deepest existing pair, so a
 * missing `de.answer` points at the `de:` mapping it belongs in.
 */
function locateNode(
  doc: Document,
  path: readonly PathSegment[],
  at: (offset: number) => { line: number; col: number },
): { line: number; col: number } {
  let node: unknown = doc.contents;
  let best: Node | null = (doc.contents as Node | null) ?? null;
  for (const seg of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg));
      if (!pair) break;
      best = (pair.key as Node) ?? best;
      node = pair.value;
      // For the final segment we report the key; for scalars below it, their value.
      continue;
    }
    if (isSeq(node) && typeof seg === "number") {
      const item = node.items[seg];
      if (item === undefined) break;
      best = item as Node;
      node = item;
      continue;
    }
    break;
  }
  const offset = best?.range?.[0] ?? 0;
  return at(offset);
}
