/**
 * Opens the knowledge engine: loads the content, then the serialised search index when its
 * content hash matches (fast start), otherwise rebuilds it and saves it for the next start.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { DecisionConfig } from "../config.js";
import { KnowledgeEngine } from "./engine.js";
import { hashContent, loadKnowledgeBase, type KnowledgeBase } from "./loader.js";
import { formatProblem, hasErrors, type Problem } from "./problems.js";
import {
  ASKED_HASH,
  buildIndexes,
  INDEX_FORMAT_VERSION,
  loadIndexes,
  serializeIndexes,
  type SearchIndexes,
  type SerializedIndexes,
} from "./search-index.js";

export const INDEX_FILE = "search-index.json";

export interface OpenOptions {
  contentDir: string;
  /** Where the serialised index is cached; no caching when undefined. */
  dataDir?: string;
  decision: DecisionConfig;
}

export interface Opened {
  engine: KnowledgeEngine;
  problems: Problem[];
  indexSource: "cache" | "built";
}

export class KnowledgeBaseError extends Error {
  constructor(readonly problems: Problem[]) {
    const errors = problems.filter((p) => p.severity === "error");
    super(`the knowledge base has ${errors.length} error(s); run npm run content:check\n${errors.slice(0, 10).map(formatProblem).join("\n")}`);
    this.name = "KnowledgeBaseError";
  }
}

export function openKnowledgeEngine(opts: OpenOptions): Opened {
  // A fresh serialised index carries the validated content too: no YAML parsing at start.
  const cached = opts.dataDir ? readCachedIndex(opts.dataDir, hashContent(opts.contentDir)) : undefined;
  if (cached) return { engine: new KnowledgeEngine(cached.kb, cached.indexes, opts.decision).prepare(), problems: [], indexSource: "cache" };
  const { kb, problems } = loadKnowledgeBase(opts.contentDir);
  if (hasErrors(problems)) throw new KnowledgeBaseError(problems);
  const indexes = buildIndexes(kb);
  if (opts.dataDir) writeIndexFile(opts.dataDir, serializeIndexes(indexes, kb));
  return { engine: new KnowledgeEngine(kb, indexes, opts.decision).prepare(), problems, indexSource: "built" };
}

function readCachedIndex(dataDir: string, contentHash: string) {
  try {
    const data = JSON.parse(readFileSync(path.join(dataDir, INDEX_FILE), "utf8")) as SerializedIndexes;
    if (data.version !== INDEX_FORMAT_VERSION || data.contentHash !== contentHash || data.askedHash !== ASKED_HASH) return undefined;
    return knowledgeFromSerialized(data);
  } catch {
    // Missing, unreadable or foreign cache: rebuilding is always correct, only slower.
    return undefined;
  }
}

/** The knowledge base and its indexes back from their serialised form (cache file, reload worker). */
export function knowledgeFromSerialized(data: SerializedIndexes): { kb: KnowledgeBase; indexes: SearchIndexes } {
  const kb: KnowledgeBase = {
    articles: data.kb.articles,
    contacts: new Map(data.kb.contacts.map((c) => [c.id, c])),
    synonyms: data.kb.synonyms,
    flows: data.kb.flows ?? [],
    lexicon: data.kb.lexicon ?? [],
    notCovered: data.kb.notCovered ?? [],
    contentHash: data.contentHash,
  };
  return { kb, indexes: loadIndexes(data) };
}

/** Writes atomically (temp file + rename) so a crash never leaves a half-written index. */
export function writeIndexFile(dataDir: string, data: SerializedIndexes): string {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, INDEX_FILE);
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(data));
  renameSync(tmp, file);
  return file;
}
