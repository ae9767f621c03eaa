/**
 * Small learned readings of a whole message: logistic regression over its letter sequences (3 to 5
 * letters), words and word pairs (hashed-features.ts), so a model is one array of weights whatever
 * the vocabulary. Two are fitted on the dev eval set and shipped as generated modules:
 * - requests for a person (person-model.ts, `npm run eval -- --fit-person-requests`; used by
 *   intent.ts). The phrasings there name what a request looks like and miss every new way of
 *   putting it; the model has seen some 500 requests in four languages and recognises their parts
 *   in new sentences ("…dass mich jemand aus dem Lotsen-Team mal anruft?", "Dann hätte ich gern
 *   jemand Echtes").
 * - questions Lotse does not cover (scope-model.ts, `npm run eval -- --fit-scope`; used by
 *   scope.ts): it has seen some 730 out-of-scope questions beside 2,270 in scope, and knows
 *   "Kita-Platz", "Führerschein" or "Einbürgerung" as signs of a question that is not ours
 *   whatever article shares its other words.
 */
import { z } from "zod";
import { hashedFeatures } from "./hashed-features.js";

export const TextModel = z.strictObject({
  /** When and on what it was fitted, for the reader of the generated file. */
  fitted: z.string().min(1),
  buckets: z.number().int().positive().refine((n) => (n & (n - 1)) === 0, "must be a power of two"),
  bias: z.number().finite(),
  /** The weight of every bucket, as little-endian 16-bit integers (base64), times `scale`. */
  weights: z.string().min(1),
  scale: z.number().positive().finite(),
});
export type TextModel = z.infer<typeof TextModel>;

export interface CompiledTextModel {
  buckets: number;
  bias: number;
  weights: Float32Array;
}

export function compileTextModel(model: TextModel): CompiledTextModel {
  const m = TextModel.parse(model);
  const bytes = Buffer.from(m.weights, "base64");
  if (bytes.length !== m.buckets * 2) throw new Error(`text model: ${bytes.length} bytes of weights for ${m.buckets} buckets`);
  const weights = new Float32Array(m.buckets);
  for (let i = 0; i < m.buckets; i++) weights[i] = bytes.readInt16LE(i * 2) * m.scale;
  return { buckets: m.buckets, bias: m.bias, weights };
}

/** How likely `text` is of the model's kind (a request for a person, a question not covered), 0..1. */
export function textProbability(text: string, model: CompiledTextModel): number {
  let z = model.bias;
  for (const [b, v] of hashedFeatures(text, model.buckets)) z += model.weights[b]! * v;
  return 1 / (1 + Math.exp(-z));
}

export interface TextSample {
  text: string;
  /** Of the kind the model recognises. */
  positive: boolean;
}

export interface FitOptions {
  buckets?: number;
  /** L2 penalty per example: small, the model is meant to remember the many ways of asking. */
  l2?: number;
  iterations?: number;
  fitted: string;
}

/**
 * Logistic regression by full-batch Adam: a few thousand short messages, so every step sees all
 * of them and the result is the same on every run.
 */
export function fitTextModel(samples: readonly TextSample[], opts: FitOptions): TextModel {
  const buckets = opts.buckets ?? 1 << 15;
  const l2 = opts.l2 ?? 3e-5;
  const iterations = opts.iterations ?? 600;
  const xs = samples.map((s) => [...hashedFeatures(s.text, buckets)]);
  const ys = samples.map((s) => (s.positive ? 1 : 0));
  const n = samples.length;
  const w = new Float64Array(buckets);
  let bias = 0;
  const m = new Float64Array(buckets + 1);
  const v = new Float64Array(buckets + 1);
  const [rate, beta1, beta2, eps] = [0.05, 0.9, 0.999, 1e-8];
  const grad = new Float64Array(buckets + 1);
  for (let t = 1; t <= iterations; t++) {
    grad.fill(0);
    for (let i = 0; i < n; i++) {
      let z = bias;
      for (const [b, x] of xs[i]!) z += w[b]! * x;
      const err = 1 / (1 + Math.exp(-z)) - ys[i]!;
      for (const [b, x] of xs[i]!) grad[b]! += (err * x) / n;
      grad[buckets]! += err / n;
    }
    for (let b = 0; b < buckets; b++) grad[b]! += l2 * w[b]!;
    for (let k = 0; k <= buckets; k++) {
      const g = grad[k]!;
      m[k] = beta1 * m[k]! + (1 - beta1) * g;
      v[k] = beta2 * v[k]! + (1 - beta2) * g * g;
      const step = (rate * (m[k]! / (1 - beta1 ** t))) / (Math.sqrt(v[k]! / (1 - beta2 ** t)) + eps);
      if (k === buckets) bias -= step;
      else w[k]! -= step;
    }
  }
  let max = 0;
  for (const x of w) max = Math.max(max, Math.abs(x));
  const scale = (max || 1) / 32767;
  const bytes = Buffer.alloc(buckets * 2);
  for (let b = 0; b < buckets; b++) bytes.writeInt16LE(Math.round(w[b]! / scale), b * 2);
  return { fitted: opts.fitted, buckets, bias: Math.round(bias * 1e6) / 1e6, weights: bytes.toString("base64"), scale };
}
