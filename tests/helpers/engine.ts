/** The real knowledge engine over the bundled content, built once per test file. */
import path from "node:path";
import { defaultDecisionConfig } from "../../src/config.js";
import type { KnowledgeEngine } from "../../src/knowledge/engine.js";
import { openKnowledgeEngine } from "../../src/knowledge/index-store.js";

export const CONTENT_DIR = path.resolve(import.meta.dirname, "../../content");

let engine: KnowledgeEngine | undefined;
export function bundledEngine(): KnowledgeEngine {
  engine ??= openKnowledgeEngine({ contentDir: CONTENT_DIR, decision: defaultDecisionConfig() }).engine;
  return engine;
}
