/** Entry point: reads the configuration once, builds the app and listens. */
import { ConfigError, loadConfig } from "../config.js";
import { KnowledgeBaseError } from "../knowledge/index.js";
import { buildApp } from "./app.js";

/** A start that failed for a reason the operator can fix: printed as one line, no stack trace. */
class StartError extends Error {}

/** What a failed listen means in terms of our settings, for the errors people actually hit. */
function listenProblem(err: unknown, host: string, port: number): string | undefined {
  switch ((err as NodeJS.ErrnoException | undefined)?.code) {
    case "EADDRINUSE":
      return `port ${port} on ${host} is already in use; set PORT to another port`;
    case "EACCES":
      return `no permission to listen on port ${port} on ${host}; set PORT to a port above 1023`;
    case "EADDRNOTAVAIL":
      return `${host} is not an address of this machine; set HOST to one of its addresses (e.g. 127.0.0.1 or 0.0.0.0)`;
    default:
      return undefined;
  }
}

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await buildApp({ config });
  const close = async (signal: string) => {
    app.log.info({ signal }, "shutting down");
    await app.close();
    process.exit(0);
  };
  process.once("SIGINT", () => void close("SIGINT"));
  process.once("SIGTERM", () => void close("SIGTERM"));
  try {
    await app.listen({ host: config.host, port: config.port });
  } catch (err) {
    const problem = listenProblem(err, config.host, config.port);
    if (!problem) throw err;
    await app.close();
    throw new StartError(problem);
  }
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof KnowledgeBaseError || err instanceof StartError) {
    process.stderr.write(`lotse: ${err.message}\n`);
  } else {
    process.stderr.write(`lotse: failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  }
  process.exit(1);
});
