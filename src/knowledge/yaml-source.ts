/**
 * Parses a YAML file and validates it with a zod schema, reporting every problem with the line
 * and column of the YAML node it concerns — so navigators see where to fix it.
 */
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from "yaml";
import type { z } from "zod";
import type { Problem } from "./problems.js";

export type PathSegment = string | number;

export interface ParsedYaml<T> {
  value: T | undefined;
  problems: Problem[];
  /** Position of a path in the file, for checks done after schema validation. */
  locate(path: readonly PathSegment[]): { line: number; col: number };
}

export const MAX_CONTENT_FILE_BYTES = 512 * 1024;

export function parseYamlWithSchema<S extends z.ZodType>(
  source: string,
  file: string,
  schema: S,
): ParsedYaml<z.output<S>> {
  const lineCounter = new LineCounter();
  const problems: Problem[] = [];
  const at = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, col };
  };

  if (Buffer.byteLength(source, "utf8") > MAX_CONTENT_FILE_BYTES) {
    problems.push({
      severity: "error", file, line: 1, col: 1, path: "", code: "too-large",
      message: `file is larger than ${MAX_CONTENT_FILE_BYTES / 1024} KiB; split it up`,
    });
    return { value: undefined, problems, locate: () => ({ line: 1, col: 1 }) };
  }

  // uniqueKeys and a bounded alias count protect against duplicated keys and "billion laughs".
  const doc = parseDocument(source, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const locate = (path: readonly PathSegment[]) => locateNode(doc, path, at);

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
