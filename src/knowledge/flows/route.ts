/**
 * When a broad question ("Welche Förderung gibt es?") should start a guided referral instead of
 * a clarify list or a guess: the engine's hook after its normal decision.
 */
import type { AskResult } from "../contract.js";
import type { Concept } from "../query.js";
import type { FlowCatalog } from "./catalog.js";

/** Closeness to a trigger question that starts a flow instead of `clarify` or `none`. */
export const FLOW_MIN_MATCH = 0.7;
/** Closeness that starts a flow even over an `answer` — only when the question is (nearly) a trigger question. */
export const FLOW_OVER_ANSWER_MATCH = 0.85;

/**
 * The result with outcome `flow` when a flow's trigger questions fit the question clearly
 * better than the decision did; otherwise the result unchanged.
 * @param answerNearest how close the question is to the best article's nearest example question
 * @param concepts the question as the search analysed it (reused: no second analysis per question)
 */
export function routeToFlow(result: AskResult, answerNearest: number, flows: FlowCatalog, concepts?: readonly Concept[]): AskResult {
  if (result.outcome === "handoff" || result.outcome === "flow" || flows.flows.length === 0) return result;
  const match = flows.match(result.question, concepts);
  if (!match) return result;
  const taken =
    result.outcome === "answer" ? match.score >= FLOW_OVER_ANSWER_MATCH && match.score > answerNearest : match.score >= FLOW_MIN_MATCH;
  // In the asker's language where the flow is written in it (uk, ar), otherwise in the answer language.
  const flow = taken ? flows.view(match.id, result.language, result.answerLanguage) : undefined;
  if (!flow) return result;
  // The article the decision would have shown stays on offer, first among the alternatives.
  const answered = result.answer ? [{ id: result.answer.id, title: result.answer.title, score: result.confidence }] : [];
  return {
    ...result,
    outcome: "flow",
    confidence: Math.round(match.score * 1000) / 1000,
    answer: null,
    alternatives: [...answered, ...result.alternatives].slice(0, 3),
    flow,
  };
}
