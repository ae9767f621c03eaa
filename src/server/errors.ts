/** One JSON error shape for every route, and a handler that never leaks a stack trace. */
import type { FastifyError, FastifyInstance } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { z } from "zod";
import { AppError } from "../util/app-error.js";

export const ErrorBody = z.object({
  error: z.string(),
  message: z.string(),
  details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  /** What a client needs to word the error itself (e.g. a ticket error's `number`, `takenBy`). */
  params: z.record(z.string(), z.unknown()).optional(),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

/**
 * Every route's errors: an AppError (src/util/app-error.ts) answers with its own status, headers and
 * `{ error: code, message, params? }`, so routes and hooks just throw it; a schema refusal is a 400
 * with `details`; anything else unexpected is a logged 500 that tells the caller nothing.
 */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | AppError, req, reply) => {
    if (err instanceof AppError) {
      if (err.headers) reply.headers(err.headers);
      return reply.code(err.status).send(err.toBody());
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const details = err.validation.map((v) => ({
        path: (v.instancePath || "/").replace(/^\//, "").replace(/\//g, ".") || "(body)",
        message: v.message ?? "invalid",
      }));
      return reply.code(400).send({ error: "bad_request", message: "the request is not valid", details });
    }
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 600 ? err.statusCode : 500;
    if (status >= 500) {
      req.log.error({ err }, "request failed");
      return reply.code(status).send({ error: "internal", message: "something went wrong on our side" });
    }
    return reply.code(status).send({ error: err.code?.toLowerCase().replace(/^fst_err_/, "") ?? "bad_request", message: err.message });
  });
  app.setNotFoundHandler((req, reply) => {
    reply.code(404).send({ error: "not_found", message: `no route for ${req.method} ${req.url.split("?")[0]}` });
  });
}
