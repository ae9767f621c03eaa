/**
 * The sentence that asks, in a question that tells a story first ("Unser Lagerhelfer aus dem Irak
 * hat heute erzählt, dass … Darf er weiter bei uns arbeiten?"). People put the situation first
 * and the question last; every word of the story dilutes how much of the question an article
 * covers, so a right article can look unsure.
 */

/** Below this many words a question is searched as a whole only. */
const MIN_WORDS = 18;
/** The asking sentence must say at least this much to be searched on its own. */
const MIN_SENTENCE_WORDS = 3;

const wordsOf = (text: string) => text.split(/\s+/).filter(Boolean).length;

/** The last sentence ending in "?" (else the last sentence) of a long, several-sentence question; undefined otherwise. */
export function askingSentence(question: string): string | undefined {
  if (wordsOf(question) < MIN_WORDS) return undefined;
  const sentences = question.split(/(?<=[.!?;:])\s+/).map((s) => s.trim()).filter(Boolean);
  if (sentences.length < 2) return undefined;
  const asking = [...sentences].reverse().find((s) => s.endsWith("?")) ?? sentences[sentences.length - 1]!;
  return wordsOf(asking) >= MIN_SENTENCE_WORDS ? asking : undefined;
}
