/**
 * Child process of `npm run bench:bot`: serves one bot on an ephemeral port and reports the
 * port over IPC. `lotse` is the real app (Fastify, SQLite state, search, cards); `echo` is a
 * bare Microsoft 365 Agents SDK echo bot (authorizeJWT + CloudAdapter.process + ActivityHandler
 * on node:http, no state, as the SDK's samples host it), the baseline the issue compares against;
 * `botbuilder` is the same echo bot on the archived botbuilder 4.23, loaded from the directory given
 * as second argument (`npm run bench:bot` installs it there on demand; Lotse does not depend on it).
 * Messages: "profile:start" and `{ profileStop: file }` record a CPU profile of just the measured
 * window (startup, module compilation and the warm-up stay out of it); "stop" closes the server.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Session } from "node:inspector/promises";
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

/** The Express-like request and response the SDKs' `process` expects, made from node:http's. */
interface Exchange {
  request: { body: Record<string, unknown>; headers: IncomingMessage["headers"]; method: string | undefined };
  response: object;
  /** A turn that threw: 500 if nothing was sent yet. */
  fail: () => void;
}

/** An echo bot host on plain node:http, as the SDK samples host one on Express or restify. */
async function serveOnHttp(handle: (x: Exchange) => void): Promise<{ port: number; stop: Stop }> {
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
      const fail = () => {
        if (!res.headersSent) res.writeHead(500);
        res.end();
      };
      handle({ request: { body, headers: req.headers, method: req.method }, response, fail });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** What the Agents SDK samples do with Express (authorizeJWT, then adapter.process). */
function serveEcho(): Promise<{ port: number; stop: Stop }> {
  // As in the samples: credentials from configuration, here none (anonymous local mode).
  const authConfig: AuthConfiguration = {};
  const adapter = new CloudAdapter(authConfig);
  const authorize = authorizeJWT(authConfig);
  const bot = new ActivityHandler().onMessage(async (context, next) => {
    await context.sendActivity(MessageFactory.text(`Echo: ${context.activity.text}`));
    await next();
  });
  return serveOnHttp(({ request, response, fail }) => {
    const req = request as unknown as Request;
    void authorize(req, response as never, () => {
      adapter.process(req, response as never, (context) => bot.run(context)).catch(fail);
    });
  });
}

/** The few botbuilder 4.23 exports the echo bot uses (the package is not installed with Lotse, so no types). */
interface Botbuilder {
  CloudAdapter: new (auth: unknown) => { process(req: unknown, res: unknown, logic: (context: BotbuilderContext) => Promise<void>): Promise<void> };
  ConfigurationBotFrameworkAuthentication: new (config: object) => unknown;
  ActivityHandler: new () => { onMessage(handler: (context: BotbuilderContext, next: () => Promise<void>) => Promise<void>): { run(context: BotbuilderContext): Promise<void> } };
  MessageFactory: { text(text: string): unknown };
}
interface BotbuilderContext {
  activity: { text?: string };
  sendActivity(activity: unknown): Promise<unknown>;
}

/** What the botbuilder samples did with restify/Express (as measured before the move). */
function serveBotbuilderEcho(installDir: string): Promise<{ port: number; stop: Stop }> {
  const bb = createRequire(path.join(installDir, "package.json"))("botbuilder") as Botbuilder;
  // As in the samples: credentials from configuration, here none (unauthenticated local mode).
  const adapter = new bb.CloudAdapter(new bb.ConfigurationBotFrameworkAuthentication({}));
  const bot = new bb.ActivityHandler().onMessage(async (context, next) => {
    await context.sendActivity(bb.MessageFactory.text(`Echo: ${context.activity.text}`));
    await next();
  });
  return serveOnHttp(({ request, response, fail }) => {
    adapter.process(request, response, (context) => bot.run(context)).catch(fail);
  });
}

const kind = process.argv[2];
if (kind !== "lotse" && kind !== "echo" && !(kind === "botbuilder" && process.argv[3])) {
  process.stderr.write("bench-bot/serve: usage: serve.ts lotse|echo|botbuilder INSTALL_DIR\n");
  process.exit(2);
}
const { port, stop } = kind === "lotse" ? await serveLotse() : kind === "echo" ? await serveEcho() : await serveBotbuilderEcho(process.argv[3]!);
let profiler: Session | undefined;
process.on("message", (msg) => {
  if (msg === "stop") void stop().then(() => process.exit(0));
  else if (msg === "profile:start") void startProfile().then(() => process.send?.("profile:started"));
  else if (typeof msg === "object" && msg && "profileStop" in msg) void stopProfile(String(msg.profileStop)).then(() => process.send?.("profile:written"));
});

async function startProfile(): Promise<void> {
  profiler = new Session();
  profiler.connect();
  await profiler.post("Profiler.enable");
  await profiler.post("Profiler.start");
}

async function stopProfile(file: string): Promise<void> {
  if (!profiler) return;
  const { profile } = await profiler.post("Profiler.stop");
  writeFileSync(file, JSON.stringify(profile));
  profiler.disconnect();
  profiler = undefined;
}
process.send?.({ port });
