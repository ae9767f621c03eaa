/**
 * Topics Lotse does not cover (content/not-covered.yaml): general labour law, taxes, Wohngeld,
 * Einbürgerung … — questions near the domain that a weakly related article would otherwise
 * answer. The navigators keep the list; this module finds its terms in a question and in the
 * articles.
 *
 * Matching, on folded text (lower case, ä/ae → a, ß → ss; Ukrainian and Arabic normalised as
 * src/knowledge/foreign.ts does): a term's word matches a word of the text that equals it or, when
 * the term's word has at least five letters, begins with it ("Kündigungsfrist" matches
 * "kuendigungsfristen"). A term of several words matches them in a row. An Arabic word also
 * matches without its leading article or particles ("الجنسية" matches "جنسية").
 */
import { normalizeForeign } from "./foreign.js";
import type { NotCoveredTopic, QuestionLanguage } from "./schema.js";
import { QUESTION_LANGUAGES } from "./schema.js";
import { foldGerman } from "./text.js";

/**
 * Where a question's ask is: its last sentence that ends in a question mark (the last sentence when
 * none does), and of that the part after the last dash or semicolon. "Azubi mit
 * Ausbildungsduldung in der Probezeit kündigen – was wird aus der Duldung?" asks about the Duldung;
 * "Braucht man für ein Praktikum eine Arbeitserlaubnis? Junger Mann mit Duldung, 3 Wochen in einem
 * Kindergarten." about the permit. Not after a colon: "Einstiegsqualifizierung: gibt es da eine
 * Probezeit und Urlaub?" names its topic as a heading and asks about it.
 */
export function lastClause(question: string): string {
  const sentences = (question.match(/[^.!?؟]*[.!?؟]+|[^.!?؟]+$/gu) ?? []).filter((x) => /\p{L}/u.test(x)).reverse();
  const ask = sentences.find((x) => /[?؟]\s*$/u.test(x)) ?? sentences[0] ?? question;
  return ask.split(/\s[–—-]\s|;/u).filter((x) => /\p{L}/u.test(x)).at(-1) ?? ask;
}

/** A term's word this long or longer also matches words it begins. */
export const MIN_PREFIX = 5;

/** Folds text for matching: the same on the question, the terms and the articles. */
export function foldForMatch(text: string): string {
  let t = normalizeForeign(text);
  // Accents off Latin letters (é → e); Cyrillic (й) and Arabic keep theirs, normalised above.
  if (LATIN_ACCENTED.test(t)) t = t.normalize("NFD").replace(/(?<=[a-z])\p{M}+/gu, "").normalize("NFC");
  return foldGerman(t);
}
/** Latin letters with accents other than the umlauts and ß, which foldGerman folds. */
const LATIN_ACCENTED = /[\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]/;

/** Leading article and particles of an Arabic word (و ب ل and the article ال in their combinations). */
const AR_CLITICS = /^(?:وال|بال|فال|كال|لل|ال|و|ب|ل)(?=\p{Script=Arabic}{3})/u;
/** The article alone: taken off a term's words, so "الجنسية" also matches "بالجنسية". */
const AR_ARTICLE = /^(?:ال)(?=\p{Script=Arabic}{3})/u;

/** The folded words of a text, in order (an Arabic word also without its leading article). */
export function matchWords(text: string): string[] {
  return foldForMatch(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0 && w.length <= 60);
}

const ARABIC_START = /^\p{Script=Arabic}/u;

function wordMatches(termWord: string, word: string): boolean {
  if (word === termWord) return true;
  if (termWord.length >= MIN_PREFIX && word.startsWith(termWord)) return true;
  if (!ARABIC_START.test(word)) return false;
  const bare = word.replace(AR_CLITICS, "");
  return bare !== word && (bare === termWord || (termWord.length >= MIN_PREFIX && bare.startsWith(termWord)));
}

/** A topic term compiled: its folded words. */
export interface CompiledTerm {
  topic: string;
  /** The term as written in not-covered.yaml. */
  term: string;
  language: QuestionLanguage;
  words: string[];
}

/** Whether a term occurs in the words of a text. */
export function termOccurs(term: Pick<CompiledTerm, "words">, words: readonly string[]): boolean {
  const n = term.words.length;
  if (n === 0) return false;
  outer: for (let i = 0; i + n <= words.length; i++) {
    for (let j = 0; j < n; j++) if (!wordMatches(term.words[j]!, words[i + j]!)) continue outer;
    return true;
  }
  return false;
}

export function compileTerms(topics: readonly NotCoveredTopic[]): CompiledTerm[] {
  const out: CompiledTerm[] = [];
  for (const t of topics) {
    for (const language of QUESTION_LANGUAGES) {
      for (const term of t[language] ?? []) {
        const words = matchWords(term).map((w) => w.replace(AR_ARTICLE, ""));
        if (words.length > 0) out.push({ topic: t.id, term, language, words });
      }
    }
  }
  return out;
}

/** A not-covered term found in a question. */
export interface NotCoveredMatch {
  topic: string;
  term: string;
}

/**
 * The not-covered terms in a question. Terms of every language are tried: people mix languages
 * ("Kündigung for my refugee employee"), and a term is specific enough to stand for its topic
 * wherever it appears.
 */
export function findNotCovered(question: string, terms: readonly CompiledTerm[]): CompiledTerm[] {
  if (terms.length === 0) return [];
  const words = matchWords(question);
  const candidates = firstWordIndex(terms).candidates(words);
  if (candidates.size === 0) return [];
  return terms.filter((t) => candidates.has(t) && termOccurs(t, words));
}

/**
 * The terms by their first word, so a question is checked only against terms that can start at
 * one of its words (every term against every word took a fifth of the time of a question).
 */
class FirstWordIndex {
  private readonly exact = new Map<string, CompiledTerm[]>();
  /** First words of MIN_PREFIX letters or more, which also match words they begin. */
  private readonly prefix = new Map<string, CompiledTerm[]>();
  private longestPrefix = 0;

  constructor(terms: readonly CompiledTerm[]) {
    for (const t of terms) {
      const first = t.words[0]!;
      push(this.exact, first, t);
      if (first.length >= MIN_PREFIX) {
        push(this.prefix, first, t);
        this.longestPrefix = Math.max(this.longestPrefix, first.length);
      }
    }
  }

  candidates(words: readonly string[]): Set<CompiledTerm> {
    const out = new Set<CompiledTerm>();
    const add = (word: string) => {
      for (const t of this.exact.get(word) ?? []) out.add(t);
      for (let n = MIN_PREFIX; n < word.length && n <= this.longestPrefix; n++) {
        for (const t of this.prefix.get(word.slice(0, n)) ?? []) out.add(t);
      }
    };
    for (const word of words) {
      add(word);
      if (ARABIC_START.test(word)) {
        const bare = word.replace(AR_CLITICS, "");
        if (bare !== word) add(bare);
      }
    }
    return out;
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

const indexes = new WeakMap<readonly CompiledTerm[], FirstWordIndex>();
function firstWordIndex(terms: readonly CompiledTerm[]): FirstWordIndex {
  let index = indexes.get(terms);
  if (!index) indexes.set(terms, (index = new FirstWordIndex(terms)));
  return index;
}

/** The texts of an article searched for not-covered terms: every field, in every language. */
export function articleTexts(a: {
  de: { title: string; summary: string; questions: string[]; answer: string; keywords: string[] };
  en: { title: string; summary: string; questions: string[]; answer: string; keywords: string[] };
  uk: { questions: string[] };
  ar: { questions: string[] };
  legal: string[];
  sources: { title: string; url: string }[];
}): string[] {
  return [
    ...[a.de, a.en].flatMap((t) => [t.title, t.summary, ...t.questions, t.answer, ...t.keywords]),
    ...a.uk.questions, ...a.ar.questions,
    ...a.legal, ...a.sources.map((s) => s.title),
  ];
}

/**
 * The words of some texts, for asking quickly whether a term occurs in them: a sorted list of
 * their distinct words answers a one-word term with a binary search; a longer term is looked for
 * in order only in texts where its first word occurs.
 */
export class TextWords {
  private readonly texts: string[][];
  private readonly sorted: string[];

  constructor(texts: readonly string[]) {
    this.texts = texts.map(matchWords);
    const all = new Set<string>();
    for (const words of this.texts) {
      for (const w of words) {
        all.add(w);
        if (ARABIC_START.test(w)) all.add(w.replace(AR_CLITICS, ""));
      }
    }
    this.sorted = [...all].sort();
  }

  contains(term: Pick<CompiledTerm, "words">): boolean {
    const first = term.words[0];
    if (first === undefined || !this.hasWord(first)) return false;
    return term.words.length === 1 || this.texts.some((words) => termOccurs(term, words));
  }

  private hasWord(termWord: string): boolean {
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.sorted[mid]! < termWord) lo = mid + 1;
      else hi = mid;
    }
    const w = this.sorted[lo];
    return w !== undefined && (w === termWord || (termWord.length >= MIN_PREFIX && w.startsWith(termWord)));
  }
}

type ArticleLike = Parameters<typeof articleTexts>[0] & { id: string };

/**
 * Which articles use which term: for each compiled term (by index), the ids of the articles
 * whose text (any field, any language) contains it. An article that uses a term is about that
 * topic at least in part, so the rule never rejects a question it would answer with it.
 */
export function articlesUsing(terms: readonly CompiledTerm[], articles: readonly ArticleLike[]): Set<string>[] {
  const out = terms.map(() => new Set<string>());
  for (const a of articles) {
    const words = new TextWords(articleTexts(a));
    terms.forEach((t, i) => {
      if (words.contains(t)) out[i]!.add(a.id);
    });
  }
  return out;
}

/**
 * A title-topic is at most in this many articles' titles: "Ausbildungsduldung" or "Duldung" names
 * what an article is about, "Ausbildung" (nine titles) or "Jobcenter" only the domain.
 */
export const ANCHOR_MAX_TITLES = 2;
/**
 * …and in the text of at most this share of all articles: "Ausbildungsduldung" (a sixth) names a
 * topic; "employee", in nearly every article and in two titles, does not.
 */
export const ANCHOR_MAX_SHARE = 1 / 3;

/**
 * The topics a question can name that make a not-covered word in it a detail ("Azubi mit
 * Ausbildungsduldung in der Probezeit kündigen – was passiert mit der Duldung?"): the curated
 * concepts of synonyms.yaml whose terms are in the title of at most ANCHOR_MAX_TITLES articles and
 * in the text of at most ANCHOR_MAX_SHARE of them.
 * A question that names such a concept of its best article's title is about that article's topic,
 * whatever else it mentions; one that shares only everyday words with it ("Wohngeld abgelehnt,
 * Widerspruch?") is not.
 */
export class TitleTopics {
  /** Per concept: its compiled terms and the articles whose title has one of them. */
  private readonly concepts: { terms: Pick<CompiledTerm, "words">[]; articles: Set<string> }[] = [];

  constructor(
    synonymGroups: readonly (readonly string[])[],
    articles: readonly ArticleLike[],
    textOf: (a: ArticleLike) => TextWords = (a) => new TextWords(articleTexts(a)),
  ) {
    const titles = articles.map((a) => ({ a, words: [matchWords(a.de.title), matchWords(a.en.title)] }));
    for (const group of synonymGroups) {
      const terms = group.map((t) => ({ words: matchWords(t) })).filter((t) => t.words.length > 0);
      const inTitles = titles.filter((a) => a.words.some((w) => terms.some((t) => termOccurs(t, w))));
      if (inTitles.length === 0 || inTitles.length > ANCHOR_MAX_TITLES) continue;
      const inTexts = articles.filter((a) => terms.some((t) => textOf(a).contains(t))).length;
      if (inTexts <= ANCHOR_MAX_SHARE * articles.length) this.concepts.push({ terms, articles: new Set(inTitles.map((a) => a.a.id)) });
    }
  }

  /** Whether the question names a topic of article `id`'s title. */
  named(question: string, id: string): boolean {
    const words = matchWords(question);
    return this.concepts.some((c) => c.articles.has(id) && c.terms.some((t) => termOccurs(t, words)));
  }
}
