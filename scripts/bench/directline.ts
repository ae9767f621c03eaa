/**
 * The web channel under load, as `npm run bench` measures it: the compiled server (what
 * `npm start` runs) in its own process, and 200 visitors × 5 messages through Lotse's Direct
 * Line (scripts/bench/directline-load.ts) from this one.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { runDirectLineLoad, type LoadResult } from "./directline-load.js";
import { compileOnce, freePort, readyz } from "./server.js";

export interface WebChannelResult extends LoadResult {
  kind: "web";
  name: string;
}

const ROOT = path.resolve(import.meta.dirname, "../..");

export async function runWebChannelBench(conversations = 200, messages = 5): Promise<WebChannelResult> {
  compileOnce();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "lotse-bench-web-"));
  const port = await freePort();
  const child = spawn(process.execPath, ["dist/src/server/main.js"], {
    cwd: ROOT,
    stdio: ["ignore", "ignore", "inherit"],
    env: {
      ...process.env,
      PORT: String(port),
      DATA_DIR: dataDir,
      LOG_LEVEL: "warn",
      // All visitors come from this one address; the per-address limits would stop the bench.
      RATE_LIMIT_TOKENS_PER_MINUTE: "100000",
      RATE_LIMIT_ACTIVITIES_PER_MINUTE_IP: "1000000",
    },
  });
  try {
    const until = Date.now() + 60_000;
    while ((await readyz(port)) !== 200) {
      if (Date.now() > until || child.exitCode !== null) throw new Error("the server did not become ready");
      await new Promise((r) => setTimeout(r, 50));
    }
    const result = await runDirectLineLoad({ baseUrl: `http://127.0.0.1:${port}`, conversations, messages });
    return { kind: "web", name: `Direct Line, ${conversations} visitors × ${messages} messages (WebSocket)`, ...result };
  } finally {
    child.kill("SIGTERM");
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export function formatWebChannel(r: WebChannelResult): string {
  const errors = Object.entries(r.httpErrors).map(([k, v]) => `${k} ×${v}`).join(", ") || "none";
  return [
    `web channel: ${r.name}`,
    `  ${r.answered} of ${r.messages} messages answered, ${r.lost} lost, ${r.duplicates} shown twice, ${r.watermarkViolations} watermark violations; HTTP errors: ${errors}`,
    `  ${r.messagesPerSecond} messages/s over ${(r.wallMs / 1000).toFixed(1)} s; message → reply on the stream p50 ${r.replyP50Ms} ms, p99 ${r.replyP99Ms} ms, max ${r.replyMaxMs} ms`,
  ].join("\n");
}
