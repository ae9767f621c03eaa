/** Structured logging (pino via Fastify) that never writes contact details or message texts. */
import type { FastifyServerOptions } from "fastify";

interface LoggedRequest {
  method: string;
  url: string;
  id?: string;
  socket?: { remoteAddress?: string };
}

export function loggerOptions(level: string): FastifyServerOptions["logger"] {
  if (level === "silent") return false;
  return {
    level,
    redact: {
      paths: ["req.headers.authorization", "req.body", "body", "text", "question", "contact", "email", "phone", "note", "name"],
      censor: "[redacted]",
    },
    serializers: {
      // Query strings can carry what a navigator searched for (a name, an e-mail address):
      // requests are logged by path only.
      req: (req: LoggedRequest) => ({ id: req.id, method: req.method, path: req.url.split("?")[0] }),
    },
  };
}
