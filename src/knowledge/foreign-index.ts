/**
 * The search side of a question language without article texts (Ukrainian, Arabic): the
 * articles' example questions in that language, plus their German and English titles and
 * keywords for the Latin words people mix in.
 */
import type { KnowledgeBase } from "./loader.js";
import { compileLexicon, foreignTerms, type LexiconPhrase } from "./foreign.js";
import { QuestionMatcher, type SerializedQuestionMatcher } from "./question-matcher.js";
import type { ForeignLanguage } from "./schema.js";

export interface ForeignIndex {
  lang: ForeignLanguage;
  /** The example questions in this language and each article's German title, by article. */
  questions: QuestionMatcher;
  /** Term → the articles whose example questions, titles or keywords contain it. */
  articles: Map<string, string[]>;
  docCount: number;
  /** The lexicon's wordings in this language with the German search text each stands for. */
  lexicon: LexiconPhrase[];
}

export interface SerializedForeignIndex {
  questions: SerializedQuestionMatcher;
  articles: Record<string, string[]>;
  lexicon?: LexiconPhrase[];
}

export function buildForeignIndex(kb: KnowledgeBase, lang: ForeignLanguage): ForeignIndex {
  const questions: [string, string[]][] = [];
  const articles = new Map<string, Set<string>>();
  for (const a of kb.articles) {
    const own = a[lang]?.questions ?? [];
    for (const q of [...own, a.de.title]) questions.push([a.id, foreignTerms(q, lang)]);
    const texts = [...own, a.de.title, a.en.title, ...a.de.keywords, ...a.en.keywords];
    for (const t of texts) {
      for (const term of foreignTerms(t, lang)) {
        const set = articles.get(term) ?? new Set<string>();
        set.add(a.id);
        articles.set(term, set);
      }
    }
  }
  return {
    lang,
    questions: QuestionMatcher.build(questions),
    articles: new Map([...articles].map(([t, s]) => [t, [...s]])),
    docCount: Math.max(1, kb.articles.length),
    lexicon: compileLexicon(kb.lexicon ?? [], lang),
  };
}

export function serializeForeignIndex(index: ForeignIndex): SerializedForeignIndex {
  return { questions: index.questions.toJSON(), articles: Object.fromEntries(index.articles), lexicon: index.lexicon };
}

export function loadForeignIndex(lang: ForeignLanguage, data: SerializedForeignIndex, docCount: number): ForeignIndex {
  return { lang, questions: QuestionMatcher.load(data.questions), articles: new Map(Object.entries(data.articles)), docCount: Math.max(1, docCount), lexicon: data.lexicon ?? [] };
}
