/**
 * The real server as a child process (`node --import tsx src/server/main.ts`), as an operator
 * runs it: for crash tests (kill -9 and restart on the same DATA_DIR) and for several nodes
 * sharing one PostgreSQL database.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { INDEX_FILE } from "../../src/knowledge/index-store.js";
import { seedIndexCache } from "./engine.js";
import { ROOT } from "./run.js";

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  stderr: () => string;
  /** The last lines the server logged (JSON lines), for a failure message. */
  logTail: () => string;
}

/** Enough of the log to see what a node did just before a failure, without keeping all of it. */
const LOG_TAIL_CHARS = 64_000;
const START_TIMEOUT_MS = 60_000;

/**
 * The server on PORT=0: it binds a free port itself and names it in its "Server listening at"
 * log line, so no other process can take the port between choosing and binding it. `env` comes
 * on top of this process's environment and the test's DATA_DIR, PORT, HOST and LOG_LEVEL.
 */
export async function startServer(dataDir: string, env: Record<string, string> = {}): Promise<ServerProcess> {
  // As after the server's first start there: the search index cached in DATA_DIR (checked
  // against the content hash, so other content is built anew). Building it costs seconds of CPU.
  if (!existsSync(path.join(dataDir, INDEX_FILE))) seedIndexCache(dataDir);
  const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "src/server/main.ts")], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir, PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stderr!.on("data", (d) => (stderr += d));
  // Always read (a full pipe would stall the server), keep only the tail.
  child.stdout!.on("data", (d) => {
    stdout += d.toString();
    if (stdout.length > 2 * LOG_TAIL_CHARS) stdout = stdout.slice(-LOG_TAIL_CHARS);
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`server did not listen within ${START_TIMEOUT_MS / 1000} s: ${stderr}`));
    }, START_TIMEOUT_MS);
    const onData = () => {
      const listening = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout);
      if (!listening) return;
      clearTimeout(timer);
      child.stdout!.off("data", onData);
      resolve(listening[1]!);
    };
    child.stdout!.on("data", onData);
    // After "listening" this settles nothing: the promise is already resolved.
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code ?? signal}: ${stderr}`));
    });
  });
  return { child, url, stderr: () => stderr, logTail: () => stdout.slice(-LOG_TAIL_CHARS) };
}

const exited = (server: ServerProcess) => server.child.exitCode !== null || server.child.signalCode !== null;

function signalAndWait(server: ServerProcess, signal: NodeJS.Signals): Promise<void> {
  if (exited(server)) return Promise.resolve();
  return new Promise((resolve) => {
    server.child.once("exit", () => resolve());
    server.child.kill(signal);
  });
}

/** kill -9: no shutdown hook runs, open connections break off. Resolves once the process is gone. */
export function kill9(server: ServerProcess): Promise<void> {
  return signalAndWait(server, "SIGKILL");
}

/** A clean stop (SIGTERM, as `npm start` forwards it); SIGKILL if it takes longer than `graceMs`. */
export async function stopServer(server: ServerProcess, graceMs = 5_000): Promise<void> {
  const timer = setTimeout(() => server.child.kill("SIGKILL"), graceMs);
  try {
    await signalAndWait(server, "SIGTERM");
  } finally {
    clearTimeout(timer);
  }
}
