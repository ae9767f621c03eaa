/**
 * The knowledge base as a running server serves it: one engine at a time, swapped atomically
 * when CONTENT_DIR changes (a deploy, a git pull, a publish from the console). A worker thread
 * validates the new content and builds its index (reload-worker.ts); this thread only turns the
 * serialised index into an engine and swaps, so questions keep being answered meanwhile.
 * Broken content is refused with its problems, and the last good engine keeps serving.
 */
import { watch as watchFiles, type FSWatcher } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { z } from "zod";
import type { Logger } from "../util/logger.js";
import type { AskResult } from "./contract.js";
import { KnowledgeEngine, type AskOptions, type Explained } from "./engine.js";
import type { Problem } from "./problems.js";
import type { Article, Language } from "./schema.js";
import { knowledgeFromSerialized } from "./index-store.js";
import type { KnowledgeBase } from "./loader.js";
import type { SerializedIndexes } from "./search-index.js";
import type { ReloadOutcome, ReloadReply, ReloadRequest } from "./reload-worker.js";

/** A content problem as the console receives it (see problems.ts). */
export const ContentProblem = z.object({
  severity: z.enum(["error", "warning"]),
  file: z.string(),
  line: z.number().int(),
  col: z.number().int(),
  path: z.string(),
  code: z.string(),
  message: z.string(),
}) satisfies z.ZodType<Problem>;

export const ReloadResult = z.object({
  /** False when the content was refused (or could not be read): the previous engine still serves. */
  ok: z.boolean(),
  /** True when a new engine was swapped in. */
  changed: z.boolean(),
  /** The hash of the content examined (for a refusal: of the refused content). */
  contentHash: z.string(),
  /** Errors of refused content; warnings of accepted content. */
  problems: z.array(ContentProblem),
  ms: z.number(),
});
export type ReloadResult = z.infer<typeof ReloadResult>;

export const KnowledgeStatus = z.object({
  /** The content hash of the knowledge base being served. */
  contentHash: z.string(),
  /** When it was swapped in (or opened at start), ISO 8601. */
  loadedAt: z.string(),
  articles: z.number().int(),
  /** Swaps since the start. */
  reloads: z.number().int(),
  /** The last reload that swapped, refused or failed; checks that found nothing new are not kept. */
  lastReload: z
    .object({ at: z.string(), ok: z.boolean(), reason: z.string(), problems: z.array(ContentProblem) })
    .nullable(),
});
export type KnowledgeStatus = z.infer<typeof KnowledgeStatus>;

export interface LiveKnowledgeOptions {
  /** The engine to serve until the first reload (its decision thresholds are kept for later ones). */
  engine: KnowledgeEngine;
  contentDir: string;
  /** Where the serialised index is cached; rewritten after every good reload so the next start is fast. */
  dataDir?: string;
  logger?: Logger;
}

export interface WatchOptions {
  /** Quiet time after the last file event before reloading: a git pull touches many files. */
  debounceMs?: number;
  /** Re-hash the content this often as a safety net for missed file events (0 = off). */
  pollSeconds: number;
}

type SwapListener = (next: KnowledgeEngine, previous: KnowledgeEngine) => void;
type ReloadListener = (result: ReloadResult, reason: string) => void;

/** Attempts when the files keep changing while they are read, and the pause between them. */
const MOVING_ATTEMPTS = 5;
const MOVING_PAUSE_MS = 250;

export class LiveKnowledge {
  private engine: KnowledgeEngine;
  private loadedAt = new Date();
  private reloads = 0;
  private lastReload: KnowledgeStatus["lastReload"] = null;
  /** The content examined last, so an unchanged (even refused) state is not examined again. */
  private seen: { hash: string; ok: boolean; problems: Problem[] };
  private servedProblems: Problem[] = [];
  private running?: Promise<ReloadResult>;
  private queued?: Promise<ReloadResult>;
  private readonly queuedReasons = new Set<string>();
  private readonly worker = new ReloadWorker();
  private readonly swapListeners = new Set<SwapListener>();
  private readonly reloadListeners = new Set<ReloadListener>();
  private watcher?: FSWatcher;
  private debounce?: NodeJS.Timeout;
  private poll?: NodeJS.Timeout;
  private closed = false;

  constructor(private readonly opts: LiveKnowledgeOptions) {
    this.engine = opts.engine;
    this.seen = { hash: opts.engine.kb.contentHash, ok: true, problems: [] };
  }

  /** The engine serving now. Read it once per turn: a later read may return a newer one. */
  get current(): KnowledgeEngine {
    return this.engine;
  }

  // The engine's read API, each call on the engine serving at that moment.
  ask(question: string, opts?: AskOptions): AskResult {
    return this.engine.ask(question, opts);
  }
  explain(question: string, opts?: AskOptions): Explained {
    return this.engine.explain(question, opts);
  }
  render(id: string, language: Language): ReturnType<KnowledgeEngine["render"]> {
    return this.engine.render(id, language);
  }
  article(id: string): Article | undefined {
    return this.engine.article(id);
  }
  get articles(): readonly Article[] {
    return this.engine.articles;
  }
  get flows(): KnowledgeEngine["flows"] {
    return this.engine.flows;
  }
  get kb(): KnowledgeBase {
    return this.engine.kb;
  }

  status(): KnowledgeStatus {
    return {
      contentHash: this.engine.kb.contentHash,
      loadedAt: this.loadedAt.toISOString(),
      articles: this.engine.articles.length,
      reloads: this.reloads,
      lastReload: this.lastReload,
    };
  }

  /** Called after each swap with the new and the previous engine. Returns the unsubscribe function. */
  onSwap(listener: SwapListener): () => void {
    this.swapListeners.add(listener);
    return () => this.swapListeners.delete(listener);
  }

  /** Called after each reload that swapped, refused or failed (not after checks that found nothing new). */
  onReload(listener: ReloadListener): () => void {
    this.reloadListeners.add(listener);
    return () => this.reloadListeners.delete(listener);
  }

  /**
   * Loads CONTENT_DIR in the worker and swaps when it changed and is valid. Never rejects.
   * Calls while a reload runs share one more reload after it: the running one may have read the
   * files before the change its callers want to see.
   */
  reload(reason = "manual"): Promise<ReloadResult> {
    if (this.closed) {
      return Promise.resolve({ ok: false, changed: false, contentHash: this.engine.kb.contentHash, problems: [closedProblem(this.opts.contentDir)], ms: 0 });
    }
    if (!this.running) return this.start(reason);
    this.queuedReasons.add(reason);
    this.queued ??= this.running.then(() => {
      const reasons = [...this.queuedReasons].join(", ");
      this.queuedReasons.clear();
      this.queued = undefined;
      return this.start(reasons);
    });
    return this.queued;
  }

  /**
   * Reloads on file events in CONTENT_DIR (debounced) and, as a safety net for events a file
   * system does not deliver (network mounts, some containers), every `pollSeconds`.
   */
  watch({ debounceMs = 250, pollSeconds }: WatchOptions): void {
    if (this.closed || this.watcher || this.poll) return;
    try {
      // persistent: false — watching alone never keeps the process alive.
      this.watcher = watchFiles(this.opts.contentDir, { recursive: true, persistent: false }, (_event, file) => {
        // A git checkout's own bookkeeping is not content.
        if (file && /^\.git(?:[\\/]|$)/.test(file.toString())) return;
        clearTimeout(this.debounce);
        this.debounce = setTimeout(() => void this.reload("watch"), debounceMs).unref();
      });
      this.watcher.on("error", (err) => {
        this.opts.logger?.warn({ err, contentDir: this.opts.contentDir, code: "knowledge.watch_failed" }, "watching the content folder failed; polling only");
        this.watcher?.close();
        this.watcher = undefined;
      });
    } catch (err) {
      this.opts.logger?.warn({ err, contentDir: this.opts.contentDir, code: "knowledge.watch_failed" }, "cannot watch the content folder; polling only");
    }
    if (pollSeconds > 0) this.poll = setInterval(() => void this.reload("poll"), pollSeconds * 1000).unref();
  }

  /** Stops watching and the worker; a reload under way ends without swapping. */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.debounce);
    clearInterval(this.poll);
    this.watcher?.close();
    this.watcher = undefined;
    await this.worker.close();
    await this.running;
    await this.queued;
  }

  private start(reason: string): Promise<ReloadResult> {
    const run = this.run(reason).finally(() => {
      if (this.running === run) this.running = undefined;
    });
    this.running = run;
    return run;
  }

  private async run(reason: string): Promise<ReloadResult> {
    const started = performance.now();
    const done = (r: Omit<ReloadResult, "ms">): ReloadResult => ({ ...r, ms: Math.round(performance.now() - started) });
    // A reload queued before close() must not start a new worker after it.
    if (this.closed) return done({ ok: false, changed: false, contentHash: this.engine.kb.contentHash, problems: [closedProblem(this.opts.contentDir)] });
    let outcome: ReloadOutcome;
    try {
      outcome = await this.examine();
    } catch (err) {
      outcome = { kind: "failed", message: err instanceof Error ? err.message : String(err) };
    }
    if (this.closed) return done({ ok: false, changed: false, contentHash: this.engine.kb.contentHash, problems: [closedProblem(this.opts.contentDir)] });

    switch (outcome.kind) {
      case "seen":
        return done({ ok: this.seen.ok, changed: false, contentHash: outcome.contentHash, problems: this.seen.problems });
      case "served": {
        // The content is back at what is served (a broken change reverted): nothing to build.
        this.seen = { hash: outcome.contentHash, ok: true, problems: this.servedProblems };
        return this.record(reason, done({ ok: true, changed: false, contentHash: outcome.contentHash, problems: this.servedProblems }));
      }
      case "refused": {
        const errors = outcome.problems.filter((p) => p.severity === "error");
        this.seen = { hash: outcome.contentHash, ok: false, problems: errors };
        return this.record(reason, done({ ok: false, changed: false, contentHash: outcome.contentHash, problems: errors }));
      }
      case "built": {
        let next: KnowledgeEngine;
        try {
          next = engineFrom(JSON.parse(outcome.index) as SerializedIndexes, this.engine).prepare();
        } catch (err) {
          return this.record(reason, done({ ok: false, changed: false, contentHash: outcome.contentHash, problems: [failedProblem(this.opts.contentDir, err)] }));
        }
        if (outcome.cacheError) {
          this.opts.logger?.warn({ dataDir: this.opts.dataDir, reason: outcome.cacheError, code: "knowledge.cache_failed" }, "could not cache the search index; the next start rebuilds it");
        }
        const previous = this.engine;
        this.engine = next;
        this.loadedAt = new Date();
        this.reloads += 1;
        this.seen = { hash: outcome.contentHash, ok: true, problems: outcome.problems };
        this.servedProblems = outcome.problems;
        for (const listener of this.swapListeners) this.notify(() => listener(next, previous));
        return this.record(reason, done({ ok: true, changed: true, contentHash: outcome.contentHash, problems: outcome.problems }));
      }
      case "moving":
        // Not a verdict on the content: the next file event or poll tries again.
        return this.record(reason, done({ ok: false, changed: false, contentHash: outcome.contentHash, problems: [movingProblem(this.opts.contentDir)] }));
      case "failed":
        return this.record(reason, done({ ok: false, changed: false, contentHash: this.seen.hash, problems: [failedProblem(this.opts.contentDir, outcome.message)] }));
    }
  }

  /** Asks the worker, waiting out files that change while they are read (a git pull under way). */
  private async examine(): Promise<ReloadOutcome> {
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.worker.run({
        contentDir: this.opts.contentDir,
        ...(this.opts.dataDir ? { dataDir: this.opts.dataDir } : {}),
        servedHash: this.engine.kb.contentHash,
        seenHash: this.seen.hash,
      });
      if (outcome.kind !== "moving" || attempt >= MOVING_ATTEMPTS || this.closed) return outcome;
      await new Promise((resolve) => setTimeout(resolve, MOVING_PAUSE_MS));
    }
  }

  private record(reason: string, result: ReloadResult): ReloadResult {
    this.lastReload = { at: new Date().toISOString(), ok: result.ok, reason, problems: result.problems };
    for (const listener of this.reloadListeners) this.notify(() => listener(result, reason));
    return result;
  }

  private notify(call: () => void): void {
    try {
      call();
    } catch (err) {
      // A listener's bug must not undo a swap or hide a refusal.
      this.opts.logger?.warn({ err, code: "knowledge.listener_failed" }, "a knowledge reload listener failed");
    }
  }
}

/** The engine from a serialised index, which carries the validated knowledge base too. */
/** The next engine keeps the serving one's decision settings and clock (tests inject one). */
function engineFrom(data: SerializedIndexes, serving: KnowledgeEngine): KnowledgeEngine {
  const { kb, indexes } = knowledgeFromSerialized(data);
  return new KnowledgeEngine(kb, indexes, serving.decision, serving.options);
}

function folderProblem(contentDir: string, code: string, message: string): Problem {
  return { severity: "error", file: path.basename(contentDir), line: 1, col: 1, path: "", code, message };
}

function failedProblem(contentDir: string, err: unknown): Problem {
  const message = err instanceof Error ? err.message : String(err);
  return folderProblem(contentDir, "reload-failed", `the knowledge base could not be reloaded: ${message}`);
}

function movingProblem(contentDir: string): Problem {
  return folderProblem(contentDir, "content-changing", "the content kept changing while it was read; the next change or poll tries again");
}

function closedProblem(contentDir: string): Problem {
  return folderProblem(contentDir, "closed", "the server is shutting down; no more reloads");
}

/**
 * One long-lived worker thread, started on the first reload: a thread start (with the TypeScript
 * loader in development) costs more than the polls' hashing it then serves.
 */
class ReloadWorker {
  private worker?: Worker;
  private nextId = 0;
  private readonly pending = new Map<number, { resolve: (o: ReloadOutcome) => void; reject: (err: Error) => void }>();

  run(request: Omit<ReloadRequest, "id">): Promise<ReloadOutcome> {
    const worker = (this.worker ??= this.spawn());
    const id = this.nextId++;
    return new Promise<ReloadOutcome>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      // Only a waiting reload keeps the process alive, never the idle worker.
      worker.ref();
      worker.postMessage({ id, ...request } satisfies ReloadRequest);
    });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (worker) await worker.terminate();
    this.failAll(new Error("the reload worker was stopped"));
  }

  private spawn(): Worker {
    const worker = startWorker(WORKER_URL);
    worker.unref();
    worker.on("message", (reply: ReloadReply) => {
      const waiting = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if (this.pending.size === 0) worker.unref();
      if (!waiting) return;
      const { id: _id, ...outcome } = reply;
      waiting.resolve(outcome as ReloadOutcome);
    });
    // A crashed worker (out of memory, a bug) fails the waiting reload; the next one starts a new worker.
    const gone = (err: Error) => {
      if (this.worker === worker) this.worker = undefined;
      this.failAll(err);
    };
    worker.on("error", gone);
    worker.on("exit", (code) => gone(new Error(`the reload worker exited with code ${code}`)));
    return worker;
  }

  private failAll(err: Error): void {
    for (const waiting of this.pending.values()) waiting.reject(err);
    this.pending.clear();
  }
}

// The worker module lies next to this one: reload-worker.ts in the source tree (tsx, vitest),
// reload-worker.js in dist/ (scripts/build.mjs compiles file by file).
const WORKER_URL = new URL(`./reload-worker${path.extname(fileURLToPath(import.meta.url))}`, import.meta.url);

function startWorker(url: URL): Worker {
  if (!url.pathname.endsWith(".ts")) return new Worker(url);
  // Node 20 applies no TypeScript loader to a worker's entry module (neither tsx's --import nor
  // vitest's transform reach it): in the source tree the worker loads it through tsx's API.
  const tsx = import.meta.resolve("tsx/esm/api");
  const href = JSON.stringify(url.href);
  return new Worker(`import(${JSON.stringify(tsx)}).then((tsx) => tsx.tsImport(${href}, ${href}))`, { eval: true });
}
