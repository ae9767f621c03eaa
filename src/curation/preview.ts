/**
 * The answer card a draft would give, built exactly as the bot builds it: the article rendered
 * by KnowledgeEngine.render (the contract's `answer`), cut short by shortAnswer, laid out by
 * bot/cards answerCard with the bot's own phrases. What a navigator previews is what people get.
 */
import { answerCard, MAX_RELATED } from "../../bot/cards/answer-card.js";
import type { AdaptiveCard } from "../../bot/cards/adaptive.js";
import { shortAnswer } from "../../bot/cards/short-answer.js";
import { translator } from "../../bot/i18n.js";
import { KnowledgeEngine } from "../knowledge/engine.js";
import type { Article, Language } from "../knowledge/schema.js";

export function previewCard(article: Article, current: KnowledgeEngine, language: Language): AdaptiveCard {
  // An engine holding only the draft, sharing the live engine's contacts and indexes: render()
  // needs no search, so nothing is indexed again.
  const kb = { ...current.kb, articles: [article], flows: [] };
  const single = new KnowledgeEngine(kb, current.indexes, current.decision);
  const answer = single.render(article.id, language)!;
  const related = article.related
    .filter((id) => id !== article.id && current.article(id))
    .slice(0, MAX_RELATED)
    .map((id) => ({ id, title: current.article(id)![language].title }));
  return answerCard({ answer, short: shortAnswer(article, language), related }, translator(language), language);
}
