/**
 * The one logger type Lotse's modules take: the three pino methods they call, so Fastify's
 * `app.log` fits as it is and a test passes a small recorder. Structural on purpose: the domain
 * folders (src/knowledge, src/handoff, bot/) stay free of pino and Fastify imports.
 * Callers never give it contact details or message texts (see src/server/logger.ts).
 */
export interface Logger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}
