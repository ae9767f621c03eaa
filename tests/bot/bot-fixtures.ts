/** What bot unit tests share: records kept in memory, and the real articles with a fixed decision. */
import type { Knowledge } from "../../bot/index.js";
import type { AskResult } from "../../src/knowledge/contract.js";
import type { FeedbackRecord, NavigatorRecords, UnansweredRecord } from "../../src/storage/records.js";
import { sharedEngine } from "../helpers/bot-harness.js";

export class MemoryRecords implements NavigatorRecords {
  feedback: FeedbackRecord[] = [];
  unanswered: UnansweredRecord[] = [];
  saveFeedback(r: FeedbackRecord) {
    this.feedback.push(r);
  }
  saveUnanswered(r: UnansweredRecord) {
    this.unanswered.push(r);
  }
}

/** The real articles, with a fixed decision so these tests do not follow search tuning. */
export function knowledgeAnswering(result: Partial<AskResult>): Knowledge {
  const real = sharedEngine();
  return {
    ask: (question) => ({ question, language: "de", answerLanguage: "de", outcome: "none", confidence: 0, answer: null, alternatives: [], ...result }) as AskResult,
    render: (id, lang) => real.render(id, lang),
    article: (id) => real.article(id),
    get articles() {
      return real.articles;
    },
  };
}
