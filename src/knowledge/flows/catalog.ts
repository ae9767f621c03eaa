/**
 * The flows of a knowledge base: which flow a broad question starts (its trigger questions,
 * matched like an article's example questions), and each step and referral in a language.
 */
import type { Contact } from "../schema.js";
import { analyzeQuery, type Concept, type SynonymTable } from "../query.js";
import { QuestionMatcher } from "../question-matcher.js";
import type { LanguageIndex } from "../search-index.js";
import { pickText, type Flow, type FlowLanguage, type FlowOption, type FlowTextLanguage } from "./schema.js";
import type { FlowContactView, FlowOptionView, FlowReferralView, FlowStepView, FlowView } from "./view.js";

/** Where an option leads. */
export type FlowTarget = { next: string } | { article: string } | { referral: string };

/** One way through a flow: the options chosen (by index) and where the last one leads. */
export interface FlowPath {
  flow: string;
  steps: string[];
  choices: number[];
  end: { article: string } | { referral: string };
}

/** The share of a question's weight that must exist before word matching is trusted (see search.ts). */
const MIN_QUESTION_WEIGHT = 0.8;

export class FlowCatalog {
  private readonly byId: Map<string, Flow>;
  private readonly matchers: Partial<Record<FlowLanguage, QuestionMatcher>> = {};
  /** Ukrainian and Arabic trigger questions as word sets: the article indexes have no analyzer for them. */
  private readonly plain: Array<{ flow: string; words: Set<string> }> = [];

  constructor(
    readonly flows: readonly Flow[],
    private readonly contacts: ReadonlyMap<string, Contact>,
    private readonly indexes: Partial<Record<FlowLanguage, LanguageIndex>>,
    private readonly synonyms: Partial<Record<FlowLanguage, SynonymTable>>,
  ) {
    this.byId = new Map(flows.map((f) => [f.id, f]));
    for (const lang of ["de", "en"] as const) {
      const index = indexes[lang];
      if (!index) continue;
      this.matchers[lang] = QuestionMatcher.build(
        flows.flatMap((f) => [f.title[lang], ...f.questions[lang]].map((q) => [f.id, index.analyzer.indexTerms(q)] as [string, string[]])),
      );
    }
    for (const f of flows) for (const q of [...(f.questions.uk ?? []), ...(f.questions.ar ?? [])]) this.plain.push({ flow: f.id, words: plainWords(q) });
  }

  get(id: string): Flow | undefined {
    return this.byId.get(id);
  }

  /**
   * The flow whose trigger questions are closest to the question (F1 of matched terms, 0..1).
   * @param concepts the question as the search already analysed it; without them it is analysed
   *   against both language indexes (twice the cost of the search's own analysis)
   */
  match(question: string, concepts?: readonly Concept[]): { id: string; score: number } | undefined {
    let best: { id: string; score: number } | undefined;
    const consider = (id: string, score: number) => {
      if (score > (best?.score ?? 0)) best = { id, score };
    };
    for (const lang of ["de", "en"] as const) {
      const index = this.indexes[lang];
      const synonyms = this.synonyms[lang];
      const matcher = this.matchers[lang];
      if (!index || !synonyms || !matcher) continue;
      const analysed = concepts ?? analyzeQuery(question, index, synonyms);
      const total = Math.max(MIN_QUESTION_WEIGHT, analysed.reduce((s, c) => s + c.weight, 0));
      if (analysed.length === 0) continue;
      for (const [id, score] of matcher.nearest(analysed, total)) consider(id, score);
    }
    if (this.plain.length && /[\u0400-\u04ff\u0600-\u06ff]/.test(question)) {
      const words = plainWords(question);
      for (const q of this.plain) consider(q.flow, f1(words, q.words));
    }
    return best;
  }

  /** The contract's `flow` object: the flow with one of its steps (the first by default). */
  view(flowId: string, lang: FlowTextLanguage, fallback: FlowLanguage = "de", stepId?: string): FlowView | undefined {
    const f = this.byId.get(flowId);
    const step = f && this.step(flowId, stepId ?? f.start, lang, fallback);
    if (!f || !step) return undefined;
    return { id: f.id, title: pickText(f.title, lang, fallback), intro: pickText(f.intro, lang, fallback), step };
  }

  step(flowId: string, stepId: string, lang: FlowTextLanguage, fallback: FlowLanguage = "de"): FlowStepView | undefined {
    const step = this.byId.get(flowId)?.steps[stepId];
    if (!step) return undefined;
    return {
      id: stepId,
      question: pickText(step.question, lang, fallback),
      options: step.options.map((o): FlowOptionView => ({ label: pickText(o.label, lang, fallback), ...targetOf(o) })),
    };
  }

  referral(flowId: string, referralId: string, lang: FlowTextLanguage, fallback: FlowLanguage = "de"): FlowReferralView | undefined {
    const r = this.byId.get(flowId)?.referrals[referralId];
    if (!r) return undefined;
    const contactLang: FlowLanguage = lang === "de" || lang === "en" ? lang : fallback;
    return {
      id: referralId,
      title: pickText(r.title, lang, fallback),
      text: pickText(r.text, lang, fallback),
      contacts: r.contacts.flatMap((id): FlowContactView[] => {
        const c = this.contacts.get(id);
        if (!c) return [];
        return [{
          id: c.id, name: c.name[contactLang], responsible_for: c.responsible_for[contactLang], website: c.website,
          ...(c.address ? { address: c.address } : {}), ...(c.phone ? { phone: c.phone } : {}), ...(c.email ? { email: c.email } : {}),
        }];
      }),
      bring: r.bring.map((b) => pickText(b, lang, fallback)),
    };
  }

  /** Every path from the start step to an article or a referral (the checker guarantees there are no cycles). */
  paths(flowId: string): FlowPath[] {
    const f = this.byId.get(flowId);
    if (!f) return [];
    const out: FlowPath[] = [];
    const walk = (stepId: string, steps: string[], choices: number[]) => {
      f.steps[stepId]!.options.forEach((o, i) => {
        const t = targetOf(o);
        if ("next" in t) walk(t.next, [...steps, t.next], [...choices, i]);
        else out.push({ flow: f.id, steps, choices: [...choices, i], end: t });
      });
    };
    walk(f.start, [f.start], []);
    return out;
  }
}

export function targetOf(o: FlowOption): FlowTarget {
  if (o.next !== undefined) return { next: o.next };
  if (o.article !== undefined) return { article: o.article };
  return { referral: o.referral! };
}

function plainWords(text: string): Set<string> {
  // A crude stem (the first five letters) is enough to meet inflected forms of short questions.
  return new Set(text.normalize("NFC").toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= 3).map((w) => w.slice(0, 5)));
}

function f1(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let common = 0;
  for (const w of a) if (b.has(w)) common++;
  return common === 0 ? 0 : (2 * common) / (a.size + b.size);
}
