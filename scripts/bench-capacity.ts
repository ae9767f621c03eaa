/**
 * `npm run bench:capacity [-- --scenarios sqlite,postgres,postgres-2nodes] [--seconds 15] [--json]`:
 * what one Lotse node, and two, carry — the capacity table of docs/deployment.md (issue 14).
 *
 * Per scenario (SQLite with one node; PostgreSQL with one node; PostgreSQL with two nodes on two
 * ports, load round-robin over both) it starts real server processes as `npm start` runs them
 * (`node dist/src/server/main.js`, compiled once by scripts/build.mjs), each PostgreSQL scenario on
 * a fresh database of its own (created here, dropped afterwards), and drives them from this
 * process (scripts/bench/capacity-load.ts): visitors in a closed loop holding multi-turn
 * conversations through POST /api/messages, while Direct Line conversations stay open on every
 * node with their WebSocket streams and a message every few seconds. It reports turns per second,
 * p50/p99 latency, the Direct Line figures, and the memory (RSS) and CPU of every node at that load.
 *
 * Everything runs on this one machine: the nodes, PostgreSQL and the load generator share its
 * cores, so a two-node figure is not what two machines would carry. The output says so.
 */
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { z } from "zod";
import { EXIT, Failure, processIo, runCommand, runIfMain, type Io } from "../src/cli/command.js";
import { round } from "./bench/util.js";
import { HeldConversations, QUESTIONS, TurnLoad, checkTurn, targets, type HeldFigures, type TurnFigures } from "./bench/capacity-load.js";
import {
  backendPids,
  cpuSeconds,
  databaseBytes,
  createDatabase,
  machineCpuSeconds,
  postgresVersion,
  prepareBuild,
  rssMb,
  signingKey,
  startNode,
  stopNode,
  type BenchDatabase,
  type Node,
} from "./bench/capacity-nodes.js";

const ROOT = path.resolve(import.meta.dirname, "..");
const RESULTS = path.join(ROOT, "bench", "results.json");
const DEFAULT_POSTGRES = "postgres://postgres@127.0.0.1:5432/postgres";

const SCENARIOS = {
  sqlite: { engine: "sqlite", nodes: 1, label: "SQLite, 1 node" },
  postgres: { engine: "postgres", nodes: 1, label: "PostgreSQL, 1 node" },
  "postgres-2nodes": { engine: "postgres", nodes: 2, label: "PostgreSQL, 2 nodes" },
} as const;
type ScenarioName = keyof typeof SCENARIOS;
const SCENARIO_NAMES = Object.keys(SCENARIOS) as [ScenarioName, ...ScenarioName[]];

export interface CapacityOptions {
  scenarios: ScenarioName[];
  /** Measured window per scenario, after the warm-up. */
  seconds: number;
  warmup: number;
  /** Visitors sending turns at once (all nodes together). */
  connections: number;
  /** Direct Line conversations held open per node. */
  held: number;
  /** Seconds between two messages of one held conversation. */
  every: number;
  /** Runs per scenario; the median run (by turns/s) is reported. */
  repeat: number;
  postgresUrl: string;
}

export interface NodeFigures {
  rssIdleMb: number;
  rssPeakMb: number;
  /** CPU time of the node over the window, in % of one core. */
  cpuPercent: number;
}

export interface ScenarioResult {
  scenario: ScenarioName;
  label: string;
  engine: "sqlite" | "postgres";
  nodes: number;
  turns: TurnFigures;
  held: HeldFigures;
  perNode: NodeFigures[];
  /** With --repeat: turns/s of every run, in order; the other figures are those of the median run. */
  turnsPerSecondOfRuns?: number[];
  /**
   * How much the database grew over the whole run (warm-up included) for the turns and Direct Line
   * messages answered in it: a rough size per turn for storage estimates.
   */
  storage: { grownKb: number; turns: number; bytesPerTurn: number };
  /** CPU over the window in % of one core (the machine has `machine.cpus` cores). */
  cpu: { nodes: number; postgres?: number; loadGenerator: number; other: number; machineBusy: number };
}

export interface CapacityResult {
  kind: "capacity";
  date: string;
  machine: { node: string; cpus: number; cpuModel: string; memoryGb: number; os: string; loadAverage: number };
  commit: string;
  postgres?: string;
  server: string;
  options: Omit<CapacityOptions, "postgresUrl" | "scenarios">;
  questions: readonly string[];
  scenarios: ScenarioResult[];
  note: string;
}

const NOTE =
  "All on one machine: the nodes, PostgreSQL and the load generator share its cores. The two-node figure shows that two nodes work together on one database and what they cost, not what two machines would carry.";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const percentOfCore = (seconds: number, windowSeconds: number) => Math.round((seconds / windowSeconds) * 100);

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return url;
  }
}

function commit(): string {
  const head = spawnSync("git", ["rev-parse", "--short", "HEAD"], { cwd: ROOT, encoding: "utf8" });
  if (head.status !== 0) return "unknown";
  const dirty = spawnSync("git", ["status", "--porcelain", "--untracked-files=no"], { cwd: ROOT, encoding: "utf8" });
  return `${head.stdout.trim()}${dirty.stdout.trim() ? " + uncommitted changes" : ""}`;
}

async function runScenario(name: ScenarioName, opts: CapacityOptions, log: (s: string) => void): Promise<ScenarioResult> {
  const spec = SCENARIOS[name];
  const runId = randomBytes(4).toString("hex");
  let database: BenchDatabase | undefined;
  const nodes: Node[] = [];
  let held: HeldConversations | undefined;
  let turns: TurnLoad | undefined;
  const loadTargets: ReturnType<typeof targets> = [];
  try {
    if (spec.engine === "postgres") database = await createDatabase(opts.postgresUrl);
    const key = signingKey();
    // One after another: the first node migrates the fresh database.
    for (let i = 0; i < spec.nodes; i++) nodes.push(await startNode(i, { databaseUrl: database?.url, signingKey: key }));
    loadTargets.push(...targets(nodes.map((n) => n.url), opts.connections));
    for (const target of loadTargets) await checkTurn(target);
    const where = database ? { adminUrl: opts.postgresUrl, database: database.name } : { node: nodes[0]! };
    const size0 = await databaseBytes(where);
    const rssIdle = nodes.map((n) => rssMb(n.child.pid!));

    held = new HeldConversations(loadTargets);
    if (opts.held > 0) {
      log(`  opening ${opts.held} Direct Line conversation(s) per node …`);
      await held.open(opts.held);
    }
    held.startMessages(opts.every * 1000);
    turns = new TurnLoad(loadTargets, opts.connections, runId);
    log(`  warm-up ${opts.warmup} s, then measuring ${opts.seconds} s …`);
    await sleep(opts.warmup * 1000);

    const pgPids = database ? await backendPids(opts.postgresUrl, database.name) : [];
    const pgCpu0 = new Map(pgPids.map((pid) => [pid, cpuSeconds(pid) ?? 0]));
    const nodeCpu0 = nodes.map((n) => cpuSeconds(n.child.pid!) ?? 0);
    const self0 = process.cpuUsage();
    const machine0 = machineCpuSeconds();
    const rssPeak = nodes.map((n) => rssMb(n.child.pid!));
    const start = performance.now();
    const sampler = setInterval(() => nodes.forEach((n, i) => (rssPeak[i] = Math.max(rssPeak[i]!, rssMb(n.child.pid!)))), 250);
    await sleep(opts.seconds * 1000);
    clearInterval(sampler);
    const end = performance.now();
    const windowSeconds = (end - start) / 1000;
    const nodeCpu = nodes.map((n, i) => (cpuSeconds(n.child.pid!) ?? nodeCpu0[i]!) - nodeCpu0[i]!);
    const self = process.cpuUsage(self0);
    const machine1 = machineCpuSeconds();
    let pgCpu: number | undefined;
    if (database) {
      // Backends that came up during the window count from zero.
      const pids = new Set([...pgPids, ...(await backendPids(opts.postgresUrl, database.name))]);
      pgCpu = [...pids].reduce((sum, pid) => sum + ((cpuSeconds(pid) ?? pgCpu0.get(pid) ?? 0) - (pgCpu0.get(pid) ?? 0)), 0);
    }
    const openAtEnd = held.openNow();
    for (const [i, n] of nodes.entries()) {
      if (n.child.exitCode !== null || n.child.signalCode !== null) throw new Error(`node ${i + 1} died during the measurement:\n${n.output()}`);
    }

    await turns.stop();
    await held.stop();
    const grown = (await databaseBytes(where)) - size0;
    const stored = turns.answered() + held.answered();
    const machineBusy = (machine1.busy - machine0.busy) / ((machine1.total - machine0.total) / os.cpus().length);
    const loadGenerator = (self.user + self.system) / 1e6;
    const known = nodeCpu.reduce((a, b) => a + b, 0) + (pgCpu ?? 0) + loadGenerator;
    return {
      scenario: name,
      label: spec.label,
      engine: spec.engine,
      nodes: spec.nodes,
      turns: turns.figures(start, end),
      held: held.figures(start, end, openAtEnd),
      storage: { grownKb: Math.round(grown / 1024), turns: stored, bytesPerTurn: Math.round(grown / Math.max(1, stored)) },
      perNode: nodes.map((_, i) => ({ rssIdleMb: Math.round(rssIdle[i]!), rssPeakMb: Math.round(rssPeak[i]!), cpuPercent: percentOfCore(nodeCpu[i]!, windowSeconds) })),
      cpu: {
        nodes: percentOfCore(nodeCpu.reduce((a, b) => a + b, 0), windowSeconds),
        ...(pgCpu === undefined ? {} : { postgres: percentOfCore(pgCpu, windowSeconds) }),
        loadGenerator: percentOfCore(loadGenerator, windowSeconds),
        other: Math.max(0, Math.round(machineBusy * 100 - percentOfCore(known, windowSeconds))),
        machineBusy: Math.round(machineBusy * 100),
      },
    };
  } finally {
    if (turns) await turns.stop();
    if (held) {
      await held.stop(0);
      held.close();
    }
    for (const t of loadTargets) t.agent.destroy();
    for (const n of nodes) await stopNode(n);
    if (database) await database.drop().catch((err: unknown) => log(`  could not drop ${database!.name}: ${(err as Error).message}`));
  }
}

export async function benchCapacity(opts: CapacityOptions, log: (s: string) => void = () => undefined): Promise<CapacityResult> {
  let pgVersion: string | undefined;
  if (opts.scenarios.some((s) => SCENARIOS[s].engine === "postgres")) {
    const pgStatus = await postgresVersion(opts.postgresUrl);
    if ("error" in pgStatus) {
      throw new Failure(`PostgreSQL at ${redact(opts.postgresUrl)} does not answer (${pgStatus.error}); start it, pass --postgres-url, or measure SQLite alone with --scenarios sqlite`);
    }
    pgVersion = pgStatus.version;
  }
  log("bench:capacity: building the server (scripts/build.mjs) …");
  prepareBuild();
  const cpus = os.cpus();
  const result: CapacityResult = {
    kind: "capacity",
    date: new Date().toISOString(),
    machine: {
      node: process.version,
      cpus: cpus.length,
      cpuModel: cpus[0]?.model.trim() ?? "unknown",
      memoryGb: Math.round(os.totalmem() / 1024 ** 3),
      os: `${os.type()} ${os.release()} ${os.arch()}`,
      loadAverage: round(os.loadavg()[0]!, 2),
    },
    commit: commit(),
    ...(pgVersion ? { postgres: pgVersion } : {}),
    server: "node dist/src/server/main.js",
    options: { seconds: opts.seconds, warmup: opts.warmup, connections: opts.connections, held: opts.held, every: opts.every, repeat: opts.repeat },
    questions: QUESTIONS,
    scenarios: [],
    note: NOTE,
  };
  if (result.machine.loadAverage > cpus.length / 2) log(`bench:capacity: warning — load average ${result.machine.loadAverage} on ${cpus.length} CPUs; other work is running and the figures will be lower`);
  // Round after round (not one scenario N times in a row), so a drift of the machine's speed
  // affects every scenario alike.
  const runs = new Map<ScenarioName, ScenarioResult[]>(opts.scenarios.map((name) => [name, []]));
  for (let round = 1; round <= opts.repeat; round++) {
    for (const name of opts.scenarios) {
      log(`bench:capacity: ${SCENARIOS[name].label}${opts.repeat > 1 ? ` (run ${round} of ${opts.repeat})` : ""} …`);
      try {
        runs.get(name)!.push(await runScenario(name, opts, log));
      } catch (err) {
        throw new Failure(`${SCENARIOS[name].label}: ${(err as Error).message}`);
      }
    }
  }
  for (const name of opts.scenarios) {
    const sorted = [...runs.get(name)!].sort((a, b) => a.turns.turnsPerSecond - b.turns.turnsPerSecond);
    const median = sorted[Math.floor((sorted.length - 1) / 2)]!;
    result.scenarios.push(opts.repeat > 1 ? { ...median, turnsPerSecondOfRuns: runs.get(name)!.map((r) => r.turns.turnsPerSecond) } : median);
  }
  return result;
}

export function formatCapacity(r: CapacityResult): string {
  const ms = (x: number) => (Number.isNaN(x) ? "–" : x >= 100 ? String(Math.round(x)) : x.toFixed(1));
  const count = (o: Record<string, number>) => Object.values(o).reduce((a, b) => a + b, 0);
  const lines = [
    `Lotse capacity — ${r.date}; Node.js ${r.machine.node}; ${r.machine.cpus} × ${r.machine.cpuModel}, ${r.machine.memoryGb} GiB; ${r.machine.os}; load ${r.machine.loadAverage} at the start` +
      `${r.postgres ? `; PostgreSQL ${r.postgres}` : ""}; commit ${r.commit}`,
    `Servers: ${r.server} (compiled by scripts/build.mjs), one DATA_DIR and one copy of content/ per node, default settings (DATABASE_POOL_SIZE 10).`,
    `Turns: POST /api/messages, deliveryMode expectReplies, unauthenticated local mode; ${r.options.connections} visitors at once in a closed loop (no pause between turns), each conversation three questions of ${r.questions.length} from tests/eval/questions.yaml, "Did you mean" answered with a tap, feedback on one answer; with two nodes every turn goes to the next node.`,
    `Held: ${r.options.held} Direct Line conversation(s) per node open with their WebSocket stream, each sending a message every ${r.options.every} s (to the nodes in turn) and waiting for the reply on its stream.`,
    `Each scenario: ${r.options.warmup} s warm-up, then ${r.options.seconds} s measured${r.options.repeat > 1 ? `; ${r.options.repeat} runs in rounds, the median run (by turns/s) shown` : ""}.`,
    "",
    "| scenario | turns/s | p50 ms | p99 ms | failed turns | Direct Line held open | DL msg/s | DL reply p50 / p99 ms | DL lost | RSS per node MB (idle → peak) | CPU per node |",
    "|---|---:|---:|---:|---:|---|---:|---|---:|---|---|",
  ];
  for (const s of r.scenarios) {
    lines.push(
      `| ${s.label} | ${s.turns.turnsPerSecond}${s.turnsPerSecondOfRuns ? ` (runs: ${s.turnsPerSecondOfRuns.join(", ")})` : ""} | ${ms(s.turns.p50Ms)} | ${ms(s.turns.p99Ms)} | ${count(s.turns.errors)} | ${s.held.openAtEndPerNode.join(" + ")} of ${s.held.openedPerNode.join(" + ")} | ${s.held.messagesPerSecond} | ${ms(s.held.replyP50Ms)} / ${ms(s.held.replyP99Ms)} | ${s.held.lost} | ${s.perNode.map((n) => `${n.rssIdleMb} → ${n.rssPeakMb}`).join(", ")} | ${s.perNode.map((n) => `${n.cpuPercent} %`).join(", ")} |`,
    );
  }
  lines.push("", `CPU over the measured window, in % of one core (this machine has ${r.machine.cpus}, so ${r.machine.cpus * 100} % is all of it):`);
  for (const s of r.scenarios) {
    const parts = [`Lotse ${s.cpu.nodes} %`, ...(s.cpu.postgres === undefined ? [] : [`PostgreSQL backends ${s.cpu.postgres} %`]), `load generator ${s.cpu.loadGenerator} %`, `other ${s.cpu.other} %`];
    lines.push(`  ${s.label.padEnd(22)} ${parts.join(", ")} (machine busy ${s.cpu.machineBusy} % of ${r.machine.cpus * 100} %)`);
  }
  lines.push("", "Turn mix and conversations in the window:");
  for (const s of r.scenarios) {
    const total = Math.max(1, s.turns.turns);
    const mix = Object.entries(s.turns.mix)
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => `${k} ${Math.round((v / total) * 100)} %`)
      .join(", ");
    lines.push(`  ${s.label.padEnd(22)} ${s.turns.turns} turns (${mix}), ${s.turns.conversations} conversations begun, ${s.turns.turnsPerConversation} turns each; Direct Line ${s.held.answered} of ${s.held.messages} messages answered`);
    lines.push(`  ${"".padEnd(22)} database grew ${s.storage.grownKb} KB for ${s.storage.turns} turns and messages of the whole run (about ${s.storage.bytesPerTurn} bytes each)`);
    const errors = { ...s.turns.errors, ...Object.fromEntries(Object.entries(s.held.errors).map(([k, v]) => [`Direct Line ${k}`, v])) };
    if (Object.keys(errors).length > 0) lines.push(`  ${"".padEnd(22)} errors: ${Object.entries(errors).map(([k, v]) => `${k} ×${v}`).join(", ")}`);
  }
  lines.push("", `Note: ${r.note}`);
  return lines.join("\n");
}

/** Replaces the capacity entry of bench/results.json (what `npm run bench` wrote stays). */
function save(result: CapacityResult): string {
  let stored: { machine?: unknown; date?: string; results?: Array<{ kind?: string }> } = {};
  if (existsSync(RESULTS)) stored = JSON.parse(readFileSync(RESULTS, "utf8")) as typeof stored;
  const results = (stored.results ?? []).filter((r) => r.kind !== "capacity");
  results.push({ target: null, ...result } as { kind: string });
  mkdirSync(path.dirname(RESULTS), { recursive: true });
  writeFileSync(RESULTS, `${JSON.stringify({ machine: stored.machine ?? result.machine, date: stored.date ?? result.date, ...stored, results }, null, 2)}\n`);
  return path.relative(ROOT, RESULTS);
}

const WholeNumber = (min: number, max: number) =>
  z.string().regex(/^\d+$/, "must be a whole number").transform(Number).pipe(z.number().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));
const Args = z.strictObject({
  scenarios: z
    .string()
    .default(SCENARIO_NAMES.join(","))
    .transform((s) => [...new Set(s.split(",").map((x) => x.trim()).filter(Boolean))])
    .pipe(z.array(z.enum(SCENARIO_NAMES, { error: `must be one or more of ${SCENARIO_NAMES.join(", ")} (comma-separated)` })).min(1, "must name at least one scenario")),
  seconds: WholeNumber(1, 600).default(15),
  warmup: WholeNumber(0, 60).default(5),
  connections: WholeNumber(1, 1000).default(16),
  held: WholeNumber(0, 5000).default(200),
  every: WholeNumber(1, 600).default(15),
  repeat: WholeNumber(1, 10).default(1),
  "postgres-url": z
    .string()
    .default(DEFAULT_POSTGRES)
    .refine((u) => /^postgres(ql)?:\/\//.test(u) && URL.canParse(u), "must be a postgres:// URL"),
  "no-save": z.boolean().default(false),
  json: z.boolean().default(false),
});

const COMMAND = {
  name: "bench:capacity",
  usage: `usage: npm run bench:capacity -- [--scenarios ${SCENARIO_NAMES.join(",")}] [--seconds 15] [--warmup 5]
                                 [--connections 16] [--held 200] [--every 15] [--repeat 1] [--postgres-url URL] [--no-save] [--json]
  --scenarios LIST   which to measure (default all): sqlite (1 node), postgres (1 node), postgres-2nodes (2 nodes, one database)
  --seconds N        measured time per scenario, after the warm-up (1–600, default 15)
  --warmup N         seconds of load before measuring (0–60, default 5)
  --connections N    visitors sending turns at once, all nodes together (1–1000, default 16)
  --held N           Direct Line conversations held open per node (0–5000, default 200)
  --every N          seconds between two messages of a held conversation (1–600, default 15)
  --repeat N         runs per scenario, in rounds; the median run (by turns/s) is reported (1–10, default 1)
  --postgres-url URL a PostgreSQL server where each PostgreSQL scenario creates and drops a database of its own
                     (default ${DEFAULT_POSTGRES})
  --no-save          do not write the figures into bench/results.json
  --json             the result as JSON on stdout instead of the table
  -h, --help         this text
Starts the compiled server (node dist/src/server/main.js) per scenario and measures turns/s, p50/p99 of
POST /api/messages, the held Direct Line conversations and each node's memory and CPU. Takes about half a minute per scenario.
Exit codes: 0 measured (failed turns are reported, not an error); 1 the bench could not run; 2 bad usage.`,
  options: {
    scenarios: { type: "string" },
    seconds: { type: "string" },
    warmup: { type: "string" },
    connections: { type: "string" },
    held: { type: "string" },
    every: { type: "string" },
    repeat: { type: "string" },
    "postgres-url": { type: "string" },
    "no-save": { type: "boolean" },
    json: { type: "boolean" },
  },
  schema: Args,
} as const;

export function main(argv: string[], io: Io = processIo()): Promise<number> {
  return runCommand(COMMAND, argv, io, async (args, out) => {
    const result = await benchCapacity(
      {
        scenarios: args.scenarios,
        seconds: args.seconds,
        warmup: args.warmup,
        connections: args.connections,
        held: args.held,
        every: args.every,
        repeat: args.repeat,
        postgresUrl: args["postgres-url"],
      },
      (s) => out.stderr(`${s}\n`),
    );
    if (!args["no-save"]) out.stderr(`bench:capacity: wrote ${save(result)}\n`);
    out.stdout(args.json ? `${JSON.stringify(result)}\n` : `${formatCapacity(result)}\n`);
    return EXIT.ok;
  });
}

runIfMain(import.meta, main);
