/**
 * Where drafts are validated: in a worker thread on the server (the navigators validate while they
 * type; the bot keeps answering meanwhile), in this thread for tests and scripts.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { DraftArticle } from "./schemas.js";
import { validateDraft, type Validation, type ValidateOptions } from "./validate.js";
import type { ValidateReply } from "./validate-worker.js";

export interface Validator {
  validate(draft: DraftArticle, options: ValidateOptions): Promise<Validation>;
  close(): Promise<void>;
}

export const inThreadValidator: Validator = {
  validate: async (draft, options) => validateDraft(draft, options),
  close: async () => undefined,
};

// validate-worker.ts in the source tree (tsx, vitest), validate-worker.js in dist/.
const WORKER_URL = new URL(`./validate-worker${path.extname(fileURLToPath(import.meta.url))}`, import.meta.url);

export class WorkerValidator implements Validator {
  private worker?: Worker;
  private nextId = 0;
  private readonly pending = new Map<number, { resolve: (v: Validation) => void; reject: (err: Error) => void }>();

  validate(draft: DraftArticle, options: ValidateOptions): Promise<Validation> {
    const worker = (this.worker ??= this.spawn());
    const id = this.nextId++;
    return new Promise<Validation>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.ref();
      worker.postMessage({ id, draft, options });
    });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (worker) await worker.terminate();
    this.failAll(new Error("the validation worker was stopped"));
  }

  private spawn(): Worker {
    const worker = startWorker(WORKER_URL);
    // An idle worker never keeps the process alive.
    worker.unref();
    worker.on("message", (reply: ValidateReply) => {
      const waiting = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if (this.pending.size === 0) worker.unref();
      if (!waiting) return;
      if ("error" in reply) waiting.reject(new Error(`validating the draft failed: ${reply.error}`));
      else waiting.resolve(reply.validation);
    });
    // A crashed worker fails what waits on it; the next validation starts a new one.
    const gone = (err: Error) => {
      if (this.worker === worker) this.worker = undefined;
      this.failAll(err);
    };
    worker.on("error", gone);
    worker.on("exit", (code) => gone(new Error(`the validation worker exited with code ${code}`)));
    return worker;
  }

  private failAll(err: Error): void {
    for (const waiting of this.pending.values()) waiting.reject(err);
    this.pending.clear();
  }
}

/** As in src/knowledge/live.ts: Node 20 gives a worker's .ts entry no loader, so the source tree loads it through tsx. */
function startWorker(url: URL): Worker {
  if (!url.pathname.endsWith(".ts")) return new Worker(url);
  const tsx = import.meta.resolve("tsx/esm/api");
  const href = JSON.stringify(url.href);
  return new Worker(`import(${JSON.stringify(tsx)}).then((tsx) => tsx.tsImport(${href}, ${href}))`, { eval: true });
}
