/** Entry point: reads the configuration once, builds the app and listens. */
import { ConfigError, loadConfig } from "../config.js";
import { KnowledgeBaseError } from "../knowledge/index-store.js";
import { buildApp } from "./app.js";

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
  await app.listen({ host: config.host, port: config.port });
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof KnowledgeBaseError) {
    process.stderr.write(`lotse: ${err.message}\n`);
  } else {
    process.stderr.write(`lotse: failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  }
  process.exit(1);
});
