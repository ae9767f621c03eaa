/**
 * Benchmark inputs: question sets (the dev eval set and realistic variations of it) and synthetic
 * knowledge bases generated from the real articles' own text, so that German compounds, stemming,
 * stop words and term frequencies behave as they do on real content. Everything is seeded:
 * the same arguments always give the same articles and questions.
 */
import { createHash } from "node:crypto";
import type { EvalQuestion } from "../../src/eval/evaluate.js";
import type { KnowledgeBase } from "../../src/knowledge/index.js";
import { detectLanguage } from "../../src/knowledge/index.js";
import { foldGerman, isStopWord } from "../../src/knowledge/text.js";
import { AREAS, AUDIENCES, type Article, type Language } from "../../src/knowledge/index.js";
import { Rng } from "./util.js";

export interface BenchQuestion {
  q: string;
  /** Article ids that count as right, or "none" / "handoff"; used only for a sanity figure. */
  expect: string[];
}

// ---------------------------------------------------------------------------------------------
// Variations: how the same question arrives from different people.

const PREFIX: Record<Language, string[]> = {
  de: ["Hallo, kurze Frage: ", "Moin, ", "Guten Tag, ich hätte eine Frage: ", "Hallo zusammen, ", "Frage: "],
  en: ["Hi, quick question: ", "Hello, ", "Good morning, ", "Question: ", "Hey, "],
};
const SUFFIX: Record<Language, string[]> = {
  de: [" danke", " danke im voraus", "??", " lg", " bitte um info"],
  en: [" thanks", " thx", "??", " thanks in advance", " cheers"],
};

type Variation = (q: string, rng: Rng, lang: Language) => string;

const words = (q: string) => q.split(/\s+/).filter(Boolean);

const VARIATIONS: Variation[] = [
  (q) => q.toLowerCase(),
  (q) => q.replace(/ä/g, "ae").replace(/ö/g, "oe").replace(/ü/g, "ue").replace(/Ä/g, "Ae").replace(/Ö/g, "Oe").replace(/Ü/g, "Ue").replace(/ß/g, "ss"),
  typo,
  (q, rng) => {
    const w = words(q);
    if (w.length < 4) return q;
    w.splice(rng.int(0, w.length - 1), 1);
    return w.join(" ");
  },
  (q, rng, lang) => rng.pick(PREFIX[lang]) + q,
  (q, rng, lang) => q.replace(/[?.!]+$/, "") + rng.pick(SUFFIX[lang]),
  (q, rng) => {
    const w = words(q);
    if (w.length < 5) return q;
    return w.slice(0, Math.max(3, Math.ceil(w.length * (0.55 + 0.3 * rng.next())))).join(" ");
  },
  (q) => q.replace(/[?.!,;:]+/g, ""),
];

/** One letter swapped, dropped or doubled in a longer word (what fast typing does). */
function typo(q: string, rng: Rng): string {
  const w = words(q);
  const long = w.map((x, i) => [x, i] as const).filter(([x]) => /^\p{L}{6,}$/u.test(x));
  if (long.length === 0) return q;
  const [word, i] = rng.pick(long);
  const at = rng.int(1, word.length - 2);
  const kind = rng.int(0, 2);
  const changed =
    kind === 0 ? word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2)
    : kind === 1 ? word.slice(0, at) + word.slice(at + 1)
    : word.slice(0, at) + word[at] + word.slice(at);
  w[i] = changed;
  return w.join(" ");
}

/** The bench varies German and English questions only; others count as German. */
function articleLanguageOf(q: string): Language {
  const l = detectLanguage(q).language;
  return l === "en" ? "en" : "de";
}

/** Applies 1–2 random variations. */
export function vary(q: string, rng: Rng, lang: Language = articleLanguageOf(q)): string {
  let out = q;
  const n = rng.chance(0.6) ? 1 : 2;
  for (const v of rng.sample(VARIATIONS, n)) out = v(out, rng, lang);
  return out.trim() || q;
}

const expectOf = (q: EvalQuestion) => (Array.isArray(q.expect) ? q.expect : [q.expect]);

/** The dev set as it is, then variations of it until there are `count` distinct questions. */
export function realQuestions(evalSet: readonly EvalQuestion[], count: number, seed = 1): BenchQuestion[] {
  const rng = new Rng(seed);
  const seen = new Set<string>();
  const out: BenchQuestion[] = [];
  const add = (q: string, expect: string[]) => {
    if (seen.has(q) || out.length >= count) return;
    seen.add(q);
    out.push({ q, expect });
  };
  for (const e of evalSet) add(e.q, expectOf(e));
  for (let attempts = 0; out.length < count && attempts < count * 20; attempts++) {
    const e = rng.pick(evalSet);
    add(vary(e.q, rng), expectOf(e));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Vocabulary of the real knowledge base.

interface LangCorpus {
  /** Prose sentences from the answers. */
  sentences: string[];
  /** Markdown headings ("**Schritte**") and list items from the answers. */
  headings: string[];
  bullets: string[];
  titles: string[];
  questions: string[];
  /** Words that may be swapped for an article's topic: German nouns, English content words. */
  slots: Set<string>;
  /** Topic material: German nouns for compounds, English content words for phrases. */
  nouns: string[];
}

const DE_LINKED = /(ung|heit|keit|schaft|ion|tät|ität|ling|tum|arbeit)$/;
const EN_STOP = new Set(("about after again also always another because before being below between both could does doing during " +
  "each either every first from have having here into itself just least more most much must never other otherwise " +
  "over same should since some still such than that their them then there these they this those through under until " +
  "very what when where whether which while will with within without would your yours whom whose").split(" "));

function corpusOf(kb: KnowledgeBase, lang: Language): LangCorpus {
  const c: LangCorpus = { sentences: [], headings: [], bullets: [], titles: [], questions: [], slots: new Set(), nouns: [] };
  const nounCount = new Map<string, number>();
  for (const a of kb.articles) {
    const t = a[lang];
    c.titles.push(t.title);
    c.questions.push(...t.questions);
    for (const raw of t.answer.split("\n")) {
      const line = raw.trim();
      if (!line) continue;
      if (/^\*\*[^*]+\*\*:?$/.test(line)) c.headings.push(line);
      else if (/^(-|\d+\.)\s+/.test(line)) c.bullets.push(line);
      else for (const s of line.split(/(?<=[.!?])\s+(?=[A-ZÄÖÜ„"(*])/u)) if (s.split(/\s+/).length >= 5) c.sentences.push(s);
    }
    if (lang === "de") {
      // Nouns: capitalised words inside a sentence (a capital after ". " or a list marker says nothing).
      for (const text of [t.title, ...t.questions, t.answer, ...t.keywords]) {
        for (const m of text.matchAll(/(?<![\p{L}§])([A-ZÄÖÜ][a-zäöüß]{4,})(?!\p{L})/gu)) {
          const before = text.slice(0, m.index).trimEnd();
          if (before === "" || /[.!?:*\n-]$|\d\.$/u.test(before)) continue;
          if (isStopWord(foldGerman(m[1]!.toLowerCase()), "de")) continue; // "Ihnen", "Ihrer"
          nounCount.set(m[1]!, (nounCount.get(m[1]!) ?? 0) + 1);
        }
      }
    } else {
      // English nouns: the words navigators chose as keywords ("wage subsidy", "work permit").
      for (const k of t.keywords) {
        for (const [w] of k.toLowerCase().matchAll(/\p{L}+/gu)) {
          if (/^[a-z]{4,}$/.test(w) && !EN_STOP.has(w) && !isStopWord(w, "en")) nounCount.set(w, (nounCount.get(w) ?? 0) + 1);
        }
      }
    }
  }
  for (const [w, n] of [...nounCount].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (lang === "de" && n < 2) continue;
    c.slots.add(w);
    if (w.length <= 14) c.nouns.push(w);
  }
  return c;
}

// ---------------------------------------------------------------------------------------------
// Synthetic articles.

interface Topic {
  /** Terms that name the article's subject, in the article's language. */
  terms: Record<Language, string[]>;
  /**
   * Words only this article (or few) uses: new German compounds, which English articles quote
   * ("the Ausländerbehörde"). They make the vocabulary grow with the article count roughly as
   * real text does (Heaps' law) instead of every article reusing the same few thousand terms.
   */
  rare: Record<Language, string[]>;
  abbreviation: string | null;
}

function germanTerm(c: LangCorpus, rng: Rng, compound = rng.chance(0.65)): string {
  if (!compound) return rng.pick(c.nouns);
  const modifier = rng.pick(c.nouns);
  let head = rng.pick(c.nouns);
  while (head === modifier) head = rng.pick(c.nouns);
  const link = DE_LINKED.test(modifier) ? "s" : modifier.endsWith("e") ? rng.pick(["n", ""]) : rng.pick(["", "", "s"]);
  return modifier + link + head.toLowerCase();
}

function englishTerm(c: LangCorpus, rng: Rng, german: string): string {
  const r = rng.next();
  if (r < 0.5) return `${rng.pick(c.nouns)} ${rng.pick(c.nouns)}`;
  if (r < 0.85) return rng.pick(c.nouns);
  return german; // English articles often name the German term ("Duldung", "Eingliederungszuschuss")
}

function topicFor(corpora: Record<Language, LangCorpus>, rng: Rng): Topic {
  const de = Array.from({ length: rng.int(2, 3) }, () => germanTerm(corpora.de, rng));
  const en = de.map((g) => englishTerm(corpora.en, rng, g));
  const rareDe = Array.from({ length: rng.int(5, 8) }, () => germanTerm(corpora.de, rng, true));
  const rare = { de: rareDe, en: rng.sample(rareDe, rng.int(2, 3)) };
  const abbreviation = rng.chance(0.4)
    ? de[0]!.replace(/[^A-ZÄÖÜ]/g, "").slice(0, 2) + String.fromCharCode(65 + rng.int(0, 25)) + (rng.chance(0.3) ? String(rng.int(2, 99)) : "")
    : null;
  return { terms: { de, en }, rare, abbreviation };
}

/**
 * Swaps 1–`max` slot words of a real text for the topic's terms; `must` puts a term in even when
 * the text has no slot word.
 */
function retopic(text: string, c: LangCorpus, terms: readonly string[], rng: Rng, max: number, must: boolean): string {
  const slots: number[] = [];
  const parts = text.split(/(\p{L}+)/u);
  parts.forEach((p, i) => {
    if (i % 2 === 1 && c.slots.has(p)) slots.push(i);
  });
  const n = Math.min(slots.length, rng.int(1, max));
  for (const i of rng.sample(slots, n)) parts[i] = rng.pick(terms);
  let out = parts.join("");
  if (n === 0 && must) out = `${terms[0]} – ${out}`;
  return out;
}

function answerFor(c: LangCorpus, terms: readonly string[], rare: readonly string[], rng: Rng): string {
  const pool = () => (rng.chance(0.5) ? rare : terms);
  const para = (k: number) => Array.from({ length: k }, () => retopic(rng.pick(c.sentences), c, pool(), rng, 1, false));
  const first = [retopic(rng.pick(c.sentences), c, terms, rng, 2, true), ...para(rng.int(1, 3))].join(" ");
  const sections: string[] = [first];
  for (let s = rng.int(3, 5); s > 0; s--) {
    const heading = rng.pick(c.headings);
    const body = rng.chance(0.5)
      ? Array.from({ length: rng.int(2, 4) }, () => retopic(rng.pick(c.bullets), c, pool(), rng, 1, false)).join("\n")
      : para(rng.int(1, 3)).join(" ");
    sections.push(`${heading}\n${body}`);
  }
  return sections.join("\n\n").slice(0, 12_000);
}

function articleFor(i: number, corpora: Record<Language, LangCorpus>, real: readonly Article[], previous: readonly string[], rng: Rng): Article {
  const topic = topicFor(corpora, rng);
  const template = rng.pick(real);
  const id = `synthetic-${String(i).padStart(5, "0")}`;
  const area = AREAS[i % AREAS.length]!;
  const text = (lang: Language) => {
    const c = corpora[lang];
    const terms = topic.terms[lang];
    const keywords = [...new Set([
      ...terms,
      ...(topic.abbreviation ? [topic.abbreviation] : []),
      ...rng.sample(c.nouns, rng.int(3, 7)),
    ])];
    return {
      title: retopic(rng.pick(c.titles), c, terms, rng, 2, true).slice(0, 160),
      questions: rng.sample(c.questions, rng.int(3, 6)).map((q, k) => retopic(q, c, terms, rng, 2, k === 0).slice(0, 300)),
      answer: answerFor(c, terms, topic.rare[lang], rng),
      keywords,
    };
  };
  const withSummary = (lang: Language) => {
    const t = text(lang);
    return { ...t, summary: t.answer.split(/(?<=[.!?])\s/)[0]!.slice(0, 350) };
  };
  return {
    id,
    area,
    file: `synthetic/${area}/${id}.yaml`,
    audiences: rng.sample(AUDIENCES, rng.int(1, 3)),
    de: withSummary("de"),
    en: withSummary("en"),
    // Ukrainian and Arabic questions of the template article: the foreign-language index grows too.
    uk: template.uk,
    ar: template.ar,
    legal: template.legal,
    sources: template.sources,
    contacts: template.contacts,
    related: previous.length > 0 ? rng.sample(previous.slice(-50), rng.int(0, 3)) : [],
    reviewed: template.reviewed,
    review_every_months: template.review_every_months,
    owner: "Benchmark (synthetic)",
  };
}

/**
 * A knowledge base of `count` synthetic articles with the real contacts and synonyms. Each
 * article gets a topic (new German compounds of real nouns, English phrases of real words, an
 * abbreviation now and then) woven into real titles, questions and answer sentences.
 */
export function syntheticKnowledgeBase(real: KnowledgeBase, count: number, seed = count): KnowledgeBase {
  const rng = new Rng(seed);
  const corpora = { de: corpusOf(real, "de"), en: corpusOf(real, "en") };
  const articles: Article[] = [];
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const a = articleFor(i, corpora, real.articles, ids, rng);
    articles.push(a);
    ids.push(a.id);
  }
  const contentHash = createHash("sha256").update(`synthetic:${count}:${seed}:${real.contentHash}`).digest("hex");
  return { articles, contacts: real.contacts, synonyms: real.synonyms, contentHash };
}

const TEMPLATES: Record<Language, string[]> = {
  de: [
    "Wie funktioniert {t}?", "Was ist {t}?", "{t} beantragen wie", "Gibt es {t} auch für Geflüchtete?",
    "wer ist zuständig für {t}", "brauche infos zu {t} und {u}", "{t} voraussetzungen", "was kostet {t}",
    "kann ich {t} für meinen Mitarbeiter bekommen", "{t} oder {u}, was ist der Unterschied?",
  ],
  en: [
    "What is {t}?", "how do I apply for {t}", "{t} requirements", "is there {t} for refugees",
    "who is responsible for {t}", "need info on {t} and {u}", "does {t} cost anything",
    "can my employee get {t}", "{t} vs {u}, what's the difference?",
  ],
};

/**
 * Questions drawn from the synthetic articles the way people ask: an article's example question
 * reworded, keywords typed in a row, a short template around a topic term, a real question
 * moved to the article's topic; plus the dev set's out-of-scope and handoff questions (~8 %).
 */
export function syntheticQuestions(kb: KnowledgeBase, real: KnowledgeBase, evalSet: readonly EvalQuestion[], count: number, seed = 7): BenchQuestion[] {
  const rng = new Rng(seed);
  const corpora = { de: corpusOf(real, "de"), en: corpusOf(real, "en") };
  const offTopic = evalSet.filter((e) => ["none", "handoff"].includes(expectOf(e)[0]!));
  const seen = new Set<string>();
  const out: BenchQuestion[] = [];
  for (let attempts = 0; out.length < count && attempts < count * 20; attempts++) {
    let q: string;
    let expect: string[];
    if (offTopic.length > 0 && rng.chance(0.08)) {
      const e = rng.pick(offTopic);
      q = rng.chance(0.5) ? e.q : vary(e.q, rng);
      expect = expectOf(e);
    } else {
      const a = rng.pick(kb.articles);
      const lang: Language = rng.chance(0.6) ? "de" : "en";
      const t = a[lang];
      const terms = t.keywords.slice(0, 3);
      const r = rng.next();
      if (r < 0.35) q = rng.pick(t.questions);
      else if (r < 0.55) q = rng.sample(t.keywords, rng.int(1, 3)).join(" ").toLowerCase();
      else if (r < 0.8) q = rng.pick(TEMPLATES[lang]).replace("{t}", rng.pick(terms)).replace("{u}", rng.pick(t.keywords));
      else q = retopic(rng.pick(corpora[lang].questions), corpora[lang], terms, rng, 1, true);
      if (rng.chance(0.6)) q = vary(q, rng, lang);
      expect = [a.id];
    }
    if (seen.has(q)) continue;
    seen.add(q);
    out.push({ q, expect });
  }
  return out;
}
