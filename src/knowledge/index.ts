/**
 * The knowledge library's public API: what the CLI, the server, the bot and the benchmarks may
 * import. Everything else under src/knowledge/ is an implementation detail.
 */
export { KnowledgeEngine, type AskOptions, type Explained } from "./engine.js";
export * from "./contract.js";
export * from "./schema.js";
export { loadKnowledgeBase, hashContent, type KnowledgeBase, type LoadOptions, type LoadResult } from "./loader.js";
export { openKnowledgeEngine, writeIndexFile, KnowledgeBaseError, INDEX_FILE, type OpenOptions, type Opened } from "./index-store.js";
export { LiveKnowledge, ReloadResult, KnowledgeStatus, ContentProblem, type LiveKnowledgeOptions, type WatchOptions } from "./live.js";
export { buildIndexes, serializeIndexes, loadIndexes, INDEX_FORMAT_VERSION, type SearchIndexes, type SerializedIndexes } from "./search-index.js";
export { detectLanguage, type LanguageGuess } from "./language.js";
export { isHandoffRequest } from "./intent.js";
export { formatProblem, hasErrors, type Problem, type Severity } from "./problems.js";
export * from "./flows/index.js";
