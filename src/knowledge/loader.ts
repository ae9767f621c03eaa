/**
 * Loads the knowledge base from `content/`: articles, contacts and synonyms. Collects every
 * problem in one run instead of stopping at the first, so a navigator can fix them all at once.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import {
  AREAS,
  Article,
  ArticleFile,
  ContactsFile,
  KEBAB_ID,
  SynonymsFile,
  LexiconFile,
  NotCoveredFile,
  type LexiconEntry,
  type NotCoveredTopic,
  type Contact,
  type Language,
} from "./schema.js";
import { parseYamlWithSchema, type PathSegment } from "./yaml-source.js";
import type { Problem } from "./problems.js";
import { loadFlows } from "./flows/load.js";
import type { Flow } from "./flows/schema.js";
import { articlesUsing, compileTerms } from "./not-covered.js";
import { germanHash, reviewStatus, staleTranslations, unstampedTranslations, type ReviewConfig } from "./review.js";

export interface KnowledgeBase {
  articles: Article[];
  contacts: Map<string, Contact>;
  synonyms: Record<Language, string[][]>;
  /** Guided referrals from content/flows/ (absent in knowledge bases built by hand). */
  flows?: Flow[];
  /** Ukrainian/Arabic wordings → German search terms, from content/lexicon.yaml (optional). */
  lexicon?: LexiconEntry[];
  /** Topics no article covers, with the terms people type for them, from content/not-covered.yaml (optional). */
  notCovered?: NotCoveredTopic[];
  /** sha256 over every content file's path and bytes: changes whenever the content changes. */
  contentHash: string;
}

export interface LoadResult {
  kb: KnowledgeBase;
  problems: Problem[];
}

export interface LoadOptions {
  /** Articles whose review date is older than this are reported as overdue. */
  now?: Date;
  /** Report overdue reviews as errors instead of warnings. */
  strict?: boolean;
  /** Grace and soon-due days of the review lifecycle (DecisionConfig); the defaults otherwise. */
  review?: ReviewConfig;
  /**
   * Files replaced, added (text) or removed (null) virtually, by path relative to the content
   * folder with "/" separators (e.g. `articles/foerderung/neu.yaml`): the console validates a
   * draft exactly as content:check would see it once published, without writing anything.
   */
  overrides?: ReadonlyMap<string, string | null>;
}

/** Loads and validates a content directory. Never throws for bad content; see `problems`. */
export function loadKnowledgeBase(contentDir: string, options: LoadOptions = {}): LoadResult {
  const problems: Problem[] = [];
  const display = (abs: string) => path.relative(path.dirname(contentDir), abs) || abs;
  if (!existsSync(contentDir) || !statSync(contentDir).isDirectory()) {
    problems.push(fileProblem(display(contentDir), "missing", `content folder not found: ${contentDir}`));
    return { kb: emptyKb(hashContent(contentDir)), problems };
  }

  const overrides = options.overrides ?? new Map<string, string | null>();
  const overrideOf = (abs: string) => overrides.get(path.relative(contentDir, abs).split(path.sep).join("/"));
  const readSource = (abs: string): string | undefined => {
    const virtual = overrideOf(abs);
    if (typeof virtual === "string") return virtual;
    try {
      return readFileSync(abs).toString("utf8");
    } catch (err) {
      problems.push(fileProblem(display(abs), "unreadable", `cannot read the file: ${(err as Error).message}`));
      return undefined;
    }
  };

  // contacts.yaml
  const contacts = new Map<string, Contact>();
  const contactsPath = path.join(contentDir, "contacts.yaml");
  if (existsSync(contactsPath)) {
    const src = readSource(contactsPath);
    if (src !== undefined) {
      const parsed = parseYamlWithSchema(src, display(contactsPath), ContactsFile);
      problems.push(...parsed.problems);
      parsed.value?.contacts.forEach((c, i) => {
        if (contacts.has(c.id)) {
          problems.push({ severity: "error", file: display(contactsPath), ...parsed.locate(["contacts", i, "id"]),
            path: `contacts[${i}].id`, code: "duplicate-id", message: `the contact id "${c.id}" is used twice` });
        }
        contacts.set(c.id, c);
      });
    }
  } else {
    problems.push(fileProblem(display(contactsPath), "missing", "contacts.yaml is missing"));
  }

  // synonyms.yaml
  let synonyms: Record<Language, string[][]> = { de: [], en: [] };
  const synonymsPath = path.join(contentDir, "synonyms.yaml");
  if (existsSync(synonymsPath)) {
    const src = readSource(synonymsPath);
    if (src !== undefined) {
      const parsed = parseYamlWithSchema(src, display(synonymsPath), SynonymsFile);
      problems.push(...parsed.problems);
      if (parsed.value) synonyms = parsed.value;
    }
  }

  // lexicon.yaml (optional): Ukrainian and Arabic wordings of German search terms
  let lexicon: LexiconEntry[] = [];
  const lexiconPath = path.join(contentDir, "lexicon.yaml");
  if (existsSync(lexiconPath)) {
    const src = readSource(lexiconPath);
    if (src !== undefined) {
      const parsed = parseYamlWithSchema(src, display(lexiconPath), LexiconFile);
      problems.push(...parsed.problems);
      if (parsed.value) lexicon = parsed.value.lexicon;
    }
  }

  // not-covered.yaml (optional): topics near the domain that no article covers
  let notCovered: NotCoveredTopic[] = [];
  let notCoveredAt: { file: string; locate: (p: readonly PathSegment[]) => { line: number; col: number } } | undefined;
  const notCoveredPath = path.join(contentDir, "not-covered.yaml");
  if (existsSync(notCoveredPath) || typeof overrideOf(notCoveredPath) === "string") {
    const src = overrideOf(notCoveredPath) === null ? undefined : readSource(notCoveredPath);
    if (src !== undefined) {
      const parsed = parseYamlWithSchema(src, display(notCoveredPath), NotCoveredFile);
      problems.push(...parsed.problems);
      if (parsed.value) {
        notCovered = parsed.value.topics;
        notCoveredAt = { file: display(notCoveredPath), locate: parsed.locate };
      }
    }
  }

  // articles/<area>/<id>.yaml
  const articles: Article[] = [];
  const locators = new Map<string, { file: string; locate: (p: readonly PathSegment[]) => { line: number; col: number } }>();
  const articlesDir = path.join(contentDir, "articles");
  const areaDirs = withVirtual(existsSync(articlesDir) ? readdirSync(articlesDir, { withFileTypes: true }) : [], virtualEntries(overrides, "articles"), true);
  for (const areaEntry of areaDirs) {
    const areaPath = path.join(articlesDir, areaEntry.name);
    if (!areaEntry.isDirectory()) {
      problems.push(fileProblem(display(areaPath), "misplaced", `articles belong in a folder per area (${AREAS.join(", ")})`));
      continue;
    }
    if (!(AREAS as readonly string[]).includes(areaEntry.name)) {
      problems.push(fileProblem(display(areaPath), "unknown-area", `unknown area folder "${areaEntry.name}"; allowed: ${AREAS.join(", ")}`));
      continue;
    }
    const fileEntries = withVirtual(existsSync(areaPath) ? readdirSync(areaPath, { withFileTypes: true }) : [], virtualEntries(overrides, `articles/${areaEntry.name}`), false);
    for (const fileEntry of fileEntries) {
      const abs = path.join(areaPath, fileEntry.name);
      if (overrideOf(abs) === null) continue;
      const shown = display(abs);
      if (!fileEntry.isFile() || !/\.ya?ml$/.test(fileEntry.name)) {
        problems.push({ ...fileProblem(shown, "not-yaml", "only .yaml article files belong here"), severity: "warning" });
        continue;
      }
      const id = fileEntry.name.replace(/\.ya?ml$/, "");
      if (!KEBAB_ID.test(id)) {
        problems.push(fileProblem(shown, "bad-id", `the file name "${id}" is the article id and must be kebab-case (e.g. eingliederungszuschuss.yaml)`));
        continue;
      }
      const src = readSource(abs);
      if (src === undefined) continue;
      const parsed = parseYamlWithSchema(src, shown, ArticleFile);
      problems.push(...parsed.problems);
      if (!parsed.value) continue;
      const { id: declaredId, ...fields } = parsed.value;
      if (declaredId !== undefined && declaredId !== id) {
        problems.push({ severity: "error", file: shown, ...parsed.locate(["id"]), path: "id", code: "id-mismatch",
          message: `the id "${declaredId}" does not match the file name "${id}"; rename the file or fix the id` });
      }
      articles.push(Article.parse({ ...fields, id, area: areaEntry.name, file: shown }));
      locators.set(id, { file: shown, locate: parsed.locate });
    }
  }
  if (articles.length === 0 && problems.length === 0) {
    problems.push(fileProblem(display(articlesDir), "no-articles", "no articles found"));
  }

  problems.push(...crossCheck(articles, contacts, locators, options));
  if (notCoveredAt) problems.push(...checkNotCovered(notCovered, articles, notCoveredAt));
  const flows = loadFlows(contentDir, { display, articleIds: new Set(articles.map((a) => a.id)), contactIds: new Set(contacts.keys()), ...options });
  problems.push(...flows.problems);
  return { kb: { articles, contacts, synonyms, flows: flows.flows, lexicon, notCovered, contentHash: hashContent(contentDir) }, problems };
}

function crossCheck(
  articles: Article[],
  contacts: Map<string, Contact>,
  locators: Map<string, { file: string; locate: (p: readonly PathSegment[]) => { line: number; col: number } }>,
  options: LoadOptions,
): Problem[] {
  const problems: Problem[] = [];
  const ids = new Map<string, Article>();
  const at = (a: Article, p: PathSegment[]) => locators.get(a.id)?.locate(p) ?? { line: 1, col: 1 };

  for (const a of articles) {
    const first = ids.get(a.id);
    if (first) {
      problems.push({ severity: "error", file: a.file, line: 1, col: 1, path: "", code: "duplicate-id",
        message: `the article id "${a.id}" is already used by ${first.file}; ids must be unique across areas` });
    } else ids.set(a.id, a);
  }

  const questionOwner = new Map<string, Article>();
  const now = options.now ?? new Date();
  for (const a of articles) {
    a.related.forEach((rel, i) => {
      if (rel === a.id) {
        problems.push({ severity: "error", file: a.file, ...at(a, ["related", i]), path: `related[${i}]`, code: "self-related",
          message: "an article cannot be related to itself" });
      } else if (!ids.has(rel)) {
        problems.push({ severity: "error", file: a.file, ...at(a, ["related", i]), path: `related[${i}]`, code: "dangling-related",
          message: `there is no article with the id "${rel}"` });
      }
    });
    a.contacts.forEach((c, i) => {
      if (!contacts.has(c)) {
        problems.push({ severity: "error", file: a.file, ...at(a, ["contacts", i]), path: `contacts[${i}]`, code: "dangling-contact",
          message: `there is no contact with the id "${c}" in contacts.yaml` });
      }
    });
    for (const lang of ["de", "en"] as const) {
      a[lang].questions.forEach((q, i) => {
        const key = `${lang}:${normalizeQuestion(q)}`;
        const owner = questionOwner.get(key);
        if (owner && owner.id !== a.id) {
          problems.push({ severity: "error", file: a.file, ...at(a, [lang, "questions", i]), path: `${lang}.questions[${i}]`,
            code: "duplicate-question", message: `the same example question is in ${owner.file}; each question belongs to one article` });
        } else questionOwner.set(key, a);
      });
    }
    const review = reviewStatus(a, now, options.review);
    if (review.state === "overdue" || review.state === "withheld") {
      const consequence = review.state === "withheld"
        ? `; Lotse withholds it and refers to a navigator (since ${review.withheldFrom})`
        : `; answers carry a "bitte prüfen" note, withheld from ${review.withheldFrom}`;
      problems.push({ severity: options.strict ? "error" : "warning", file: a.file, ...at(a, ["reviewed"]), path: "reviewed",
        code: "review-overdue", message: `review overdue: last checked ${a.reviewed}, due every ${a.review_every_months} months (since ${review.due})${consequence}` });
    }
    // Translations follow the German text: each block records the hash of the German it was made from.
    const hash = germanHash(a);
    for (const lang of staleTranslations(a)) {
      problems.push({ severity: "warning", file: a.file, ...at(a, [lang, "source_hash"]), path: `${lang}.source_hash`, code: "translation-stale",
        message: `the German text changed since this translation was made (source_hash ${a[lang].source_hash}, German now ${hash}); check the ${lang} block against the German, then npm run content:report -- --stamp ${a.id} --lang ${lang}` });
    }
    for (const lang of unstampedTranslations(a)) {
      problems.push({ severity: "warning", file: a.file, ...at(a, [lang]), path: `${lang}.source_hash`, code: "translation-unstamped",
        message: `missing source_hash: it is not recorded which German text this translation follows; after checking it, npm run content:report -- --stamp ${a.id} --lang ${lang}` });
    }
    if (new Date(`${a.reviewed}T00:00:00Z`) > now) {
      problems.push({ severity: "error", file: a.file, ...at(a, ["reviewed"]), path: "reviewed", code: "review-in-future",
        message: `the review date ${a.reviewed} lies in the future` });
    }
  }
  return problems;
}

/**
 * not-covered.yaml lists only topics no article covers: a term an article uses would reject
 * questions about that article's topic (when another article ranks first), so it is reported.
 */
function checkNotCovered(
  topics: NotCoveredTopic[],
  articles: Article[],
  at: { file: string; locate: (p: readonly PathSegment[]) => { line: number; col: number } },
): Problem[] {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  topics.forEach((t, i) => {
    if (seen.has(t.id)) {
      problems.push({ severity: "error", file: at.file, ...at.locate(["topics", i, "id"]), path: `topics[${i}].id`, code: "duplicate-id",
        message: `the topic id "${t.id}" is used twice` });
    }
    seen.add(t.id);
  });
  const terms = compileTerms(topics);
  const using = articlesUsing(terms, articles);
  terms.forEach((term, k) => {
    const ids = [...using[k]!];
    if (ids.length === 0) return;
    const i = topics.findIndex((t) => t.id === term.topic);
    const j = topics[i]?.[term.language]?.indexOf(term.term) ?? -1;
    const where: PathSegment[] = j >= 0 ? ["topics", i, term.language, j] : ["topics", i];
    const shown = ids.slice(0, 3).join(", ") + (ids.length > 3 ? ` and ${ids.length - 3} more` : "");
    problems.push({ severity: "warning", file: at.file, ...at.locate(where), path: where.map((s, n) => (typeof s === "number" ? `[${s}]` : n === 0 ? s : `.${s}`)).join(""),
      code: "not-covered-used", message: `"${term.term}" is used by the article(s) ${shown}: the topic is at least partly covered; remove the term here (or use a narrower one)` });
  });
  return problems;
}

/**
 * sha256 over the path and bytes of every file under the content folder, in a fixed order: it
 * changes whenever anything a navigator can edit changes, and costs no YAML parsing.
 */
export function hashContent(contentDir: string): string {
  const hash = createHash("sha256");
  const walk = (dir: string): void => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true }).sort(byName);
    } catch {
      return;
    }
    for (const e of entries) {
      const abs = path.join(dir, e.name);
      if (e.isDirectory()) walk(abs);
      else if (e.isFile()) {
        try {
          hash.update(path.relative(contentDir, abs)).update("\0").update(readFileSync(abs)).update("\0");
        } catch {
          hash.update(path.relative(contentDir, abs)).update("\0unreadable\0");
        }
      }
    }
  };
  walk(contentDir);
  return hash.digest("hex");
}

export function normalizeQuestion(q: string): string {
  return q.toLowerCase().normalize("NFC").replace(/[^\p{L}\p{N}]+/gu, " ").trim();
}

function fileProblem(file: string, code: string, message: string): Problem {
  return { severity: "error", file, line: 1, col: 1, path: "", code, message };
}

interface DirEntry {
  name: string;
  isDirectory(): boolean;
  isFile(): boolean;
}

/** Names directly below `dir` (relative, "/"-separated) that overrides add: files, or the folders holding them. */
function virtualEntries(overrides: ReadonlyMap<string, string | null>, dir: string): Map<string, boolean> {
  const found = new Map<string, boolean>();
  for (const [rel, text] of overrides) {
    if (text === null || !rel.startsWith(`${dir}/`)) continue;
    const [head, ...rest] = rel.slice(dir.length + 1).split("/");
    if (head) found.set(head, rest.length > 0 || found.get(head) === true);
  }
  return found;
}

/** Directory entries plus the virtual ones (a folder or file only an override brings), sorted by name. */
function withVirtual(real: DirEntry[], virtual: Map<string, boolean>, dirs: boolean): DirEntry[] {
  const names = new Set(real.map((e) => e.name));
  const added = [...virtual].filter(([name, isDir]) => !names.has(name) && isDir === dirs)
    .map(([name, isDir]): DirEntry => ({ name, isDirectory: () => isDir, isFile: () => !isDir }));
  return [...real, ...added].sort(byName);
}

function byName(a: { name: string }, b: { name: string }): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

function emptyKb(contentHash: string): KnowledgeBase {
  return { articles: [], contacts: new Map(), synonyms: { de: [], en: [] }, notCovered: [], contentHash };
}
