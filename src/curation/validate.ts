/**
 * Validates a draft exactly as `npm run content:check` would once it is published: the draft is
 * written as YAML and laid over CONTENT_DIR virtually (loadKnowledgeBase `overrides`), so the same
 * zod schema and the same cross checks (dangling contacts and related articles, duplicate example
 * questions, review dates) run — nothing is written to disk. Problems of the draft's file become
 * FieldProblems beside the form fields; problems the draft causes in other files are reported too.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { hashContent, loadKnowledgeBase } from "../knowledge/loader.js";
import { formatProblem, type Problem } from "../knowledge/problems.js";
import { isoDay, type ReviewConfig } from "../knowledge/review.js";
import { AREAS, KEBAB_ID, type Area, type Article } from "../knowledge/schema.js";
import { LruCache } from "../util/lru-cache.js";
import { serializeArticle } from "./article-yaml.js";
import type { DraftArticle, FieldProblem } from "./schemas.js";

export interface ValidateOptions {
  contentDir: string;
  /** The article's file now (relative to the content folder) when the draft edits one: replaced, or removed when the area changes. */
  replaces?: string;
  /** The id a draft must keep: a published article is not renamed (its versions and links hang on the id). */
  fixedId?: string;
  now?: Date;
  review?: ReviewConfig;
}

export interface Validation {
  ok: boolean;
  problems: FieldProblem[];
  /** The article as the knowledge base would hold it; only when `ok`. */
  article?: Article;
  /** Where the draft is published: `articles/<area>/<id>.yaml`; only when the id and area are valid. */
  file?: string;
  /** The YAML the draft is written as (without the previous file's formatting). */
  yaml: string;
}

/** Stands in for a missing or invalid id, so the rest of the draft is still checked. */
const PLACEHOLDER_ID = "entwurf-ohne-gueltige-id";

export function articleRelPath(area: Area, id: string): string {
  return `articles/${area}/${id}.yaml`;
}

/** The file of an article id in any area folder, relative to the content folder; undefined when there is none. */
export function findArticleFile(contentDir: string, id: string): { rel: string; area: Area } | undefined {
  if (!KEBAB_ID.test(id)) return undefined;
  for (const area of AREAS) {
    for (const ext of ["yaml", "yml"]) {
      const rel = `articles/${area}/${id}.${ext}`;
      if (existsSync(path.join(contentDir, rel))) return { rel, area };
    }
  }
  return undefined;
}

/** The article file's fields of a draft: everything but the id and area, which the path gives. */
export function fileFields(draft: DraftArticle): Record<string, unknown> {
  const { id: _id, area: _area, ...fields } = draft;
  return fields;
}

/**
 * Validations by everything they depend on: the files on disk (their content hash), the draft,
 * where it goes and the day (review dates). One unchanged draft is validated again and again —
 * for the problems and for the preview as the navigator types, on save, on submit, for
 * Probefragen, before publishing — and each validation parses every YAML file of the content.
 * Callers get a copy: the cached result stays as it was computed.
 */
const validations = new LruCache<string, Validation & { contentHash: string }>(32);

export function validateDraft(draft: DraftArticle, opts: ValidateOptions): Validation {
  const contentHash = hashContent(opts.contentDir);
  const key = JSON.stringify([opts.contentDir, contentHash, isoDay(opts.now ?? new Date()), opts.review ?? null, opts.replaces ?? null, opts.fixedId ?? null, draft]);
  let validation = validations.get(key);
  if (!validation) {
    validation = validateUncached(draft, opts);
    // Files that changed while they were read: the result belongs to neither version.
    if (validation.contentHash === contentHash) validations.set(key, validation);
  }
  const { contentHash: _hash, ...result } = structuredClone(validation);
  return result;
}

function validateUncached(draft: DraftArticle, opts: ValidateOptions): Validation & { contentHash: string } {
  const problems: FieldProblem[] = [];
  const idOk = typeof draft.id === "string" && KEBAB_ID.test(draft.id);
  const areaOk = typeof draft.area === "string" && (AREAS as readonly string[]).includes(draft.area);
  if (!draft.id) problems.push({ path: "id", severity: "error", code: "required", message: "required" });
  else if (!idOk) {
    problems.push({ path: "id", severity: "error", code: "schema",
      message: "must be kebab-case: lower-case letters, digits and single hyphens (e.g. eingliederungszuschuss)" });
  } else if (opts.fixedId && draft.id !== opts.fixedId) {
    problems.push({ path: "id", severity: "error", code: "id-fixed",
      message: `a published article keeps its id "${opts.fixedId}"; create a new article for a new id` });
  }
  if (!draft.area) problems.push({ path: "area", severity: "error", code: "required", message: "required" });
  else if (!areaOk) problems.push({ path: "area", severity: "error", code: "schema", message: `must be one of: ${AREAS.join(", ")}` });

  const id = idOk ? draft.id! : (opts.fixedId ?? PLACEHOLDER_ID);
  const replacedArea = opts.replaces?.split("/")[1] as Area | undefined;
  const area: Area = areaOk ? (draft.area as Area) : (replacedArea ?? AREAS[0]);
  const rel = articleRelPath(area, id);
  const yaml = serializeArticle(fileFields(draft));

  if (idOk && !opts.replaces) {
    const existing = findArticleFile(opts.contentDir, id);
    if (existing) {
      problems.push({ path: "id", severity: "error", code: "duplicate-id",
        message: `the id "${id}" is already used by ${existing.rel}; ids must be unique across areas` });
    }
  }

  const overrides = new Map<string, string | null>([[rel, yaml]]);
  if (opts.replaces && opts.replaces !== rel) overrides.set(opts.replaces, null);
  const loadOptions = { now: opts.now, ...(opts.review ? { review: opts.review } : {}) };
  const withDraft = loadKnowledgeBase(opts.contentDir, { ...loadOptions, overrides });
  const shown = displayPath(opts.contentDir, rel);

  // What the other files report anyway is not the draft's business.
  const before = baselineProblems(opts.contentDir, withDraft.kb.contentHash, loadOptions);
  const own = withDraft.problems.filter((p) => p.file === shown);
  for (const p of own) {
    problems.push({ path: p.path === "" && p.code === "duplicate-id" ? "id" : p.path, severity: p.severity, code: p.code, message: p.message });
  }
  // While the draft itself is invalid it drops out of the knowledge base, so every link to it
  // from another article "dangles": a consequence of the error beside the field, not a second problem.
  const draftDropped = problems.some((p) => p.severity === "error");
  const linksToDraft = (p: Problem) => p.code.startsWith("dangling") && p.message.includes(`"${id}"`);
  for (const p of withDraft.problems) {
    if (p.file === shown || before.has(problemKey(p))) continue;
    if (p.code === "duplicate-id" && problems.some((q) => q.code === "duplicate-id")) continue;
    if (draftDropped && linksToDraft(p)) continue;
    problems.push({ path: "", severity: p.severity, code: p.code, message: `${formatProblem(p)}`, file: p.file, line: p.line, col: p.col });
  }

  const ok = !problems.some((p) => p.severity === "error");
  const article = ok ? withDraft.kb.articles.find((a) => a.id === id && a.file === shown) : undefined;
  return { ok: ok && article !== undefined, problems, ...(article ? { article } : {}), ...(idOk && areaOk ? { file: rel } : {}), yaml, contentHash: withDraft.kb.contentHash };
}

/**
 * The problems of the content as it is on disk, by content hash (of the files on disk; overrides
 * do not change it): loaded once per content version, not on every keystroke of a navigator.
 */
const baseline = new LruCache<string, Set<string>>(8);
function baselineProblems(contentDir: string, contentHash: string, loadOptions: { now?: Date; review?: ReviewConfig }): Set<string> {
  const key = `${contentDir}\0${contentHash}\0${(loadOptions.now ?? new Date()).toISOString().slice(0, 10)}`;
  let found = baseline.get(key);
  if (!found) {
    found = new Set(loadKnowledgeBase(contentDir, loadOptions).problems.map(problemKey));
    baseline.set(key, found);
  }
  return found;
}

function displayPath(contentDir: string, rel: string): string {
  const abs = path.join(contentDir, ...rel.split("/"));
  return path.relative(path.dirname(contentDir), abs) || abs;
}

/** A problem without its position: an edit above it in the same file moves it, it stays the same problem. */
function problemKey(p: Problem): string {
  return `${p.file}\0${p.path}\0${p.code}\0${p.message}`;
}
