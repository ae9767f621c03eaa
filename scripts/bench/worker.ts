/**
 * One knowledge-base benchmark in its own process (forked by scripts/bench.ts with --expose-gc),
 * so that memory figures belong to this knowledge base alone. Reports one `EngineResult` over IPC.
 *
 *   tsx scripts/bench/worker.ts real|<article count> <questions> [profile-dir]
 */
import { writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import path from "node:path";
import { defaultDecisionConfig } from "../../src/config.js";
import { loadEvalSet } from "../../src/eval/evaluate.js";
import type { AskResult } from "../../src/knowledge/index.js";
import { KnowledgeEngine } from "../../src/knowledge/index.js";
import { loadKnowledgeBase, type KnowledgeBase } from "../../src/knowledge/index.js";
import { hasErrors } from "../../src/knowledge/index.js";
import { loadIndexes, serializeIndexes, type SerializedIndexes } from "../../src/knowledge/index.js";
import { realQuestions, syntheticKnowledgeBase, syntheticQuestions, type BenchQuestion } from "./corpus.js";
import { summarizeProfile, type ProfileSummary } from "./profile.js";
import { MB, memoryNow, percentile, round } from "./util.js";

export interface EngineResult {
  kind: "engine";
  name: string;
  articles: number;
  /** Loading the YAML (real) or generating the articles (synthetic). */
  prepareMs: number;
  build: { coldMs: number; warmMs: number | null; runs: number };
  /** Serialised index (what `build:index` writes) and loading it back, as a start-up does. */
  serialized: { sizeMb: number; loadMs: number };
  queries: {
    count: number;
    warmup: number;
    p50Ms: number;
    p90Ms: number;
    p99Ms: number;
    maxMs: number;
    meanMs: number;
    perSecond: number;
    /** Share of questions whose best article (or none/handoff) is the one they were drawn from. */
    top1: number;
    outcomes: Record<"answer" | "clarify" | "handoff" | "none", number>;
  };
  memory: { rssMb: number; heapUsedMb: number; indexHeapMb: number; afterQueries: { rssMb: number; heapUsedMb: number } };
  /** The slowest questions, for diagnosis (not stable between machines). */
  slowest: { q: string; ms: number }[];
  profile?: ProfileSummary;
}

const ROOT = path.resolve(import.meta.dirname, "../..");
const TIME_BUDGET_MS = 150_000;
const WARMUP = 200;
const MIN_QUESTIONS = 1000;
const CONTENT_DIR = path.join(ROOT, "content");
const EVAL_SET = path.join(ROOT, "tests/eval/questions.yaml");

export async function runEngineBench(spec: string, questionCount: number, profileDir?: string): Promise<EngineResult> {
  const evalSet = loadEvalSet(EVAL_SET);
  const started = performance.now();
  const loaded = loadKnowledgeBase(CONTENT_DIR);
  if (hasErrors(loaded.problems)) throw new Error("content/ has errors; run npm run content:check");
  let kb: KnowledgeBase;
  let questions: BenchQuestion[];
  let name: string;
  if (spec === "real") {
    kb = loaded.kb;
    questions = realQuestions(evalSet, questionCount + WARMUP);
    name = "real (content/)";
  } else {
    const count = Number(spec);
    kb = syntheticKnowledgeBase(loaded.kb, count);
    questions = syntheticQuestions(kb, loaded.kb, evalSet, questionCount + WARMUP);
    name = `synthetic ${count.toLocaleString("en")}`;
  }
  const prepareMs = performance.now() - started;

  // Build: the first (cold) build is what a start without a prebuilt index pays.
  const before = memoryNow();
  let t = performance.now();
  let engine = KnowledgeEngine.build(kb, defaultDecisionConfig());
  const coldMs = performance.now() - t;
  const after = memoryNow();
  const runs = kb.articles.length <= 100 ? 5 : kb.articles.length <= 1000 ? 3 : 1;
  const warm: number[] = [];
  for (let i = 1; i < runs; i++) {
    t = performance.now();
    engine = KnowledgeEngine.build(kb, defaultDecisionConfig());
    warm.push(performance.now() - t);
  }
  warm.sort((a, b) => a - b);

  // Queries: one untimed pass over the first questions warms the JIT, then every question once.
  // The timed loop stops early after TIME_BUDGET_MS (never before MIN_QUESTIONS), so that a large
  // synthetic knowledge base with slow queries does not keep the bench running for many minutes.
  // The engine caches answers, so warm-up questions must differ from the timed ones: the timed
  // questions are all distinct and each is a cache miss, i.e. a real search.
  const warmupQuestions = questions.slice(questionCount);
  questions = questions.slice(0, questionCount);
  const warmup = warmupQuestions.length;
  for (const q of warmupQuestions) engine.ask(q.q);
  const times = new Float64Array(questions.length);
  const predicted: string[] = new Array(questions.length);
  const outcome: AskResult["outcome"][] = new Array(questions.length);
  const loopStart = performance.now();
  for (let i = 0; i < questions.length; i++) {
    if (i >= MIN_QUESTIONS && performance.now() - loopStart > TIME_BUDGET_MS) {
      questions = questions.slice(0, i);
      break;
    }
    const s = performance.now();
    const r = engine.ask(questions[i]!.q);
    times[i] = performance.now() - s;
    outcome[i] = r.outcome;
    predicted[i] = r.outcome === "handoff" || r.outcome === "none" ? r.outcome : (r.answer?.id ?? r.alternatives[0]?.id ?? "none");
  }
  const loopMs = performance.now() - loopStart;
  const afterQueries = memoryNow();
  // Profile a second pass, so the profiler's overhead never reaches the figures above. `explain`
  // is `ask` without the answer cache (every question here has been asked already).
  let profile: ProfileSummary | undefined;
  if (profileDir) {
    const session = new Session();
    session.connect();
    await session.post("Profiler.enable");
    await session.post("Profiler.setSamplingInterval", { interval: 250 });
    await session.post("Profiler.start");
    for (const q of questions) engine.explain(q.q);
    const { profile: cpuProfile } = await session.post("Profiler.stop");
    session.disconnect();
    const slug = name.replace(/[^a-z0-9]+/gi, "-").replace(/^-|-$/g, "").toLowerCase();
    const file = path.join(profileDir, `queries-${slug}.cpuprofile`);
    writeFileSync(file, JSON.stringify(cpuProfile));
    profile = summarizeProfile(cpuProfile, path.relative(ROOT, file));
  }

  const outcomes = { answer: 0, clarify: 0, handoff: 0, none: 0, flow: 0 };
  let right = 0;
  for (let i = 0; i < questions.length; i++) {
    outcomes[outcome[i]!]++;
    if (questions[i]!.expect.includes(predicted[i]!)) right++;
  }
  const timed = times.subarray(0, questions.length);
  const sorted = [...timed].sort((a, b) => a - b);
  const order = [...timed.keys()].sort((a, b) => timed[b]! - timed[a]!);

  // Serialised index round trip, as `build:index` and a start with a prebuilt index do.
  const json = JSON.stringify(serializeIndexes(engine.indexes, kb));
  t = performance.now();
  const restored = loadIndexes(JSON.parse(json) as SerializedIndexes);
  new KnowledgeEngine(kb, restored, defaultDecisionConfig());
  const loadMs = performance.now() - t;

  const ms = (x: number) => round(x, 3);
  return {
    kind: "engine",
    name,
    articles: kb.articles.length,
    prepareMs: round(prepareMs, 1),
    build: { coldMs: round(coldMs, 1), warmMs: warm.length > 0 ? round(percentile(warm, 50), 1) : null, runs },
    serialized: { sizeMb: round(Buffer.byteLength(json) / MB, 2), loadMs: round(loadMs, 1) },
    queries: {
      count: questions.length,
      warmup,
      p50Ms: ms(percentile(sorted, 50)),
      p90Ms: ms(percentile(sorted, 90)),
      p99Ms: ms(percentile(sorted, 99)),
      maxMs: ms(sorted[sorted.length - 1] ?? Number.NaN),
      meanMs: ms(loopMs / questions.length),
      perSecond: Math.round(questions.length / (loopMs / 1000)),
      top1: round(right / questions.length, 3),
      outcomes,
    },
    memory: { rssMb: after.rssMb, heapUsedMb: after.heapUsedMb, indexHeapMb: round(after.heapUsedMb - before.heapUsedMb, 1), afterQueries },
    slowest: order.slice(0, 5).map((i) => ({ q: questions[i]!.q, ms: ms(times[i]!) })),
    ...(profile ? { profile } : {}),
  };
}

// Run as a forked worker: argv = [spec, questions, profileDir?]; the result goes back over IPC.
if (process.send && process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const [spec = "real", count = "3000", profileDir] = process.argv.slice(2);
  runEngineBench(spec, Number(count), profileDir || undefined).then(
    (result) => process.send!(result, () => process.exit(0)),
    (err: unknown) => {
      process.stderr.write(`bench worker ${spec}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exit(1);
    },
  );
}
