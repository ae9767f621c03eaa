/**
 * Child process of `npm run bench:bot`: serves one bot on an ephemeral port and reports the
 * port over IPC. `lotse` is the real app (Fastify, SQLite state, search, cards); `echo` is a
 * bare Microsoft 365 Agents SDK echo bot (authorizeJWT + CloudAdapter.process + ActivityHandler
 * on node:http, no state, as the SDK's samples host it), the baseline the issue compares against. A "stop" message closes it, so a CPU profile
 * (--cpu-prof) is written on exit.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { ActivityHandler, authorizeJWT, CloudAdapter, MessageFactory, type AuthConfiguration, type Request } from "@microsoft/agents-hosting";
import { loadConfig } from "../../src/config.js";
import { buildApp } from "../../src/server/app.js";

type Stop = () => Promise<void>;

async function serveLotse(): Promise<{ port: number; stop: Stop }> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "lotse-bench-bot-"));
  const config = loadConfig({ DATA_DIR: dataDir, CONTENT_DIR: path.resolve(import.meta.dirname, "../../content"), LOG_LEVEL: "silent" });
  const app = await buildApp({ config, logger: false });
  await app.listen({ host: "127.0.0.1", port: 0 });
  return {
    port: (app.server.address() as AddressInfo).port,
    stop: async () => {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** What the Agents SDK samples do with Express (authorizeJWT, then adapter.process), on plain node:http. */
async function serveEcho(): Promise<{ port: number; stop: Stop }> {
  // As in the samples: credentials from configuration, here none (anonymous local mode).
  const authConfig: AuthConfiguration = {};
  const adapter = new CloudAdapter(authConfig);
  const authorize = authorizeJWT(authConfig);
  const bot = new ActivityHandler().onMessage(async (context, next) => {
    await context.sendActivity(MessageFactory.text(`Echo: ${context.activity.text}`));
    await next();
  });
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>;
      } catch {
        res.writeHead(400).end();
        return;
      }
      const response = {
        socket: res.socket,
        status: (code: number) => (res.statusCode = code),
        header: (name: string, value: unknown) => res.setHeader(name, String(value)),
        setHeader: (name: string, value: unknown) => res.setHeader(name, String(value)),
        get headersSent() {
          return res.headersSent;
        },
        get writableEnded() {
          return res.writableEnded;
        },
        send: (payload: unknown) => {
          if (typeof payload === "string" || Buffer.isBuffer(payload)) res.write(payload);
          else {
            res.setHeader("content-type", "application/json");
            res.write(JSON.stringify(payload));
          }
        },
        end: () => res.end(),
      };
      const request = { body, headers: req.headers, method: req.method } as unknown as Request;
      void authorize(request, response as never, () => {
        adapter.process(request, response as never, (context) => bot.run(context)).catch(() => {
          if (!res.headersSent) res.writeHead(500);
          res.end();
        });
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const kind = process.argv[2];
if (kind !== "lotse" && kind !== "echo") {
  process.stderr.write("bench-bot/serve: usage: serve.ts lotse|echo\n");
  process.exit(2);
}
const { port, stop } = kind === "lotse" ? await serveLotse() : await serveEcho();
process.on("message", (msg) => {
  if (msg === "stop") void stop().then(() => process.exit(0));
});
process.send?.({ port });
