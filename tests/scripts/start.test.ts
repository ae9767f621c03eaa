/** What `npm start` runs: the esbuild compile, then the compiled server on the embedded defaults. */
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { seedIndexCache } from "../helpers/engine.js";
import { ROOT } from "../helpers/run.js";

/**
 * A server's environment with a DATA_DIR of its own. `warm`: the index cached there as an earlier
 * start leaves it, for the tests about signals and ports (a cold start builds it: seconds of CPU).
 */
const env = ({ warm = false } = {}) => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "lotse-start-"));
  if (warm) seedIndexCache(dataDir);
  return { ...process.env, PORT: "0", DATA_DIR: dataDir, LOG_LEVEL: "info" };
};

interface Listening {
  base: string;
  /** The server process's pid, from its log line: under `npm start` it is not npm's child we spawned. */
  pid: number;
}

function listening(child: ChildProcess): Promise<Listening> {
  return new Promise<Listening>((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (d) => {
      out += d;
      const line = out.split("\n").find((l) => l.includes("Server listening at"));
      if (line) resolve({ base: /(http:\/\/127\.0\.0\.1:\d+)/.exec(line)![1]!, pid: (JSON.parse(line) as { pid: number }).pid });
    });
    child.on("exit", (code) => reject(new Error(`server exited with ${code}: ${out}`)));
  });
}

/**
 * The child's end, or undefined after `ms`. "close" waits until everything the process wrote has
 * been read (and until every process holding its stdout has ended); "exit" only for the process.
 */
const ended = (child: ChildProcess, event: "exit" | "close" = "close", ms = 10_000) =>
  new Promise<{ code: number | null; signal: NodeJS.Signals | null } | undefined>((resolve) => {
    const timer = setTimeout(() => resolve(undefined), ms);
    child.once(event, (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal });
    });
  });

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function gone(pid: number, ms = 10_000): Promise<boolean> {
  for (const until = Date.now() + ms; Date.now() < until; ) {
    if (!alive(pid)) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return !alive(pid);
}

describe("npm start", () => {
  beforeAll(() => {
    execFileSync(process.execPath, [path.join(ROOT, "scripts/build.mjs")], { cwd: ROOT });
  });

  it("compiles the server and serves questions from dist/", async () => {
    const child = spawn(process.execPath, ["dist/src/server/main.js"], { cwd: ROOT, env: env() });
    try {
      const { base } = await listening(child);
      expect((await fetch(`${base}/readyz`)).status).toBe(200);
      const res = await fetch(`${base}/api/ask`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ question: "Was ist eine Einstiegsqualifizierung?" }) });
      expect((await res.json()).answer.id).toBe("einstiegsqualifizierung");
      expect((await fetch(`${base}/console`)).status).toBe(200);
    } finally {
      child.kill("SIGTERM");
    }
  });

  // A supervisor (systemd, a container runtime, a developer's Ctrl-C) signals npm; the script
  // `exec`s the server, so the signal npm passes on reaches node instead of an intermediate shell
  // that would die and leave the server running without a parent.
  it.each(["SIGTERM", "SIGINT"] as const)("stops the server when npm is sent %s", async (signal) => {
    const npm = spawn("npm", ["start"], { cwd: ROOT, env: env({ warm: true }) });
    let server: Listening | undefined;
    try {
      server = await listening(npm);
      expect((await fetch(`${server.base}/healthz`)).status).toBe(200);
      npm.kill(signal);
      expect(await ended(npm, "exit"), `npm still running 10 s after ${signal}`).toBeDefined();
      expect(await gone(server.pid), `server pid ${server.pid} still running after npm got ${signal}`).toBe(true);
      await expect(fetch(`${server.base}/healthz`)).rejects.toThrow();
    } finally {
      npm.kill("SIGKILL");
      if (server && alive(server.pid)) process.kill(server.pid, "SIGKILL");
    }
  });

  it("says in one line which port is taken, and exits with 1", async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    const { port } = blocker.address() as AddressInfo;
    try {
      const child = spawn(process.execPath, ["dist/src/server/main.js"], { cwd: ROOT, env: { ...env({ warm: true }), PORT: String(port) } });
      let stderr = "";
      child.stderr.on("data", (d) => (stderr += d));
      // It fails only after loading the knowledge base: on a busy machine that can take over 10 s.
      expect(await ended(child, "close", 25_000)).toEqual({ code: 1, signal: null });
      expect(stderr).toBe(`lotse: port ${port} on 127.0.0.1 is already in use; set PORT to another port\n`);
    } finally {
      blocker.close();
    }
  });
});
