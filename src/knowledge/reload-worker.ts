/**
 * The worker thread behind LiveKnowledge (live.ts): hashes CONTENT_DIR and, when it changed,
 * validates it, builds the search indexes and posts them serialised. Parsing YAML and building
 * Lunr indexes takes long enough to stall every question asked meanwhile; here it runs beside
 * the server's thread, which only deserialises the result and swaps.
 */
import { parentPort } from "node:worker_threads";
import { z } from "zod";
import { writeIndexFile } from "./index-store.js";
import { hashContent, loadKnowledgeBase } from "./loader.js";
import { hasErrors, type Problem } from "./problems.js";
import { buildIndexes, serializeIndexes } from "./search-index.js";

export const ReloadRequest = z.strictObject({
  id: z.number().int().nonnegative(),
  contentDir: z.string().min(1),
  /** Where the serialised index is cached for the next start; no caching when absent. */
  dataDir: z.string().min(1).optional(),
  /** The hash of the content being served: content back at that state needs no rebuild. */
  servedHash: z.string(),
  /** The hash of the content examined last (served or refused): it is not examined again. */
  seenHash: z.string(),
});
export type ReloadRequest = z.infer<typeof ReloadRequest>;

/** What the worker found: content seen before, back at the served state, changing while read, refused, built; or a crash. */
export type ReloadOutcome =
  | { kind: "seen" | "served" | "moving"; contentHash: string }
  | { kind: "refused"; contentHash: string; problems: Problem[] }
  /** `index` is the SerializedIndexes as JSON: a string crosses threads cheaper than a structured clone of the object tree. */
  | { kind: "built"; contentHash: string; problems: Problem[]; index: string; cacheError?: string }
  | { kind: "failed"; message: string };
export type ReloadReply = ReloadOutcome & { id: number };

export function handle(request: ReloadRequest): ReloadOutcome {
  const before = hashContent(request.contentDir);
  if (before === request.seenHash) return { kind: "seen", contentHash: before };
  if (before === request.servedHash) return { kind: "served", contentHash: before };
  const { kb, problems } = loadKnowledgeBase(request.contentDir);
  // loadKnowledgeBase hashes again after reading: a difference means files changed while they
  // were read (a git pull under way), and what was read may be half old, half new.
  if (kb.contentHash !== before) return { kind: "moving", contentHash: kb.contentHash };
  if (hasErrors(problems)) return { kind: "refused", contentHash: before, problems };
  const data = serializeIndexes(buildIndexes(kb), kb);
  let cacheError: string | undefined;
  if (request.dataDir) {
    try {
      writeIndexFile(request.dataDir, data);
    } catch (err) {
      // The next start rebuilds the index: slower, never wrong. Not a reason to refuse the content.
      cacheError = (err as Error).message;
    }
  }
  return { kind: "built", contentHash: before, problems, index: JSON.stringify(data), ...(cacheError ? { cacheError } : {}) };
}

parentPort?.on("message", (message: unknown) => {
  const parsed = ReloadRequest.safeParse(message);
  const id = parsed.success ? parsed.data.id : -1;
  let reply: ReloadReply;
  try {
    reply = parsed.success ? { id, ...handle(parsed.data) } : { id, kind: "failed", message: `invalid reload request: ${parsed.error.message}` };
  } catch (err) {
    reply = { id, kind: "failed", message: err instanceof Error ? err.message : String(err) };
  }
  parentPort!.postMessage(reply);
});
