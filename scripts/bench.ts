/**
 * `npm run bench [-- --sizes 1000,10000] [--questions 3000] [--runs 3] [--no-server] [--no-bot] [--no-web] [--profile]`:
 * index build time, query latency (p50/p90/p99) and memory for the real knowledge base and for
 * synthetic ones, plus server readiness (spawn → GET /readyz 200) with and without a prebuilt
 * index. Prints a table with the targets and writes `bench/results.json`. Not part of `npm test`;
 * a missed target is reported, not an error.
 *
 * Each knowledge base is measured in its own forked process (scripts/bench/worker.ts, with
 * --expose-gc) so its memory figures are its own. `--profile` writes CPU profiles (git-ignored
 * bench/*.cpuprofile) of a second, untimed query pass per knowledge base and of one extra server
 * start, and prints what dominates; the figures in the table never include profiler overhead.
 * Then the web channel under load (200 Direct Line visitors × 5 messages; --no-web skips it), and,
 * if scripts/bench-bot.ts exists, the bot benchmark at the end (see the bottom of this file).
 */
import { fork } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { z } from "zod";
import { EXIT, processIo, runCommand, runIfMain, type Io } from "../src/cli/command.js";
import type { ReadinessResult } from "./bench/server.js";
import { runReadinessBench } from "./bench/server.js";
import type { EngineResult } from "./bench/worker.js";
import { formatWebChannel, runWebChannelBench } from "./bench/directline.js";
import { formatQuality, runQualityBench } from "./bench/quality.js";

const ROOT = path.resolve(import.meta.dirname, "..");
const OUT_DIR = path.join(ROOT, "bench");
const WORKER = path.join(import.meta.dirname, "bench", "worker.ts");

/** The targets of issue #3, section 6. */
const TARGETS = {
  p99At1000Ms: 2,
  readyPrebuiltMs: 1000,
};

interface Target {
  description: string;
  limitMs: number;
  valueMs: number;
  pass: boolean;
}

/** Every entry has `target`: the verdict for the issue's targets, or null where none applies. */
type Result = (EngineResult | ReadinessResult | { kind: string; [key: string]: unknown }) & { target?: Target | null };

const PositiveInt = (what: string) => z.string().regex(/^\d+$/, `must be ${what}`).transform(Number).pipe(z.number().int().min(1, `must be ${what}`));

const COMMAND = {
  name: "bench",
  usage: `usage: npm run bench -- [--sizes 1000,10000] [--questions 3000] [--runs 3] [--no-server] [--no-bot] [--no-web] [--profile]
  --sizes      synthetic knowledge bases to measure, in articles (comma-separated; default 1000,10000)
  --questions  timed questions per knowledge base (default 3000)
  --runs       server starts per readiness figure (default 3)
  --no-server  skip server readiness
  --no-bot     skip the bot benchmark (scripts/bench-bot.ts)
  --no-web     skip the web channel under load
  --profile    write CPU profiles to bench/ and print what dominates
  -h, --help   this text
The table goes to stdout, progress to stderr; the figures also to bench/results.json.
Exit codes: 0 measured (a missed target is reported, not an error); 2 bad usage.`,
  options: {
    sizes: { type: "string" }, questions: { type: "string" }, runs: { type: "string" },
    "no-server": { type: "boolean" }, "no-bot": { type: "boolean" }, "no-web": { type: "boolean" }, profile: { type: "boolean" },
  },
  schema: z.strictObject({
    sizes: z
      .string()
      .default("1000,10000")
      .transform((s) => s.split(",").filter(Boolean).map(Number))
      .pipe(z.array(z.number({ error: "must be article counts, e.g. 1000,10000" }).int("must be article counts, e.g. 1000,10000").min(1, "must be article counts, e.g. 1000,10000")).min(1, "must name at least one size")),
    questions: PositiveInt("a positive whole number").default(3000),
    runs: PositiveInt("a positive whole number").default(3),
    "no-server": z.boolean().default(false),
    "no-bot": z.boolean().default(false),
    "no-web": z.boolean().default(false),
    profile: z.boolean().default(false),
  }),
} as const;
type Args = z.output<typeof COMMAND.schema>;

export function main(argv: string[], io: Io = processIo()): Promise<number> {
  return runCommand(COMMAND, argv, io, (args) => bench(args, io));
}

async function bench(args: Args, io: Io): Promise<number> {
  const { sizes, questions: questionCount, runs } = args;
  function runWorker(spec: string): Promise<EngineResult> {
    return new Promise((resolve, reject) => {
      const child = fork(WORKER, [spec, String(questionCount), args.profile ? OUT_DIR : ""], {
        execArgv: [...process.execArgv, "--expose-gc"],
        stdio: ["ignore", "inherit", "inherit", "ipc"],
      });
      let result: EngineResult | undefined;
      child.on("message", (m) => (result = m as EngineResult));
      child.on("error", reject);
      child.on("exit", (code) => (result ? resolve(result) : reject(new Error(`bench worker ${spec} failed (exit ${code})`))));
    });
  }

  const log = (s: string) => io.stderr(`${s}\n`);
  const print = (s: string) => io.stdout(`${s}\n`);
  mkdirSync(OUT_DIR, { recursive: true });
  const cpus = os.cpus();
  const machine = {
    node: process.version,
    cpus: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? "unknown",
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    /** 1-minute load average when the run started: a busy machine makes every figure slower. */
    loadAverage: Math.round(os.loadavg()[0]! * 100) / 100,
  };
  if (machine.loadAverage > cpus.length / 2) log(`bench: warning — load average ${machine.loadAverage} on ${cpus.length} CPUs; other work is running and the figures will be noisy`);
  const date = new Date().toISOString();

  const engines: EngineResult[] = [];
  const engineErrors: { spec: string; message: string }[] = [];
  for (const spec of ["real", ...sizes.map(String)]) {
    log(`bench: ${spec === "real" ? "real knowledge base" : `${spec} synthetic articles`} …`);
    try {
      engines.push(await runWorker(spec));
    } catch (e) {
      engineErrors.push({ spec, message: (e as Error).message });
      log(`bench: ${(e as Error).message}`);
    }
  }
  const servers: ReadinessResult[] = [];
  const serverErrors: string[] = [];
  if (!args["no-server"]) {
    for (const prebuilt of [true, false]) {
      log(`bench: server readiness, ${prebuilt ? "prebuilt index" : "no prebuilt index"} (${runs} runs) …`);
      try {
        servers.push(await runReadinessBench(prebuilt, runs, args.profile ? OUT_DIR : undefined));
      } catch (e) {
        serverErrors.push(`${prebuilt ? "prebuilt index" : "no prebuilt index"}: ${(e as Error).message}`);
        log(`bench: server readiness failed — ${(e as Error).message}`);
      }
    }
  }

  // Targets.
  const at1000 = engines.find((e) => e.articles === 1000);
  const prebuilt = servers.find((s) => s.prebuiltIndex);
  const results: Result[] = [...engines, ...servers].map((r) => Object.assign(r, { target: null }));
  for (const { spec, message } of engineErrors) results.push({ kind: "engine", name: spec === "real" ? "real (content/)" : `synthetic ${Number(spec).toLocaleString("en")}`, error: message, target: null });
  for (const message of serverErrors) results.push({ kind: "server", name: "server ready (failed)", error: message, target: null });
  if (at1000) {
    (at1000 as Result).target = { description: "p99 query < 2 ms at 1,000 articles", limitMs: TARGETS.p99At1000Ms, valueMs: at1000.queries.p99Ms, pass: at1000.queries.p99Ms < TARGETS.p99At1000Ms };
  }
  if (prebuilt) {
    (prebuilt as Result).target = { description: "ready < 1 s with a prebuilt index", limitMs: TARGETS.readyPrebuiltMs, valueMs: prebuilt.readyMs, pass: prebuilt.readyMs < TARGETS.readyPrebuiltMs };
  }

  // Table.
  const fmt = (x: number | null | undefined, d = 1) => (x === null || x === undefined || Number.isNaN(x) ? "–" : x.toLocaleString("en", { minimumFractionDigits: d, maximumFractionDigits: d }));
  const cols: [string, number, (e: EngineResult) => string][] = [
    ["knowledge base", 18, (e) => e.name],
    ["articles", 9, (e) => e.articles.toLocaleString("en")],
    ["build ms", 10, (e) => fmt(e.build.coldMs, 0)],
    ["load ms¹", 9, (e) => fmt(e.serialized.loadMs, 0)],
    ["index MB²", 10, (e) => fmt(e.serialized.sizeMb, 1)],
    ["queries", 8, (e) => e.queries.count.toLocaleString("en")],
    ["p50 ms", 8, (e) => fmt(e.queries.p50Ms, 3)],
    ["p90 ms", 8, (e) => fmt(e.queries.p90Ms, 3)],
    ["p99 ms", 8, (e) => fmt(e.queries.p99Ms, 3)],
    ["max ms", 8, (e) => fmt(e.queries.maxMs, 2)],
    ["q/s", 7, (e) => e.queries.perSecond.toLocaleString("en")],
    ["top-1³", 7, (e) => `${Math.round(e.queries.top1 * 100)} %`],
    ["RSS MB", 8, (e) => fmt(e.memory.rssMb, 0)],
    ["heap MB", 8, (e) => fmt(e.memory.heapUsedMb, 0)],
    ["index heap MB⁴", 15, (e) => fmt(e.memory.indexHeapMb, 0)],
  ];
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(cols[i]![1]) : c.padStart(cols[i]![1]))).join(" ");
  const out: string[] = [];
  out.push(`Lotse bench — node ${machine.node}, ${machine.cpus} × ${machine.cpuModel}, ${machine.os}, load ${machine.loadAverage}, ${date}`);
  out.push("");
  out.push(line(cols.map(([h]) => h)));
  out.push(line(cols.map(([, w]) => "-".repeat(w))));
  for (const e of engines) out.push(line(cols.map(([, , f]) => f(e))));
  for (const e of engineErrors) out.push(`${e.spec.padEnd(18)} FAILED: ${e.message}`);
  out.push("");
  out.push("build ms: first (cold) KnowledgeEngine.build in a fresh process; warm median in results.json.");
  out.push("queries: timed engine.ask calls after 200 untimed ones; the timed loop stops after 150 s (never before 1,000).");
  out.push("¹ parse the serialised index + loadIndexes + engine, as a start with a prebuilt index does.");
  out.push("² size of the serialised index (DATA_DIR/search-index.json).");
  out.push("³ best article (or none/handoff) is the one the question was drawn from — a sanity check, not the eval.");
  out.push("⁴ heap used after the build minus before it (after GC); RSS and heap are after the build.");
  if (servers.length > 0 || serverErrors.length > 0) {
    out.push("");
    out.push(`server readiness: spawn \`node dist/src/server/main.js\` (what npm start runs) → GET /readyz 200, min of ${runs}`);
    for (const s of servers) {
      const src = s.indexSource ? `index ${s.indexSource}, knowledge base opened in ${s.knowledgeLoadMs} ms` : "index source not logged";
      const failed = s.problems.length > 0 ? `; ${s.problems.length} problem(s): ${s.problems[0]!.split("\n")[0]}` : "";
      out.push(`  ${(s.prebuiltIndex ? "prebuilt index" : "no prebuilt index").padEnd(20)}${fmt(s.readyMs, 0).padStart(7)} ms   (runs ${s.runsMs.map((r) => fmt(r, 0)).join(" / ")} ms; ${src}${failed})`);
    }
    for (const e of serverErrors) out.push(`  FAILED ${e.split("\n")[0]}`);
    for (const s of servers) {
      if (!s.profile) continue;
      out.push(`  CPU profile of one start, ${s.prebuiltIndex ? "prebuilt index" : "no prebuilt index"} (${s.profile.file}): main thread busy ${fmt(s.profile.busyMs, 0)} ms of ${s.profile.totalMs} ms` +
        (s.loaderProfile ? `, module loader thread (tsx) busy ${fmt(s.loaderProfile.busyMs, 0)} ms` : "") + "; main thread own time by module:");
      for (const r of s.profile.byModule.slice(0, 10)) out.push(`    ${fmt(r.ms, 0).padStart(5)} ms  ${r.module}`);
    }
  }
  out.push("");
  out.push("targets");
  const verdict = (t: Target | null | undefined, what: string, unit: (v: number) => string) =>
    t ? `  ${t.description.padEnd(40)}${unit(t.valueMs).padStart(10)}   ${t.pass ? "PASS" : "MISS"}` : `  ${what.padEnd(40)}${"n/a".padStart(10)}   (not measured)`;
  out.push(verdict((at1000 as Result | undefined)?.target, "p99 query < 2 ms at 1,000 articles", (v) => `${fmt(v, 3)} ms`));
  out.push(verdict((prebuilt as Result | undefined)?.target, "ready < 1 s with a prebuilt index", (v) => `${fmt(v, 0)} ms`));
  for (const e of engines) {
    out.push("");
    out.push(`slowest questions, ${e.name}: ${e.slowest.slice(0, 3).map((s) => `${fmt(s.ms, 2)} ms "${s.q}"`).join("; ")}`);
    if (e.profile) {
      out.push(`  CPU profile of the query loop (${e.profile.file}, ${e.profile.totalMs} ms) — self time:`);
      for (const r of e.profile.self.slice(0, 10)) out.push(`    ${fmt(r.share * 100, 1).padStart(5)} %  ${r.fn}`);
      out.push("  inclusive time:");
      for (const r of e.profile.total.slice(0, 12)) out.push(`    ${fmt(r.share * 100, 1).padStart(5)} %  ${r.fn}`);
    }
  }
  // Quality: the eval figures beside plain Lunr (scripts/bench/quality.ts).
  try {
    const quality = await runQualityBench();
    out.push("", formatQuality(quality));
    results.push({ ...quality, target: null });
  } catch (e) {
    out.push("", `quality FAILED: ${(e as Error).message}`);
  }
  print(out.join("\n"));

  const file = path.join(OUT_DIR, "results.json");
  // `npm run bench:capacity` stores its figures in this file too and is not run here: keep them.
  results.push(...storedCapacity(file));
  const write = () => writeFileSync(file, `${JSON.stringify({ machine, date, results }, null, 2)}\n`);
  write();
  log(`bench: wrote ${path.relative(ROOT, file)}`);

  if (!args["no-web"]) {
    log("bench: web channel, 200 Direct Line visitors × 5 messages …");
    try {
      const web = await runWebChannelBench();
      print(`\n${formatWebChannel(web)}`);
      results.push({ target: null, ...web });
    } catch (e) {
      log(`bench: web channel failed — ${(e as Error).message}`);
      results.push({ kind: "web", name: "web channel (failed)", error: (e as Error).message, target: null });
    }
    write();
  }

  // ---------------------------------------------------------------------------------------------
  // Bot benchmark (optional; skipped with --no-bot). If scripts/bench-bot.ts exists, its exported
  // `runBotBench()` (or `benchBot()`) runs here with `{ profile }`; `formatBotBench(result)`, when
  // exported, prints it. Whatever it returns (one object or an array of them) is appended to
  // `results` as entries with kind "bot" and bench/results.json is rewritten. No file: skipped.
  const BOT_BENCH = path.join(import.meta.dirname, "bench-bot.ts");
  if (!args["no-bot"] && existsSync(BOT_BENCH)) {
    type BotRun = (opts?: { profile?: boolean }) => unknown;
    const mod = (await import(pathToFileURL(BOT_BENCH).href)) as { runBotBench?: BotRun; benchBot?: BotRun; formatBotBench?: (r: never) => string };
    const run = mod.runBotBench ?? mod.benchBot;
    if (typeof run === "function") {
      log("bench: bot (scripts/bench-bot.ts) …");
      const bot = await run({ profile: args.profile });
      if (bot !== undefined && bot !== null) {
        const entries = Array.isArray(bot) ? bot : [bot];
        if (typeof mod.formatBotBench === "function") for (const r of entries) print(`\n${mod.formatBotBench(r as never)}`);
        for (const r of entries) results.push({ target: null, ...(r as object), kind: "bot" });
        write();
        log(`bench: wrote ${path.relative(ROOT, file)} (with the bot figures)`);
      }
    }
  }
  return EXIT.ok;
}

function storedCapacity(file: string): Result[] {
  try {
    const stored = JSON.parse(readFileSync(file, "utf8")) as { results?: Result[] };
    return (stored.results ?? []).filter((r) => r.kind === "capacity");
  } catch {
    return [];
  }
}

runIfMain(import.meta, main);
