/**
 * Loads and checks the guided referrals in `content/flows/`: the schema, then the graph —
 * every reference resolves (step, article, referral, contact), no step leads back to itself,
 * every step and referral is reachable, so every path ends at an article or a referral.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Problem } from "../problems.js";
import { KEBAB_ID } from "../schema.js";
import { parseYamlWithSchema, type PathSegment } from "../yaml-source.js";
import { Flow, FlowFile, MAX_OPTIONS, MIN_OPTIONS } from "./schema.js";

export interface FlowLoadContext {
  /** Shows an absolute path the way problems name files. */
  display: (abs: string) => string;
  articleIds: ReadonlySet<string>;
  contactIds: ReadonlySet<string>;
  now?: Date;
  strict?: boolean;
}

/** Reads `<contentDir>/flows/*.yaml`; a missing folder means no flows. Never throws for bad content. */
export function loadFlows(contentDir: string, ctx: FlowLoadContext): { flows: Flow[]; problems: Problem[] } {
  const dir = path.join(contentDir, "flows");
  const flows: Flow[] = [];
  const problems: Problem[] = [];
  if (!existsSync(dir)) return { flows, problems };
  const triggerOwner = new Map<string, string>();
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const abs = path.join(dir, entry.name);
    const file = ctx.display(abs);
    const whole = (code: string, message: string, severity: Problem["severity"] = "error"): Problem => ({ severity, file, line: 1, col: 1, path: "", code, message });
    if (!entry.isFile() || !/\.ya?ml$/.test(entry.name)) {
      problems.push(whole("not-yaml", "only .yaml flow files belong here", "warning"));
      continue;
    }
    const id = entry.name.replace(/\.ya?ml$/, "");
    if (!KEBAB_ID.test(id)) {
      problems.push(whole("bad-id", `the file name "${id}" is the flow id and must be kebab-case (e.g. welche-foerderung.yaml)`));
      continue;
    }
    let src: string;
    try {
      src = readFileSync(abs, "utf8");
    } catch (err) {
      problems.push(whole("unreadable", `cannot read the file: ${(err as Error).message}`));
      continue;
    }
    const parsed = parseYamlWithSchema(src, file, FlowFile);
    problems.push(...parsed.problems);
    if (!parsed.value) continue;
    const { id: declared, ...fields } = parsed.value;
    const at = (p: PathSegment[], code: string, message: string, severity: Problem["severity"] = "error"): Problem => ({
      severity, file, ...parsed.locate(p), path: dotted(p), code, message,
    });
    if (declared !== undefined && declared !== id) {
      problems.push(at(["id"], "id-mismatch", `the id "${declared}" does not match the file name "${id}"; rename the file or fix the id`));
    }
    const flow = Flow.parse({ ...fields, id, file });
    const graphProblems = checkGraph(flow, ctx, at);
    problems.push(...graphProblems);
    for (const lang of ["de", "en", "uk", "ar"] as const) {
      (flow.questions[lang] ?? []).forEach((q, i) => {
        const key = `${lang}:${q.toLowerCase().normalize("NFC").replace(/[^\p{L}\p{N}]+/gu, " ").trim()}`;
        const owner = triggerOwner.get(key);
        if (owner && owner !== file) problems.push(at(["questions", lang, i], "duplicate-question", `the same trigger question is in ${owner}; each belongs to one flow`));
        else triggerOwner.set(key, file);
      });
    }
    checkReview(flow, ctx, at, problems);
    // A flow with a broken graph could send someone nowhere: keep it out of the knowledge base.
    if (!graphProblems.some((p) => p.severity === "error")) flows.push(flow);
  }
  return { flows, problems };
}

function checkGraph(flow: Flow, ctx: FlowLoadContext, at: (p: PathSegment[], code: string, message: string, severity?: Problem["severity"]) => Problem): Problem[] {
  const problems: Problem[] = [];
  const steps = new Map(Object.entries(flow.steps));
  const referrals = new Map(Object.entries(flow.referrals));
  if (!steps.has(flow.start)) {
    problems.push(at(["start"], "dangling-step", `there is no step "${flow.start}" in steps`));
    return problems;
  }
  for (const [refId, ref] of referrals) {
    ref.contacts.forEach((c, i) => {
      if (!ctx.contactIds.has(c)) problems.push(at(["referrals", refId, "contacts", i], "dangling-contact", `there is no contact with the id "${c}" in contacts.yaml`));
    });
  }
  for (const [stepId, step] of steps) {
    const n = step.options.length;
    if (n < MIN_OPTIONS) {
      problems.push(at(["steps", stepId, "options"], "option-count", `a step needs ${MIN_OPTIONS}–${MAX_OPTIONS} options (this one has ${n}); with one, leave the question out`));
    } else if (n > MAX_OPTIONS) {
      problems.push(at(["steps", stepId, "options"], "option-count", `a step needs ${MIN_OPTIONS}–${MAX_OPTIONS} options (this one has ${n}); split it into two steps`));
    }
    step.options.forEach((o, i) => {
      const base: PathSegment[] = ["steps", stepId, "options", i];
      const targets = (["next", "article", "referral"] as const).filter((k) => o[k] !== undefined);
      if (targets.length !== 1) {
        problems.push(at(targets.length ? [...base, targets[1]!] : base, "option-target",
          "an option leads to exactly one of: next (a step), article (an article id) or referral (a referral id)"));
        return;
      }
      if (o.next !== undefined && !steps.has(o.next)) problems.push(at([...base, "next"], "dangling-step", `there is no step "${o.next}" in steps`));
      if (o.article !== undefined && !ctx.articleIds.has(o.article)) problems.push(at([...base, "article"], "dangling-article", `there is no article with the id "${o.article}"`));
      if (o.referral !== undefined && !referrals.has(o.referral)) problems.push(at([...base, "referral"], "dangling-referral", `there is no referral "${o.referral}" in referrals`));
    });
  }

  // Depth-first from the start: an edge back to a step on the current path is a cycle.
  const reachedSteps = new Set<string>();
  const reachedReferrals = new Set<string>();
  const onPath: string[] = [];
  const visit = (stepId: string): void => {
    reachedSteps.add(stepId);
    onPath.push(stepId);
    steps.get(stepId)!.options.forEach((o, i) => {
      if (o.referral !== undefined) reachedReferrals.add(o.referral);
      if (o.next === undefined || !steps.has(o.next) || o.article !== undefined || o.referral !== undefined) return;
      const back = onPath.indexOf(o.next);
      if (back >= 0) {
        const cycle = [...onPath.slice(back), o.next].join(" → ");
        problems.push(at(["steps", stepId, "options", i, "next"], "cycle",
          `leads back to step "${o.next}" (${cycle}); every path must end at an article or a referral`));
      } else if (!reachedSteps.has(o.next)) visit(o.next);
    });
    onPath.pop();
  };
  visit(flow.start);
  for (const stepId of steps.keys()) {
    if (!reachedSteps.has(stepId)) problems.push(at(["steps", stepId], "unreachable", `no path from the start step "${flow.start}" leads here`));
  }
  for (const refId of referrals.keys()) {
    if (!reachedReferrals.has(refId)) problems.push(at(["referrals", refId], "unreachable", "no option leads to this referral"));
  }
  return problems;
}

const REVIEW_EVERY_MONTHS = 6;

function checkReview(flow: Flow, ctx: FlowLoadContext, at: (p: PathSegment[], code: string, message: string, severity?: Problem["severity"]) => Problem, problems: Problem[]): void {
  const reviewed = new Date(`${flow.reviewed}T00:00:00Z`);
  const due = new Date(reviewed);
  due.setUTCMonth(due.getUTCMonth() + REVIEW_EVERY_MONTHS);
  const now = ctx.now ?? new Date();
  if (reviewed > now) problems.push(at(["reviewed"], "review-in-future", `the review date ${flow.reviewed} lies in the future`));
  else if (due < now) {
    problems.push(at(["reviewed"], "review-overdue", `review overdue: last checked ${flow.reviewed}, due every ${REVIEW_EVERY_MONTHS} months (since ${due.toISOString().slice(0, 10)})`,
      ctx.strict ? "error" : "warning"));
  }
}

function dotted(p: readonly PathSegment[]): string {
  return p.map((s, i) => (typeof s === "number" ? `[${s}]` : i === 0 ? s : `.${s}`)).join("");
}
