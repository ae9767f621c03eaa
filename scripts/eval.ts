/**
 * `npm run eval [-- --set dev|holdout|FILE] [--misses] [--fit] [--json]`: quality of Lotse's
 * search and decision on a labelled question set, beside a plain-Lunr baseline.
 * `--fit-person-requests [--out FILE]` instead fits the model that recognises requests for a
 * person (src/knowledge/text-model.ts) on the set and writes it as a module, by default
 * src/knowledge/person-model.ts; `--fit-scope [--out FILE]` the model that recognises questions
 * Lotse does not cover (src/knowledge/scope.ts), by default src/knowledge/scope-model.ts;
 * `--fit-asked-questions [--out FILE]` writes the set's in-scope questions for the article models
 * to learn from (src/knowledge/asked-questions.ts). `--folds K` adds figures
 * with the article model trained without each fold's questions (src/eval/evaluate.ts).
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { EXIT, processIo, runCommand, runIfMain, UsageError, type Io } from "../src/cli/command.js";
import { loadConfig } from "../src/config.js";
import { askedByArticle, calibration, evaluateBaseline, evaluateEngine, evaluateHeldOut, evaluateOutOfFold, fitConfidenceModel, loadEvalSet, type EvalQuestion, type Metrics } from "../src/eval/evaluate.js";
import { FOREIGN_LANGUAGES, openKnowledgeEngine } from "../src/knowledge/index.js";
import { compileTextModel, fitTextModel, textProbability, type TextSample } from "../src/knowledge/text-model.js";
import type { AskedQuestions } from "../src/knowledge/article-classifier.js";

const SETS: Record<string, string> = { dev: "tests/eval/questions.yaml", holdout: "tests/eval/holdout.yaml" };

const COMMAND = {
  name: "eval",
  usage: `usage: npm run eval -- [--set dev|holdout|FILE] [--misses] [--fit] [--fit-person-requests|--fit-scope|--fit-asked-questions [--out FILE]] [--folds K] [--json]
  --set      the labelled questions: dev (tests/eval/questions.yaml, default), holdout, or a YAML file
  --misses   list the questions Lotse got wrong
  --fit      fit the confidence model on the set and print it
  --fit-person-requests
             fit the model for requests for a person on the set and write it as a module
  --fit-scope
             fit the model for questions Lotse does not cover on the set and write it as a module
  --fit-asked-questions
             write the set's in-scope questions as examples for the article models
  --out      where a --fit-… option writes (default src/knowledge/person-model.ts, scope-model.ts, asked-questions.ts)
  --folds    also measure with the article model trained without each of K folds of the set (2–20)
  --json     the metrics as one JSON object
  -h, --help this text
Exit codes: 0 measured (the figures are reported, not judged); 2 bad usage, an unreadable or invalid set, or bad configuration.`,
  options: { set: { type: "string" }, misses: { type: "boolean" }, fit: { type: "boolean" }, "fit-person-requests": { type: "boolean" }, "fit-scope": { type: "boolean" }, "fit-asked-questions": { type: "boolean" }, folds: { type: "string" }, out: { type: "string" }, json: { type: "boolean" } },
  schema: z.strictObject({
    set: z.string().min(1, "must not be empty").max(4096, "must be at most 4096 characters").default("dev"),
    misses: z.boolean().default(false),
    fit: z.boolean().default(false),
    "fit-person-requests": z.boolean().default(false),
    "fit-scope": z.boolean().default(false),
    "fit-asked-questions": z.boolean().default(false),
    folds: z.coerce.number().int("must be a whole number").min(2, "must be at least 2").max(20, "must be at most 20").optional(),
    out: z.string().min(1, "must not be empty").max(4096, "must be at most 4096 characters").optional(),
    json: z.boolean().default(false),
  }),
} as const;

/** Why a set cannot be used, in one line without a stack trace. */
function whyUnusable(err: unknown): string {
  const e = err as NodeJS.ErrnoException & { issues?: { path: PropertyKey[]; message: string }[] };
  return e.syscall ? `cannot read it (${e.code})`
    : e.name === "YAMLParseError" ? `not valid YAML: ${e.message.split("\n")[0]}`
    : e.issues ? e.issues.slice(0, 5).map((i) => `${i.path.join(".") || "(file)"}: ${i.message}`).join("; ")
    : e.message.split("\n")[0]!;
}

export function main(argv: string[], io: Io = processIo()): Promise<number> {
  return runCommand(COMMAND, argv, io, (args) => {
    const config = loadConfig(io.env);
    const file = path.resolve(SETS[args.set] ?? args.set);
    let questions;
    try {
      questions = loadEvalSet(file);
    } catch (err) {
      throw new UsageError(`--set: ${file}: ${whyUnusable(err)}`);
    }
    const fits = (["fit-person-requests", "fit-scope", "fit-asked-questions"] as const).filter((k) => args[k]);
    if (fits.length > 1) throw new UsageError(`${fits.map((k) => `--${k}`).join(" and ")}: one at a time`);
    if (args.out && fits.length === 0) throw new UsageError("--out: only with --fit-person-requests, --fit-scope or --fit-asked-questions");
    const set = path.relative(process.cwd(), file);
    if (args["fit-asked-questions"]) return writeAskedQuestions(questions, set, args.out ? path.resolve(args.out) : fileURLToPath(ASKED_FILE), io);
    const fitting = args["fit-person-requests"] ? MODELS.person : args["fit-scope"] ? MODELS.scope : undefined;
    if (fitting) return fitModel(fitting, questions, set, args.out ? path.resolve(args.out) : fileURLToPath(fitting.file), io);
    const { engine } = openKnowledgeEngine({ contentDir: config.contentDir, dataDir: config.dataDir, decision: config.decision });
    const print = (line = "") => io.stdout(`${line}\n`);

    const started = performance.now();
    const report = evaluateEngine(engine, questions);
    const ms = performance.now() - started;
    const baseline = evaluateBaseline(engine.articles, questions);
    const outOfFold = args.folds ? evaluateOutOfFold(engine, questions, args.folds) : undefined;
    const heldOut = FOREIGN_LANGUAGES.map((lang) => evaluateHeldOut(engine, lang, config.decision));

    if (args.json) {
      const perLanguage = Object.fromEntries(heldOut.map(({ misses, ...m }) => [m.lang, m]));
      print(JSON.stringify({ set: path.relative(process.cwd(), file), lotse: report.metrics, baseline, heldOut: perLanguage, ...(outOfFold ? { outOfFold } : {}) }));
      return EXIT.ok;
    }

    const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
    const rows: [string, (m: Metrics) => string][] = [
      ["top-1 accuracy", (m) => pct(m.top1)],
      ["top-3 recall", (m) => pct(m.top3)],
      ["MRR", (m) => m.mrr.toFixed(3)],
      ["answered directly, right", (m) => pct(m.answeredRight)],
      ["answered directly, wrong", (m) => pct(m.answeredWrong)],
      ["clarified", (m) => pct(m.clarified)],
      ["out-of-scope rejection", (m) => pct(m.oosRejection)],
      ["handoff detection", (m) => pct(m.handoffDetection)],
      ["false handoffs", (m) => String(m.falseHandoffs)],
    ];
    const m = report.metrics;
    print(`eval set: ${path.relative(process.cwd(), file)} — ${m.inScope} in scope, ${m.outOfScope} out of scope, ${m.handoffs} handoff requests; ${engine.articles.length} articles`);
    print(`${"metric".padEnd(28)}${"Lotse".padStart(10)}${"plain Lunr".padStart(12)}${outOfFold ? `${"Lotse, out of fold".padStart(20)}` : ""}`);
    for (const [name, f] of rows) print(`${name.padEnd(28)}${f(m).padStart(10)}${f(baseline).padStart(12)}${outOfFold ? f(outOfFold).padStart(20) : ""}`);
    if (outOfFold) print(`(out of fold: the article models trained without the fold's questions, ${args.folds} folds; the scope and person models are not refitted)`);
    print(`(${questions.length} questions in ${ms.toFixed(0)} ms)`);
    print("\nUkrainian and Arabic (articles' example questions, each held out and asked once):");
    print(`${"language".padEnd(10)}${"asked".padStart(7)}${"top-1".padStart(9)}${"direct, right".padStart(15)}${"direct, wrong".padStart(15)}${"clarify".padStart(9)}`);
    for (const h of heldOut) {
      print(`${h.lang.padEnd(10)}${String(h.asked).padStart(7)}${pct(h.top1).padStart(9)}${pct(h.answeredRight).padStart(15)}${pct(h.answeredWrong).padStart(15)}${pct(h.clarified).padStart(9)}`);
    }
    print("\ncalibration of direct answers (confidence bin → share right):");
    for (const r of calibration(report.answered)) print(`  ${r.range}  n=${String(r.n).padStart(3)}  mean conf ${r.meanConfidence.toFixed(2)}  right ${pct(r.accuracy)}`);

    if (args.misses) {
      print("\nmisses:");
      for (const x of [...report.misses, ...heldOut.flatMap((h) => h.misses)]) print(`  [${x.outcome}] ${x.q}  → expected ${x.expected.join("|")}, got ${x.got.join(", ")}`);
    }
    if (args.fit) {
      print("\nfitted confidence model (paste into src/knowledge/decide.ts CONFIDENCE_MODEL):");
      const w = fitConfidenceModel(report.samples);
      print(JSON.stringify(Object.fromEntries(Object.entries(w).map(([k, v]) => [k, Math.round(v * 100) / 100]))));
    }
    return EXIT.ok;
  });
}

interface ModelToFit {
  option: string;
  constant: string;
  file: URL;
  iterations: number;
  /** The samples from a labelled question, none when the question does not count for this model. */
  samples: (expect: string) => boolean | undefined;
  counted: (positives: number, others: number) => string;
}

const MODELS = {
  person: {
    option: "--fit-person-requests", constant: "PERSON_MODEL", file: new URL("../src/knowledge/person-model.ts", import.meta.url), iterations: 600,
    samples: (expect) => expect === "handoff",
    counted: (p, o) => `${p} requests for a person, ${o} other questions`,
  },
  // Requests for a person are left out: they are neither covered nor not covered.
  scope: {
    option: "--fit-scope", constant: "SCOPE_MODEL", file: new URL("../src/knowledge/scope-model.ts", import.meta.url), iterations: 300,
    samples: (expect) => (expect === "handoff" ? undefined : expect === "none"),
    counted: (p, o) => `${p} questions not covered, ${o} in scope`,
  },
} satisfies Record<string, ModelToFit>;

function fitModel(kind: ModelToFit, questions: EvalQuestion[], set: string, out: string, io: Io): number {
  const samples: TextSample[] = questions.flatMap((q) => {
    const positive = kind.samples(Array.isArray(q.expect) ? q.expect[0]! : q.expect);
    return positive === undefined ? [] : [{ text: q.q, positive }];
  });
  const positives = samples.filter((s) => s.positive).length;
  const fitted = `${new Date().toISOString().slice(0, 10)} on ${set}: ${kind.counted(positives, samples.length - positives)}`;
  const model = fitTextModel(samples, { fitted, iterations: kind.iterations });
  const compiled = compileTextModel(model);
  const missed = samples.filter((s) => (textProbability(s.text, compiled) >= 0.5) !== s.positive).length;
  const text =
    `// Generated by \`npm run eval -- --set ${set} ${kind.option}\` (see text-model.ts); do not edit.\n` +
    `import type { TextModel } from "./text-model.js";\n\n` +
    `export const ${kind.constant}: TextModel = ${JSON.stringify(model, null, 2)};\n`;
  try {
    writeFileSync(out, text);
  } catch (err) {
    throw new UsageError(`--out: ${out}: cannot write it (${(err as NodeJS.ErrnoException).code ?? "error"})`);
  }
  io.stdout(`fitted ${fitted}; ${missed} of them on the wrong side of 0.5; written to ${path.relative(process.cwd(), out)}\n`);
  return EXIT.ok;
}

const ASKED_FILE = new URL("../src/knowledge/asked-questions.ts", import.meta.url);

/** The set's in-scope questions by the article first expected (each model takes those in its scripts). */
function writeAskedQuestions(questions: EvalQuestion[], set: string, out: string, io: Io): number {
  const byArticle = askedByArticle(questions);
  const n = Object.values(byArticle).reduce((sum, qs) => sum + qs.length, 0);
  const sorted = Object.fromEntries(Object.entries(byArticle).sort(([a], [b]) => a.localeCompare(b)));
  const asked: AskedQuestions = { fitted: `${new Date().toISOString().slice(0, 10)} on ${set}: ${n} questions for ${Object.keys(sorted).length} articles`, byArticle: sorted };
  const text =
    `// Generated by \`npm run eval -- --set ${set} --fit-asked-questions\` (see article-classifier.ts AskedQuestions); do not edit.\n` +
    `import type { AskedQuestions } from "./article-classifier.js";\n\n` +
    `export const ASKED_QUESTIONS: AskedQuestions = ${JSON.stringify(asked, null, 2)};\n`;
  try {
    writeFileSync(out, text);
  } catch (err) {
    throw new UsageError(`--out: ${out}: cannot write it (${(err as NodeJS.ErrnoException).code ?? "error"})`);
  }
  io.stdout(`wrote ${asked.fitted} to ${path.relative(process.cwd(), out)}\n`);
  return EXIT.ok;
}

runIfMain(import.meta, main);
