/**
 * The processes `npm run bench:capacity` measures: Lotse nodes started as `npm start` runs them
 * (`node dist/src/server/main.js`, compiled by scripts/build.mjs), a PostgreSQL database of
 * their own for the run, and what /proc says about their memory and CPU time.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { compileOnce, freePort, readyz } from "./server.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const ENTRY = "dist/src/server/main.js";
/** Linux's USER_HZ: /proc reports CPU time in these ticks. */
const TICKS_PER_SECOND = 100;

export interface Node {
  index: number;
  url: string;
  port: number;
  child: ChildProcess;
  /** Its own DATA_DIR and CONTENT_DIR (a copy of content/): nodes share nothing but the database. */
  dir: string;
  /** The last lines the process wrote, for an error message. */
  output: () => string;
}

export interface NodeSettings {
  /** Unset: SQLite in the node's DATA_DIR. */
  databaseUrl?: string;
  /** The same on every node, as docs/deployment.md requires for several nodes. */
  signingKey: string;
}

export function prepareBuild(): void {
  compileOnce();
}

/**
 * Starts one node and resolves when GET /readyz answers 200. A clean environment (PATH only plus
 * the settings below): bot credentials or a DATABASE_URL in the caller's shell must not change
 * what is measured.
 */
export async function startNode(index: number, settings: NodeSettings, timeoutMs = 120_000): Promise<Node> {
  const dir = mkdtempSync(path.join(os.tmpdir(), `lotse-capacity-node${index}-`));
  const contentDir = path.join(dir, "content");
  cpSync(path.join(ROOT, "content"), contentDir, { recursive: true });
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOST: "127.0.0.1",
    PORT: String(port),
    DATA_DIR: path.join(dir, "data"),
    CONTENT_DIR: contentDir,
    LOG_LEVEL: "warn",
    DIRECT_LINE_SIGNING_KEY: settings.signingKey,
    // Every visitor of the bench comes from 127.0.0.1; the per-address abuse limits would stop it.
    RATE_LIMIT_TOKENS_PER_MINUTE: "1000000",
    RATE_LIMIT_ACTIVITIES_PER_MINUTE_IP: "1000000",
    ...(settings.databaseUrl ? { DATABASE_URL: settings.databaseUrl } : {}),
  };
  const child = spawn(process.execPath, [ENTRY], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const keep = (d: Buffer) => (output = (output + d.toString()).slice(-4000));
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const node: Node = { index, url: `http://127.0.0.1:${port}`, port, child, dir, output: () => output.trim().split("\n").slice(-8).join("\n") };
  const until = Date.now() + timeoutMs;
  while ((await readyz(port)) !== 200) {
    if (child.exitCode !== null || child.signalCode !== null || Date.now() > until) {
      await stopNode(node);
      throw new Error(`node ${index + 1} did not become ready (${child.exitCode ?? child.signalCode ?? "timeout"}):\n${node.output()}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return node;
}

/** SIGTERM (the server closes cleanly), SIGKILL after 10 s; then its directory goes. */
export async function stopNode(node: Node): Promise<void> {
  const { child } = node;
  if (child.exitCode === null && child.signalCode === null) {
    await new Promise<void>((resolve) => {
      const killer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      child.once("exit", () => {
        clearTimeout(killer);
        resolve();
      });
      child.kill("SIGTERM");
    });
  }
  rmSync(node.dir, { recursive: true, force: true });
}

export function signingKey(): string {
  return randomBytes(48).toString("base64");
}

// --- PostgreSQL ------------------------------------------------------------------------------

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export interface BenchDatabase {
  name: string;
  url: string;
  drop: () => Promise<void>;
}

/** The server's version, or why it cannot be reached. */
export async function postgresVersion(adminUrl: string): Promise<{ version: string } | { error: string }> {
  try {
    return await withClient(adminUrl, async (c) => ({ version: String((await c.query<{ server_version: string }>("SHOW server_version")).rows[0]!.server_version) }));
  } catch (err) {
    return { error: (err as Error).message };
  }
}

/** A fresh, empty database for one scenario (the first node migrates it); dropped afterwards. */
export async function createDatabase(adminUrl: string): Promise<BenchDatabase> {
  const name = `lotse_capacity_${randomBytes(5).toString("hex")}`;
  await withClient(adminUrl, (c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: () => withClient(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

/** Process ids of the PostgreSQL backends serving one database (the nodes' pools and listeners). */
export function backendPids(adminUrl: string, database: string): Promise<number[]> {
  return withClient(adminUrl, async (c) => (await c.query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE datname = $1", [database])).rows.map((r) => r.pid));
}

/**
 * Bytes the data takes: the PostgreSQL database, or the pages in use of a node's SQLite database
 * (read through a second, read-only connection, so what is still in the write-ahead log counts and
 * the log file's own size, which does not shrink, does not).
 */
export async function databaseBytes(where: { adminUrl: string; database: string } | { node: Node }): Promise<number> {
  if ("node" in where) {
    const db = new Database(path.join(where.node.dir, "data", "lotse.db"), { readonly: true });
    try {
      const pragma = (name: string) => Number(db.pragma(name, { simple: true }));
      return (pragma("page_count") - pragma("freelist_count")) * pragma("page_size");
    } finally {
      db.close();
    }
  }
  return withClient(where.adminUrl, async (c) => Number((await c.query<{ size: string }>("SELECT pg_database_size($1) AS size", [where.database])).rows[0]!.size));
}

// --- /proc ------------------------------------------------------------------------------------

/** Resident memory of a process in MB (0 once it is gone). */
export function rssMb(pid: number): number {
  try {
    const kb = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return kb ? Number(kb[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** User + system CPU seconds a process has used so far (undefined once it is gone). */
export function cpuSeconds(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name in parentheses may hold spaces; the fields after it are fixed.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

/** Busy and total CPU seconds of the whole machine (all cores) so far. */
export function machineCpuSeconds(): { busy: number; total: number } {
  const line = readFileSync("/proc/stat", "utf8").split("\n")[0]!;
  const ticks = line.trim().split(/\s+/).slice(1, 9).map(Number);
  const total = ticks.reduce((a, b) => a + b, 0);
  const idle = ticks[3]! + ticks[4]!; // idle + iowait
  return { busy: (total - idle) / TICKS_PER_SECOND, total: total / TICKS_PER_SECOND };
}
