/** Structured logging (pino via Fastify) that never writes contact details or message texts. */
import type { FastifyServerOptions } from "fastify";

export function loggerOptions(level: string): FastifyServerOptions["logger"] {
  if (level === "silent") return false;
  return {
    level,
    redact: {
      paths: ["req.headers.authorization", "req.body", "body", "text", "question", "contact", "email", "phone"],
      censor: "[redacted]",
    },
  };
}
