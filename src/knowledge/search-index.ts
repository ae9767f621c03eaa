/**
 * One Lunr index per language over the articles, with field boosts, plus what the query side
 * needs to meet it: the compound vocabulary and the index's term list (for typo tolerance).
 */
import { articleClassifierTraining, articleExamples, AskedQuestions, foreignExamples, loadArticleClassifier, serializeArticleClassifier, type ArticleClassifier, type SerializedArticleClassifier } from "./article-classifier.js";
import { ASKED_QUESTIONS } from "./asked-questions.js";
import { createHash } from "node:crypto";
import type { KnowledgeBase } from "./loader.js";
import { Analyzer, nounsOf, vocabularyOf } from "./analyzer.js";
import { CompoundSplitter } from "./compounds.js";
import { letterMask } from "./edit-distance.js";
import { buildForeignIndex, loadForeignIndex, serializeForeignIndex, type ForeignIndex, type SerializedForeignIndex } from "./foreign-index.js";
import { QuestionMatcher, type SerializedQuestionMatcher } from "./question-matcher.js";
import { FOREIGN_LANGUAGES, LANGUAGES, type Article, type Contact, type ForeignLanguage, type Language, type LexiconEntry, type NotCoveredTopic } from "./schema.js";
import { lunr } from "./text.js";
import { runInSlices, runToEnd } from "../util/slices.js";
import type { Flow } from "./flows/schema.js";

/** Bump when analysis changes, so stale serialised indexes are rebuilt. */
export const INDEX_FORMAT_VERSION = 20;

export const FIELD_BOOSTS = { title: 8, questions: 5, keywords: 6, answer: 1 } as const;
/** Fields navigators curate to say what an article is about; a match there is strong evidence. */
export const STRONG_FIELDS: ReadonlySet<string> = new Set(["title", "questions", "keywords"]);

export interface LanguageIndex {
  lang: Language;
  index: lunr.Index;
  /** One document per example question and title (ref `articleId#n`): how close is the question to one people really asked? */
  questions: QuestionMatcher;
  /** Per term: the articles containing it (by number) and their BM25 weights, all fields summed. */
  weights: TermWeights;
  /** Filled on demand by the search, for index terms only (bounded by the vocabulary): term → article id → best field credit. */
  fieldCredits: Map<string, Map<string, number>>;
  /** Lunr's inverted index: term → field → article id → metadata. */
  postings: Record<string, Record<string, Record<string, unknown>>>;
  analyzer: Analyzer;
  /** Number of documents a term occurs in (any field). */
  docFreq: Map<string, number>;
  /** Number of documents with the term in a curated field (title, questions, keywords). */
  strongDocFreq: Map<string, number>;
  /** Folded German nouns of the articles (see `nounsOf`). */
  nouns: ReadonlySet<string>;
  /** All index terms grouped by length, for bounded typo lookup. */
  termsByLength: Map<number, { terms: string[]; masks: Uint32Array }>;
  docCount: number;
}

export interface TermWeights {
  /** Article ids by number. */
  docs: string[];
  postings: Map<string, { docs: Int32Array; weights: Float64Array }>;
  /** A score per article, reused by every query (zeroed after use). */
  scratch: Float64Array;
}

/**
 * The indexes of the article languages and of the languages with example questions only, and the
 * second reading of a question: `classifier` for German and English, `foreignClassifier` for
 * Ukrainian and Arabic (article-classifier.ts).
 */
export type SearchIndexes = Record<Language, LanguageIndex> & Record<ForeignLanguage, ForeignIndex> & { classifier: ArticleClassifier; foreignClassifier: ArticleClassifier };

export interface SerializedIndexes {
  version: number;
  contentHash: string;
  /** Of the asked questions the article model learnt from (asked-questions.ts): a cache from other ones is stale. */
  askedHash: string;
  /** The validated knowledge base itself, so a start with a fresh index parses no YAML. */
  kb: { articles: Article[]; contacts: Contact[]; synonyms: Record<Language, string[][]>; flows?: Flow[]; lexicon?: LexiconEntry[]; notCovered?: NotCoveredTopic[] };
  languages: Record<Language, { index: object; questions: SerializedQuestionMatcher; vocabulary: string[]; nouns: string[] }>;
  foreign: Record<ForeignLanguage, SerializedForeignIndex>;
  classifier: SerializedArticleClassifier;
  foreignClassifier: SerializedArticleClassifier;
}

export function articleFields(a: Article, lang: Language) {
  const t = a[lang];
  // People writing English in Germany use the German official terms ("Duldung", "Integrationskurs"):
  // the English index also knows each article's German title and keywords.
  const keywords = lang === "en" ? [...t.keywords, a.de.title, ...a.de.keywords] : t.keywords;
  return { title: t.title, questions: t.questions.join("\n"), keywords: keywords.join("\n"), answer: t.answer };
}

/** The asked questions, checked once (a generated file edited by hand must not train the model on junk), and their hash. */
const ASKED = AskedQuestions.parse(ASKED_QUESTIONS);
export const ASKED_HASH = createHash("sha256").update(JSON.stringify(ASKED.byArticle)).digest("hex").slice(0, 16);

export function buildIndexes(kb: KnowledgeBase): SearchIndexes {
  return runToEnd(indexBuilding(kb));
}

/** buildIndexes in slices (util/slices.ts), for the server's own thread: a Probefragen draft. */
export function buildIndexesInSlices(kb: KnowledgeBase): Promise<SearchIndexes> {
  return runInSlices(indexBuilding(kb));
}

function* indexBuilding(kb: KnowledgeBase): Generator<void, SearchIndexes, undefined> {
  const classifier = yield* articleClassifierTraining(kb.articles, (a) => articleExamples(a, ASKED.byArticle));
  const foreignClassifier = yield* articleClassifierTraining(kb.articles, (a) => foreignExamples(a, ASKED.byArticle));
  const out = { classifier, foreignClassifier } as SearchIndexes;
  for (const lang of FOREIGN_LANGUAGES) {
    out[lang] = buildForeignIndex(kb, lang);
    yield;
  }
  for (const lang of LANGUAGES) {
    yield;
    const texts: string[] = [];
    for (const a of kb.articles) texts.push(...Object.values(articleFields(a, lang)));
    for (const group of kb.synonyms[lang]) texts.push(...group);
    const splitter = new CompoundSplitter(vocabularyOf(texts, lang));
    const analyzer = new Analyzer(lang, splitter);
    const builder = new lunr.Builder();
    // Our analyzer has already folded, filtered and stemmed: Lunr only splits on spaces.
    builder.pipeline.reset();
    builder.searchPipeline.reset();
    builder.ref("id");
    for (const [field, boost] of Object.entries(FIELD_BOOSTS)) builder.field(field, { boost });
    for (const a of kb.articles) {
      const fields = articleFields(a, lang);
      builder.add({
        id: a.id,
        title: analyzer.indexTerms(fields.title).join(" "),
        questions: analyzer.indexTerms(fields.questions).join(" "),
        keywords: analyzer.indexTerms(fields.keywords).join(" "),
        answer: analyzer.indexTerms(fields.answer).join(" "),
      });
    }
    out[lang] = describe(lang, builder.build(), buildQuestionMatcher(kb, lang, analyzer), analyzer, nounsOf(texts, lang));
  }
  return out;
}

export function serializeIndexes(indexes: SearchIndexes, kb: KnowledgeBase): SerializedIndexes {
  const languages = {} as SerializedIndexes["languages"];
  for (const lang of LANGUAGES) {
    languages[lang] = { index: indexes[lang].index.toJSON(), questions: indexes[lang].questions.toJSON(), vocabulary: [...indexes[lang].analyzer.splitter.vocabulary()], nouns: [...indexes[lang].nouns] };
  }
  return {
    version: INDEX_FORMAT_VERSION,
    contentHash: kb.contentHash,
    askedHash: ASKED_HASH,
    kb: { articles: kb.articles, contacts: [...kb.contacts.values()], synonyms: kb.synonyms, flows: kb.flows ?? [], lexicon: kb.lexicon ?? [], notCovered: kb.notCovered ?? [] },
    languages,
    foreign: { uk: serializeForeignIndex(indexes.uk), ar: serializeForeignIndex(indexes.ar) },
    classifier: serializeArticleClassifier(indexes.classifier),
    foreignClassifier: serializeArticleClassifier(indexes.foreignClassifier),
  };
}

export function loadIndexes(data: SerializedIndexes): SearchIndexes {
  const out = { classifier: loadArticleClassifier(data.classifier), foreignClassifier: loadArticleClassifier(data.foreignClassifier) } as SearchIndexes;
  for (const lang of FOREIGN_LANGUAGES) out[lang] = loadForeignIndex(lang, data.foreign[lang], data.kb.articles.length);
  for (const lang of LANGUAGES) {
    const { index, questions, vocabulary, nouns } = data.languages[lang];
    out[lang] = describe(lang, lunr.Index.load(index), QuestionMatcher.load(questions), new Analyzer(lang, new CompoundSplitter(vocabulary)), new Set(nouns));
  }
  return out;
}

function buildQuestionMatcher(kb: KnowledgeBase, lang: Language, analyzer: Analyzer): QuestionMatcher {
  return QuestionMatcher.build(
    kb.articles.flatMap((a) => [a[lang].title, ...a[lang].questions].map((q) => [a.id, analyzer.indexTerms(q)] as [string, string[]])),
  );
}

function describe(lang: Language, index: lunr.Index, questions: QuestionMatcher, analyzer: Analyzer, nouns: ReadonlySet<string>): LanguageIndex {
  const inverted = (index as unknown as { invertedIndex: Record<string, Record<string, unknown>> }).invertedIndex;
  const docFreq = new Map<string, number>();
  const strongDocFreq = new Map<string, number>();
  const byLength = new Map<number, string[]>();
  const docs = new Set<string>();
  for (const [term, posting] of Object.entries(inverted)) {
    const ids = new Set<string>();
    const strong = new Set<string>();
    for (const [key, field] of Object.entries(posting)) {
      if (key === "_index") continue;
      for (const ref of Object.keys(field as object)) {
        ids.add(ref);
        if (STRONG_FIELDS.has(key)) strong.add(ref);
      }
    }
    ids.forEach((id) => docs.add(id));
    docFreq.set(term, ids.size);
    if (strong.size > 0) strongDocFreq.set(term, strong.size);
    const list = byLength.get(term.length) ?? [];
    list.push(term);
    byLength.set(term.length, list);
  }
  const termsByLength = new Map<number, { terms: string[]; masks: Uint32Array }>();
  for (const [len, terms] of byLength) termsByLength.set(len, { terms, masks: Uint32Array.from(terms, letterMask) });
  return {
    lang, index, questions, postings: inverted as LanguageIndex["postings"], weights: termWeights(index), fieldCredits: new Map(), analyzer, nouns,
    docFreq, strongDocFreq, termsByLength, docCount: Math.max(docs.size, 1),
  };
}

/**
 * Per term, each article's BM25 weight summed over its fields, read from the field vectors Lunr
 * built (field boosts included). Scoring a query is then one walk over its terms' postings;
 * Lunr's own query path allocates match data per article and field and compares whole field
 * vectors, which at 1,000 articles was 80 % of the query time.
 */
function termWeights(index: lunr.Index): TermWeights {
  const raw = index as unknown as {
    invertedIndex: Record<string, { _index: number }>;
    fieldVectors: Record<string, { elements: number[] }>;
  };
  const termByIndex: string[] = [];
  for (const [term, posting] of Object.entries(raw.invertedIndex)) termByIndex[posting._index] = term;
  const docs: string[] = [];
  const docNumber = new Map<string, number>();
  const sums = new Map<string, Map<number, number>>();
  for (const [fieldRef, vector] of Object.entries(raw.fieldVectors)) {
    const ref = fieldRef.slice(fieldRef.indexOf("/") + 1);
    let doc = docNumber.get(ref);
    if (doc === undefined) {
      doc = docs.push(ref) - 1;
      docNumber.set(ref, doc);
    }
    const el = vector.elements;
    for (let i = 0; i < el.length; i += 2) {
      const term = termByIndex[el[i]!]!;
      let perDoc = sums.get(term);
      if (!perDoc) sums.set(term, (perDoc = new Map()));
      perDoc.set(doc, (perDoc.get(doc) ?? 0) + el[i + 1]!);
    }
  }
  const postings = new Map<string, { docs: Int32Array; weights: Float64Array }>();
  for (const [term, perDoc] of sums) postings.set(term, { docs: Int32Array.from(perDoc.keys()), weights: Float64Array.from(perDoc.values()) });
  return { docs, postings, scratch: new Float64Array(docs.length) };
}
