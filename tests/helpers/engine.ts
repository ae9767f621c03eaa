/**
 * The real knowledge engine over the bundled content, and over copies of it. Building the Lunr
 * indexes costs seconds of CPU; so, as the server does (index-store.ts), the first test file of
 * a run builds them and saves the serialised index into the run's temp root (tests/setup/global.ts),
 * and every later engine over unchanged content loads that instead — a tenth of the time. The
 * saved index is checked against the content hash, so a changed copy is built anew (and its
 * index not saved over the shared one).
 */
import { copyFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { defaultDecisionConfig } from "../../src/config.js";
import type { KnowledgeEngine } from "../../src/knowledge/engine.js";
import { INDEX_FILE, openKnowledgeEngine } from "../../src/knowledge/index-store.js";
import { hashContent } from "../../src/knowledge/loader.js";

export const CONTENT_DIR = path.resolve(import.meta.dirname, "../../content");

/** The run's saved index of the bundled content (tmpdir() is the run's temp root in a test worker). */
const sharedIndexDir = () => path.join(tmpdir(), "lotse-shared-index");

let bundledHash: string | undefined;

/** A new engine over `contentDir` (the bundled content or a copy of it), from the run's saved index while the content is unchanged. */
export function openEngine(contentDir: string = CONTENT_DIR): KnowledgeEngine {
  bundledHash ??= hashContent(CONTENT_DIR);
  const unchanged = hashContent(contentDir) === bundledHash;
  return openKnowledgeEngine({ contentDir, decision: defaultDecisionConfig(), ...(unchanged ? { dataDir: sharedIndexDir() } : {}) }).engine;
}

/**
 * Puts the run's saved index of the bundled content into a server's DATA_DIR, as a previous start
 * would have left it: a server over (a copy of) the bundled content then starts from the cache.
 */
export function seedIndexCache(dataDir: string): void {
  openEngine();
  mkdirSync(dataDir, { recursive: true });
  copyFileSync(path.join(sharedIndexDir(), INDEX_FILE), path.join(dataDir, INDEX_FILE));
}

let engine: KnowledgeEngine | undefined;
/** One engine over the bundled content per test file. */
export function bundledEngine(): KnowledgeEngine {
  engine ??= openEngine();
  return engine;
}
