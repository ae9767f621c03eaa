/**
 * `npm run bench:bot [-- --seconds 10] [--connections 20] [--no-botbuilder] [--profile] [--json]`:
 * throughput and latency of one Lotse answer turn (search + decision + answer card,
 * `expectReplies`, unauthenticated local mode) through POST /api/messages, beside a bare
 * Microsoft 365 Agents SDK echo bot and a bare botbuilder 4.23 echo bot with the same delivery
 * mode, in one run. Lotse no longer depends on botbuilder: the bench installs it on demand into
 * bench/.botbuilder (git-ignored; about 130 MB, once) and falls back to the last recorded figure
 * if that is impossible. Each bot runs in its own process; autocannon drives it from this
 * one. Every request is a new conversation, so Lotse always writes fresh state (worst case).
 *
 * `npm run bench` can include it: `import { benchBot } from "./bench-bot.js"`.
 */
import { execFile, fork, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import autocannon from "autocannon";
import { z } from "zod";
import { EXIT, processIo, runCommand, runIfMain, type Io } from "../src/cli/command.js";
import { summarizeProfile, type CpuProfile, type ProfileSummary } from "./bench/profile.js";

const ROOT = path.resolve(import.meta.dirname, "..");
const SERVE = path.join(import.meta.dirname, "bench-bot", "serve.ts");
export const ANSWER_QUESTION = "Was ist eine Einstiegsqualifizierung?";
/** The archived SDK's last release, measured beside its successor. */
const BOTBUILDER = "botbuilder@4.23.3";
const BOTBUILDER_DIR = path.join(ROOT, "bench", ".botbuilder");

export interface BotBenchOptions {
  seconds?: number;
  connections?: number;
  /** Write a CPU profile of the Lotse process's measured window to bench/bot-lotse.cpuprofile and summarise it. */
  profile?: boolean;
  /** Also run the botbuilder echo bot (installed on demand); default true. */
  botbuilder?: boolean;
  /** Progress lines (the install), for stderr. */
  progress?: (line: string) => void;
}

export interface LoadFigures {
  bot: "lotse" | "echo";
  /** Which SDK the echo bot runs on (absent in runs before the move: botbuilder). */
  sdk?: "agents" | "botbuilder";
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  non2xx: number;
  errors: number;
}

/** The bare botbuilder echo bot as last measured (bench/results.json), before botbuilder was removed. */
export interface RecordedFigures extends LoadFigures {
  /** When and where it was measured. */
  recorded: string;
}

export interface BotBenchResult {
  kind: "bot";
  question: string;
  connections: number;
  seconds: number;
  lotse: LoadFigures;
  echo: LoadFigures;
  /** Lotse req/s ÷ echo req/s (the Agents SDK echo bot); the target is ≥ 1.0. */
  ratio: number;
  /** The botbuilder echo bot: measured in this run, or (`recorded` set) the last stored figure. */
  botbuilderEcho?: LoadFigures | RecordedFigures;
  profile?: ProfileSummary;
}

function activity(serviceUrl: string): string {
  const now = new Date().toISOString();
  return JSON.stringify({
    type: "message",
    id: randomUUID(),
    timestamp: now,
    serviceUrl,
    channelId: "emulator",
    from: { id: `user-${randomUUID()}`, name: "User", role: "user" },
    recipient: { id: "bot", name: "Bot", role: "bot" },
    conversation: { id: randomUUID() },
    locale: "de-DE",
    text: ANSWER_QUESTION,
    textFormat: "plain",
    deliveryMode: "expectReplies",
  });
}

interface Served {
  url: string;
  child: ChildProcess;
}

type Kind = "lotse" | "echo" | "botbuilder";

function serve(kind: Kind): Promise<Served> {
  const child = fork(SERVE, kind === "botbuilder" ? [kind, BOTBUILDER_DIR] : [kind], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
  return new Promise((resolve, reject) => {
    child.once("message", (msg) => resolve({ url: `http://127.0.0.1:${(msg as { port: number }).port}`, child }));
    child.once("exit", (code) => reject(new Error(`bench-bot: the ${kind} server exited with code ${code} before it was ready`)));
  });
}

/** Sends a message to the server and waits for its answer (`reply`). */
function ask({ child }: Served, msg: unknown, reply: string): Promise<void> {
  return new Promise((resolve) => {
    const onMessage = (answer: unknown) => {
      if (answer !== reply) return;
      child.off("message", onMessage);
      resolve();
    };
    child.on("message", onMessage);
    child.send(msg as string);
  });
}

function stop({ child }: Served): Promise<void> {
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.send("stop");
  });
}

async function load(url: string, connections: number, seconds: number): Promise<autocannon.Result> {
  return autocannon({
    url: `${url}/api/messages`,
    connections,
    duration: seconds,
    method: "POST",
    headers: { "content-type": "application/json" },
    requests: [
      {
        setupRequest: (req) => ({ ...req, body: activity("http://127.0.0.1:9/") }),
      },
    ],
  });
}

/** One request first: a benchmark of error responses would be worthless. */
async function checkTurn(kind: Kind, url: string): Promise<void> {
  const res = await fetch(`${url}/api/messages`, { method: "POST", headers: { "content-type": "application/json" }, body: activity("http://127.0.0.1:9/") });
  const body = (await res.json()) as { activities?: Array<{ text?: string; attachments?: Array<{ contentType: string }> }> };
  const ok =
    res.status === 200 &&
    (kind !== "lotse"
      ? body.activities?.[0]?.text === `Echo: ${ANSWER_QUESTION}`
      : body.activities?.[0]?.attachments?.[0]?.contentType === "application/vnd.microsoft.card.adaptive");
  if (!ok) throw new Error(`bench-bot: the ${kind} bot did not answer as expected (status ${res.status})`);
}

/**
 * Both bots get the same treatment: one checked turn, a warm-up (JIT, caches, SQLite pages),
 * then the measured window. A profile covers that window only, not startup or warm-up.
 */
async function measure(kind: Kind, connections: number, seconds: number, profileFile?: string): Promise<LoadFigures> {
  const served = await serve(kind);
  try {
    await checkTurn(kind, served.url);
    await load(served.url, connections, Math.min(2, seconds));
    if (profileFile) await ask(served, "profile:start", "profile:started");
    const r = await load(served.url, connections, seconds);
    if (profileFile) await ask(served, { profileStop: profileFile }, "profile:written");
    return {
      bot: kind === "lotse" ? "lotse" : "echo",
      ...(kind === "echo" ? { sdk: "agents" as const } : kind === "botbuilder" ? { sdk: "botbuilder" as const } : {}),
      requestsPerSecond: Math.round(r.requests.average),
      p50Ms: r.latency.p50,
      p99Ms: r.latency.p99,
      requests: r.requests.total,
      non2xx: r.non2xx,
      errors: r.errors + r.timeouts,
    };
  } finally {
    await stop(served);
  }
}

/**
 * The echo figures of the last stored bot run measured with botbuilder (runs after the move
 * mark their echo bot `sdk: "agents"`).
 */
export function recordedBotbuilderEcho(file = path.join(ROOT, "bench", "results.json")): RecordedFigures | undefined {
  try {
    const stored = JSON.parse(readFileSync(file, "utf8")) as { date?: string; machine?: { cpus?: number; cpuModel?: string }; results?: Array<Record<string, unknown>> };
    const bot = (stored.results ?? []).filter((r) => r.kind === "bot").at(-1) as { echo?: LoadFigures & { sdk?: string }; botbuilderEcho?: LoadFigures | RecordedFigures } | undefined;
    if (bot?.botbuilderEcho) {
      return "recorded" in bot.botbuilderEcho ? bot.botbuilderEcho
        : { ...bot.botbuilderEcho, recorded: `${stored.date ?? "?"}, ${stored.machine?.cpus ?? "?"} × ${stored.machine?.cpuModel ?? "?"}` };
    }
    if (!bot?.echo || bot.echo.sdk) return undefined;
    const { sdk: _sdk, ...echo } = bot.echo;
    return { ...echo, recorded: `${stored.date ?? "?"}, ${stored.machine?.cpus ?? "?"} × ${stored.machine?.cpuModel ?? "?"}` };
  } catch {
    return undefined;
  }
}

/** botbuilder in bench/.botbuilder, installed from the npm registry the first time (pinned; Lotse's lockfile is untouched). */
async function installBotbuilder(progress: (line: string) => void): Promise<boolean> {
  if (existsSync(path.join(BOTBUILDER_DIR, "node_modules", "botbuilder", "package.json"))) return true;
  progress(`bench:bot: installing ${BOTBUILDER} into ${path.relative(ROOT, BOTBUILDER_DIR)} (once, for the side-by-side echo bot) …`);
  mkdirSync(BOTBUILDER_DIR, { recursive: true });
  return new Promise((resolve) => {
    execFile("npm", ["install", "--no-save", "--no-package-lock", "--no-audit", "--no-fund", "--prefix", BOTBUILDER_DIR, BOTBUILDER], { cwd: BOTBUILDER_DIR, timeout: 300_000 }, (err, _out, stderr) => {
      if (err) progress(`bench:bot: could not install ${BOTBUILDER} (${stderr.trim().split("\n").at(-1) || err.message}); showing the recorded figure instead`);
      resolve(!err);
    });
  });
}

export async function benchBot(opts: BotBenchOptions = {}): Promise<BotBenchResult> {
  const seconds = opts.seconds ?? 10;
  const connections = opts.connections ?? 20;
  const profileFile = opts.profile ? path.join(ROOT, "bench", "bot-lotse.cpuprofile") : undefined;
  if (profileFile) mkdirSync(path.dirname(profileFile), { recursive: true });
  const withBotbuilder = opts.botbuilder !== false && (await installBotbuilder(opts.progress ?? (() => {})));
  const echo = await measure("echo", connections, seconds);
  const botbuilder = withBotbuilder ? await measure("botbuilder", connections, seconds) : undefined;
  const lotse = await measure("lotse", connections, seconds, profileFile);
  const result: BotBenchResult = {
    kind: "bot",
    question: ANSWER_QUESTION,
    connections,
    seconds,
    lotse,
    echo,
    ratio: Math.round((lotse.requestsPerSecond / Math.max(1, echo.requestsPerSecond)) * 100) / 100,
  };
  const botbuilderEcho = botbuilder ?? recordedBotbuilderEcho();
  if (botbuilderEcho) result.botbuilderEcho = botbuilderEcho;
  if (profileFile) result.profile = summarizeProfile(JSON.parse(readFileSync(profileFile, "utf8")) as CpuProfile, path.relative(ROOT, profileFile));
  return result;
}

export function formatBotBench(r: BotBenchResult): string {
  const row = (f: LoadFigures, label = f.bot === "lotse" ? "Lotse answer turn" : "Agents SDK echo bot") =>
    `| ${label} | ${f.requestsPerSecond} | ${f.p50Ms} | ${f.p99Ms} | ${f.non2xx + f.errors} |`;
  const lines = [
    `Bot turn, expectReplies, ${r.connections} connections, ${r.seconds} s each ("${r.question}")`,
    "",
    "| bot | req/s | p50 ms | p99 ms | errors |",
    "|---|---:|---:|---:|---:|",
    row(r.lotse),
    row(r.echo),
    ...(r.botbuilderEcho
      ? [row(r.botbuilderEcho, "recorded" in r.botbuilderEcho ? `botbuilder 4.23 echo bot (recorded ${r.botbuilderEcho.recorded}, not run here)` : "botbuilder 4.23 echo bot")]
      : []),
    "",
    `ratio Lotse / Agents SDK echo: ${r.ratio.toFixed(2)}× (target ≥ 1.0×: ${r.ratio >= 1 ? "met" : "missed"})`,
  ];
  if (r.botbuilderEcho) {
    const ratio = (a: LoadFigures, b: LoadFigures) => (Math.round((a.requestsPerSecond / Math.max(1, b.requestsPerSecond)) * 100) / 100).toFixed(2);
    lines.push(`ratio Lotse / botbuilder echo: ${ratio(r.lotse, r.botbuilderEcho)}×${"recorded" in r.botbuilderEcho ? " (different run; compare with care)" : ""}`);
    lines.push(`ratio Agents SDK echo / botbuilder echo: ${ratio(r.echo, r.botbuilderEcho)}×`);
  }
  if (r.profile) {
    lines.push("", `CPU profile of the Lotse process (${r.profile.file}), own time by module:`);
    for (const m of r.profile.byModule.slice(0, 10)) lines.push(`  ${(m.share * 100).toFixed(1).padStart(5)} %  ${m.module}`);
    lines.push("top functions by own time:");
    for (const f of r.profile.self.slice(0, 12)) lines.push(`  ${(f.share * 100).toFixed(1).padStart(5)} %  ${f.fn}`);
  }
  return lines.join("\n");
}

const WholeNumber = (min: number, max: number) =>
  z.string().regex(/^\d+$/, "must be a whole number").transform(Number).pipe(z.number().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));
const Args = z.strictObject({
  seconds: WholeNumber(1, 600).default(10),
  connections: WholeNumber(1, 1000).default(20),
  profile: z.boolean().default(false),
  "no-botbuilder": z.boolean().default(false),
  json: z.boolean().default(false),
});

const COMMAND = {
  name: "bench:bot",
  usage: `usage: npm run bench:bot -- [--seconds 10] [--connections 20] [--no-botbuilder] [--profile] [--json]
  --seconds N       how long autocannon drives each bot (1–600, default 10)
  --connections N   parallel connections (1–1000, default 20)
  --no-botbuilder   skip the botbuilder 4.23 echo bot (otherwise installed once into bench/.botbuilder)
  --profile         also record a CPU profile of the Lotse process and list where the time goes
  --json            the result as JSON on stdout instead of the table
  -h, --help        this text
Compares a Lotse answer turn through POST /api/messages with bare Agents SDK and botbuilder 4.23 echo bots.
Exit codes: 0 measured (a missed aim is reported, not an error); 1 the bench could not run; 2 bad usage.`,
  options: {
    seconds: { type: "string" },
    connections: { type: "string" },
    profile: { type: "boolean" },
    "no-botbuilder": { type: "boolean" },
    json: { type: "boolean" },
  },
  schema: Args,
} as const;

export function main(argv: string[], io: Io = processIo()): Promise<number> {
  return runCommand(COMMAND, argv, io, async (args, out) => {
    const result = await benchBot({
      seconds: args.seconds, connections: args.connections, profile: args.profile, botbuilder: !args["no-botbuilder"],
      progress: (line) => io.stderr(`${line}\n`),
    });
    out.stdout(args.json ? `${JSON.stringify(result)}\n` : `${formatBotBench(result)}\n`);
    return EXIT.ok;
  });
}

runIfMain(import.meta, main);
