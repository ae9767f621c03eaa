/**
 * The quality row of `npm run bench`: the eval figures on the dev and holdout sets beside plain
 * Lunr, and the held-out Ukrainian/Arabic example questions (same measures as `npm run eval`);
 * and how long the console's Probefragen take for one draft (the draft engine is built, then
 * every dev question and the draft's examples are asked of both engines).
 */
import path from "node:path";
import { defaultDecisionConfig } from "../../src/config.js";
import { evaluateBaseline, evaluateEngine, evaluateHeldOut, loadEvalSet, type Metrics } from "../../src/eval/evaluate.js";
import { engineWithDraft, runTrial } from "../../src/curation/trial.js";
import { openKnowledgeEngine } from "../../src/knowledge/index.js";
import { FOREIGN_LANGUAGES } from "../../src/knowledge/index.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const SETS = { dev: "tests/eval/questions.yaml", holdout: "tests/eval/holdout.yaml" } as const;

export interface QualityResult {
  kind: "quality";
  name: string;
  sets: Record<string, { lotse: Metrics; baseline: Metrics }>;
  heldOut: Record<string, { asked: number; top1: number; answeredRight: number; answeredWrong: number; clarified: number }>;
  /** Probefragen for an edited article: questions asked (of both engines) and milliseconds, best of 3. */
  trial: { asked: number; ms: number };
}

/** The console's trial target: a navigator waits for it after each edit. */
const TRIAL_TARGET_MS = 2000;

export async function runQualityBench(): Promise<QualityResult> {
  const decision = defaultDecisionConfig();
  const { engine } = openKnowledgeEngine({ contentDir: path.join(ROOT, "content"), decision });
  const sets: QualityResult["sets"] = {};
  for (const [name, file] of Object.entries(SETS)) {
    const questions = loadEvalSet(path.join(ROOT, file));
    sets[name] = { lotse: evaluateEngine(engine, questions).metrics, baseline: evaluateBaseline(engine.articles, questions) };
  }
  const heldOut: QualityResult["heldOut"] = {};
  for (const lang of FOREIGN_LANGUAGES) {
    const { misses: _, lang: __, ...m } = evaluateHeldOut(engine, lang, decision);
    heldOut[lang] = m;
  }
  const dev = loadEvalSet(path.join(ROOT, SETS.dev));
  const draft = structuredClone(engine.article("praktikum-erlaubnis")!);
  draft.de.questions = [...draft.de.questions, "Darf unser Schützling ein Praktikum im Altenheim machen?"];
  let trial = { asked: 0, ms: Infinity };
  for (let run = 0; run < 3; run++) {
    // A fresh live engine each run: its answer cache would make the later runs faster than a navigator's first.
    const live = openKnowledgeEngine({ contentDir: path.join(ROOT, "content"), decision }).engine;
    const started = performance.now();
    const t = await runTrial({ current: live, withDraft: await engineWithDraft(live, draft), articleId: draft.id, typed: ["Praktikum mit Duldung?"], dev });
    trial = { asked: t.summary.asked, ms: Math.min(trial.ms, performance.now() - started) };
  }
  return { kind: "quality", name: "eval (dev, holdout, uk/ar held out)", sets, heldOut, trial };
}

export function formatQuality(q: QualityResult): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
  const cols: [string, (m: Metrics) => number][] = [
    ["top-1", (m) => m.top1], ["direct right", (m) => m.answeredRight], ["direct wrong", (m) => m.answeredWrong], ["clarified", (m) => m.clarified],
    ["OOS rejected", (m) => m.oosRejection], ["handoff", (m) => m.handoffDetection],
  ];
  const lines = [`quality (npm run eval): ${cols.map(([h]) => h).join(" / ")}`];
  for (const [name, { lotse, baseline }] of Object.entries(q.sets)) {
    lines.push(`  ${`${name}, Lotse`.padEnd(22)}${cols.map(([, f]) => pct(f(lotse)).padStart(14)).join("")}`);
    lines.push(`  ${`${name}, plain Lunr`.padEnd(22)}${cols.map(([, f]) => pct(f(baseline)).padStart(14)).join("")}`);
  }
  for (const [lang, h] of Object.entries(q.heldOut)) {
    lines.push(`  ${`${lang} held out (${h.asked})`.padEnd(22)}${[h.top1, h.answeredRight, h.answeredWrong, h.clarified].map((x) => pct(x).padStart(14)).join("")}${"–".padStart(14)}${"–".padStart(14)}`);
  }
  const { asked, ms } = q.trial;
  lines.push(`  Probefragen for one draft: ${asked} questions in ${ms.toFixed(0)} ms (target < ${TRIAL_TARGET_MS} ms: ${ms < TRIAL_TARGET_MS ? "met" : "missed"})`);
  return lines.join("\n");
}
