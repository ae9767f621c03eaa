/**
 * Server readiness: time from spawning the compiled server (`node dist/src/server/main.js`, as
 * `npm start` runs it) until
 * GET /readyz answers 200, with a prebuilt index in DATA_DIR (what `npm run build:index` writes)
 * and without one. Each run gets its own temporary DATA_DIR and a free port.
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { summarizeProfile, type CpuProfile, type ProfileSummary } from "./profile.js";
import { round } from "./util.js";

export interface ReadinessResult {
  kind: "server";
  name: string;
  prebuiltIndex: boolean;
  command: string;
  /** Minimum over the runs: spawn → first 200 from /readyz. */
  readyMs: number;
  runsMs: number[];
  /** Starts that failed (not counted in readyMs), or a prebuilt index the server did not use. */
  problems: string[];
  /** What the server logged for opening the knowledge base (cache = the prebuilt index was used). */
  indexSource: string | null;
  knowledgeLoadMs: number | null;
  /** With --profile: CPU profiles of one extra start (not counted in the figures). */
  profile?: ProfileSummary;
  loaderProfile?: ProfileSummary;
}

const ROOT = path.resolve(import.meta.dirname, "../..");
// What `npm start` runs: the server compiled by scripts/build.mjs (built once per bench run).
const ENTRY = "dist/src/server/main.js";
const ARGS = [ENTRY];
let compiled = false;
export function compileOnce(): void {
  if (compiled) return;
  const r = spawnSync(process.execPath, ["scripts/build.mjs"], { cwd: ROOT, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`build failed:\n${r.stderr || r.stdout}`);
  compiled = true;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export function readyz(port: number): Promise<number> {
  return new Promise((resolve) => {
    const req = http.get({ host: "127.0.0.1", port, path: "/readyz", agent: false, timeout: 1000 }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on("error", () => resolve(0));
    req.on("timeout", () => {
      req.destroy();
      resolve(0);
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Run {
  ms: number;
  indexSource: string | null;
  knowledgeLoadMs: number | null;
}

async function oneRun(dataDir: string, nodeFlags: string[] = [], timeoutMs = 60_000): Promise<Run> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [...nodeFlags, ...ARGS], {
    cwd: ROOT,
    env: { ...process.env, HOST: "127.0.0.1", PORT: String(port), DATA_DIR: dataDir, CONTENT_DIR: path.join(ROOT, "content"), LOG_LEVEL: "info" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stdout.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr.on("data", (d: Buffer) => (err += d.toString()));
  let exited = false;
  let exitCode: number | string | null = null;
  // "close" (not "exit"): it fires after stdout and stderr are drained, so no message is lost.
  const exit = new Promise<void>((r) => child.once("close", (code, signal) => ((exited = true), (exitCode = code ?? signal), r())));
  try {
    for (;;) {
      if (exited) throw new Error(`server exited (${exitCode}) before it was ready:\n${(err || out).trim().split("\n").slice(-10).join("\n")}`);
      if (performance.now() - started > timeoutMs) throw new Error(`server not ready after ${timeoutMs} ms`);
      if ((await readyz(port)) === 200) break;
      await sleep(2);
    }
    const ms = performance.now() - started;
    let indexSource: string | null = null;
    let knowledgeLoadMs: number | null = null;
    for (const line of out.split("\n")) {
      try {
        const rec = JSON.parse(line) as { msg?: string; index?: string; ms?: number };
        if (rec.msg === "knowledge base loaded") {
          indexSource = rec.index ?? null;
          knowledgeLoadMs = rec.ms ?? null;
        }
      } catch {
        // not a JSON log line
      }
    }
    return { ms, indexSource, knowledgeLoadMs };
  } finally {
    if (!exited) {
      child.kill("SIGTERM");
      const killer = setTimeout(() => child.kill("SIGKILL"), 5000);
      await exit;
      clearTimeout(killer);
    }
  }
}

/**
 * Min of `runs` starts, each with a fresh DATA_DIR (with or without the prebuilt index). With
 * `profileDir`, one more start runs under --cpu-prof and its profile is summarised.
 */
export async function runReadinessBench(prebuilt: boolean, runs = 3, profileDir?: string): Promise<ReadinessResult> {
  compileOnce();
  const contentDir = path.join(ROOT, "content");
  const results: Run[] = [];
  const failures: string[] = [];
  const profileName = `server-start-${prebuilt ? "prebuilt" : "no-prebuilt"}`;
  const profileTmp = profileDir ? mkdtempSync(path.join(os.tmpdir(), "lotse-bench-prof-")) : undefined;
  for (let i = 0; i < runs + (profileDir ? 1 : 0); i++) {
    const profiling = i === runs;
    const dataDir = mkdtempSync(path.join(os.tmpdir(), "lotse-bench-"));
    try {
      if (prebuilt) {
        // `DATA_DIR=… npm run build:index`, run right before the start: the project's own script
        // and the server then agree on the index format even while src/ is being changed.
        const built = spawnSync(process.execPath, ["--import", "tsx", "scripts/build-index.ts"], {
          cwd: ROOT,
          env: { ...process.env, DATA_DIR: dataDir, CONTENT_DIR: contentDir },
          encoding: "utf8",
        });
        if (built.status !== 0) throw new Error(`build:index failed:\n${built.stderr || built.stdout}`);
      }
      if (profiling) await oneRun(dataDir, ["--cpu-prof", `--cpu-prof-dir=${profileTmp}`]);
      else results.push(await oneRun(dataDir));
    } catch (e) {
      // One failed start (e.g. a source file caught mid-edit) is reported; the other runs count.
      failures.push((e as Error).message);
      process.stderr.write(`bench: server start failed: ${(e as Error).message}\n`);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  if (prebuilt) {
    for (const r of results) {
      if (r.indexSource !== "cache") failures.push(`the server did not use the prebuilt index (index: ${r.indexSource ?? "not logged"})`);
    }
  }
  if (results.length === 0) throw new Error(`every server start failed:\n${failures.join("\n")}`);
  const best = results.reduce((a, b) => (b.ms < a.ms ? b : a));
  return {
    kind: "server",
    name: prebuilt ? "server ready, prebuilt index" : "server ready, no prebuilt index",
    prebuiltIndex: prebuilt,
    command: `node ${ARGS.join(" ")}`,
    readyMs: round(best.ms, 1),
    runsMs: results.map((r) => round(r.ms, 1)),
    problems: failures,
    indexSource: best.indexSource,
    knowledgeLoadMs: best.knowledgeLoadMs,
    ...(profileDir && profileTmp ? startupProfile(profileTmp, profileDir, profileName) : {}),
  };
}

/**
 * Node writes one profile per thread: the main thread (tid 0) and the module loader thread on
 * which tsx resolves and compiles TypeScript. Moves both to bench/ and summarises them.
 */
function startupProfile(tmp: string, outDir: string, name: string): { profile?: ProfileSummary; loaderProfile?: ProfileSummary } {
  const out: { profile?: ProfileSummary; loaderProfile?: ProfileSummary } = {};
  try {
    for (const f of readdirSync(tmp).filter((f) => f.endsWith(".cpuprofile"))) {
      const main = /\.\d+\.0\.\d+\.cpuprofile$/.test(f);
      const dest = path.join(outDir, `${name}${main ? "" : ".loader-thread"}.cpuprofile`);
      renameSync(path.join(tmp, f), dest);
      const summary = summarizeProfile(JSON.parse(readFileSync(dest, "utf8")) as CpuProfile, path.relative(ROOT, dest));
      if (main) out.profile = summary;
      else out.loaderProfile = summary;
    }
  } catch {
    // the profile is written at exit; a server that did not exit cleanly may leave none
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return out;
}
