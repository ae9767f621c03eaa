/**
 * The worker thread behind WorkerValidator (validator.ts): validating a draft loads and checks the
 * whole knowledge base (tens of milliseconds of YAML parsing), which must not stall the questions
 * people ask meanwhile. The content's own problems are cached here per content version.
 */
import { parentPort } from "node:worker_threads";
import type { DraftArticle } from "./schemas.js";
import { validateDraft, type Validation, type ValidateOptions } from "./validate.js";

export interface ValidateRequest {
  id: number;
  draft: DraftArticle;
  options: ValidateOptions;
}

export type ValidateReply = { id: number; validation: Validation } | { id: number; error: string };

parentPort?.on("message", (request: ValidateRequest) => {
  let reply: ValidateReply;
  try {
    reply = { id: request.id, validation: validateDraft(request.draft, request.options) };
  } catch (err) {
    reply = { id: request.id, error: err instanceof Error ? err.message : String(err) };
  }
  parentPort!.postMessage(reply);
});
