/**
 * A second reading of a question: which article it belongs to, by a logistic model over the
 * letter sequences and words of the articles' titles, example questions and keywords (German and
 * English), trained with the search index from the content itself. It reads the whole question
 * as one, where the search weighs its words one by one, so it knows "Krankenschwester aus Syrien,
 * darf sie bei uns als Fachkraft arbeiten?" from the example questions of the nursing article
 * even when no single word decides. Where both put the same article first, the engine may answer
 * what it would only have offered (engine.ts).
 */
import type { Article } from "./schema.js";
import { hash, hashedFeatures } from "./hashed-features.js";

export interface ArticleClassifier {
  ids: string[];
  buckets: number;
  /** Weight of bucket b for article k at b * ids.length + k. */
  weights: Float32Array;
  bias: Float32Array;
}

export interface SerializedArticleClassifier {
  ids: string[];
  buckets: number;
  /** Little-endian float32, base64. */
  weights: string;
  bias: number[];
}

/** 4,096 buckets: in a first fit (L-BFGS) they read the dev set's questions almost as well as 65,536 (top-1 84.8 % against 86.0 %), at a sixteenth of the size. */
const BUCKETS = 1 << 12;
/**
 * Six passes at a high rate, hardly any penalty: the model should remember the curated phrasings
 * closely. On the dev set's German and English questions: 89.0 % top-1 (six passes at rate 0.5:
 * 80.8 %, twelve at rate 1: 86.4 %, eight at rate 4: 89.1 %).
 */
const EPOCHS = 6;
const RATE = 4;
const L2 = 1e-5;

/** What an article says it is about: its titles, example questions and keywords, German and English. */
export function articleExamples(a: Article): string[] {
  return (["de", "en"] as const).flatMap((lang) => [a[lang].title, ...a[lang].questions, a[lang].keywords.join(" ")]).filter((t) => t.trim().length > 0);
}

/**
 * What an article says it is about to a Ukrainian or Arabic asker: its example questions in both
 * languages (the scripts do not overlap, so one model reads both), and its German title and
 * keywords for the German words people mix in ("Duldung", "Jobcenter", "§ 60d").
 */
export function foreignExamples(a: Article): string[] {
  return [...(a.uk?.questions ?? []), ...(a.ar?.questions ?? []), a.de.title, a.de.keywords.join(" ")].filter((t) => t.trim().length > 0);
}

/** A text's features as two flat arrays: iterating pairs cost most of the training time. */
interface Features {
  buckets: Int32Array;
  values: Float64Array;
}

function featuresOf(text: string, buckets: number): Features {
  const f = hashedFeatures(text, buckets);
  return { buckets: Int32Array.from(f.keys()), values: Float64Array.from(f.values()) };
}

/**
 * Training costs grow with the square of the number of articles (more examples, each scored for
 * every article): 58 take about a second, 200 would take about twelve. Beyond that the engine
 * decides by the search alone, as before this classifier.
 */
export const MAX_CLASSIFIED_ARTICLES = 200;

/** Multinomial logistic regression by stochastic gradient descent, a few passes in a fixed order. */
export function trainArticleClassifier(articles: readonly Article[], examplesOf: (a: Article) => string[] = articleExamples, buckets = BUCKETS): ArticleClassifier {
  if (articles.length > MAX_CLASSIFIED_ARTICLES) return { ids: [], buckets, weights: new Float32Array(0), bias: new Float32Array(0) };
  const ids = articles.map((a) => a.id);
  const k = ids.length;
  const samples = articles.flatMap((a, label) => examplesOf(a).map((text) => ({ text: `${a.id}\u0000${text}`, x: featuresOf(text, buckets), label })));
  const w = new Float64Array(buckets * k);
  const bias = new Float64Array(k);
  const z = new Float64Array(k);
  const decay = 1 - RATE * L2;
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    // Each pass in an order given by the examples themselves, not by their number: one example
    // question more leaves the others in their order, so a draft moves little beyond its own
    // questions (a shuffle seeded by the count changed the outcome of 15 other dev questions).
    const order = samples.map((s, i) => [hash(`${epoch}\u0000${s.text}`), i] as const).sort((x, y) => x[0] - y[0] || x[1] - y[1]).map(([, i]) => i);
    const rate = RATE / (1 + epoch);
    for (const i of order) {
      const { x, label } = samples[i]!;
      scores(x, w, bias, z);
      for (let c = 0; c < k; c++) z[c] = rate * (z[c]! - (c === label ? 1 : 0));
      for (let n = 0; n < x.buckets.length; n++) {
        const row = x.buckets[n]! * k;
        const v = x.values[n]!;
        for (let c = 0; c < k; c++) w[row + c] = decay * w[row + c]! - z[c]! * v;
      }
      for (let c = 0; c < k; c++) bias[c] = bias[c]! - z[c]!;
    }
  }
  return { ids, buckets, weights: Float32Array.from(w), bias: Float32Array.from(bias) };
}

/** Softmax of the article scores for features `x`, into `out`. */
function scores(x: Features, weights: Float32Array | Float64Array, bias: Float32Array | Float64Array, out: Float64Array): void {
  const k = bias.length;
  for (let c = 0; c < k; c++) out[c] = bias[c]!;
  for (let n = 0; n < x.buckets.length; n++) {
    const row = x.buckets[n]! * k;
    const v = x.values[n]!;
    for (let c = 0; c < k; c++) out[c] = out[c]! + weights[row + c]! * v;
  }
  let max = -Infinity;
  for (let c = 0; c < k; c++) max = Math.max(max, out[c]!);
  let sum = 0;
  for (let c = 0; c < k; c++) {
    out[c] = Math.exp(out[c]! - max);
    sum += out[c]!;
  }
  for (let c = 0; c < k; c++) out[c] = out[c]! / sum;
}

/** The probability of each article (in `model.ids` order) for `text`. */
export function articleProbabilities(text: string, model: ArticleClassifier): Float64Array {
  const out = new Float64Array(model.ids.length);
  if (model.ids.length > 0) scores(featuresOf(text, model.buckets), model.weights, model.bias, out);
  return out;
}

/** The article the classifier puts first for `text`, and its probability. */
export function classifyQuestion(text: string, model: ArticleClassifier): { id: string; p: number } | undefined {
  if (model.ids.length === 0) return undefined;
  const out = articleProbabilities(text, model);
  let best = 0;
  for (let c = 1; c < out.length; c++) if (out[c]! > out[best]!) best = c;
  return { id: model.ids[best]!, p: out[best]! };
}

export function serializeArticleClassifier(model: ArticleClassifier): SerializedArticleClassifier {
  return {
    ids: model.ids,
    buckets: model.buckets,
    weights: Buffer.from(model.weights.buffer, model.weights.byteOffset, model.weights.byteLength).toString("base64"),
    bias: [...model.bias],
  };
}

export function loadArticleClassifier(data: SerializedArticleClassifier): ArticleClassifier {
  const bytes = Buffer.from(data.weights, "base64");
  const expected = data.buckets * data.ids.length * 4;
  if (bytes.length !== expected || data.bias.length !== data.ids.length) {
    throw new Error(`article classifier: ${bytes.length} bytes of weights and ${data.bias.length} biases for ${data.ids.length} articles × ${data.buckets} buckets`);
  }
  const weights = new Float32Array(data.buckets * data.ids.length);
  for (let i = 0; i < weights.length; i++) weights[i] = bytes.readFloatLE(i * 4);
  return { ids: data.ids, buckets: data.buckets, weights, bias: Float32Array.from(data.bias) };
}
