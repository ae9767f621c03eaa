/** The shape of an analysed question, shared by the query analysis and the example-question matcher. */

export type TokenKind = "exact" | "part" | "synonym" | "fuzzy";

export interface QueryToken {
  term: string;
  kind: TokenKind;
  /** How much a match on this token counts towards covering its concept (0..1]. */
  credit: number;
}

export interface Concept {
  word: string;
  /** IDF-like weight: rare words count more towards coverage. */
  weight: number;
  tokens: QueryToken[];
  /** Whether any token of the concept exists in the index. */
  known: boolean;
  /** The word starts a multi-word synonym found in the question. */
  phrase: boolean;
  /** A compound not in the index, known only through its parts. */
  compoundUnknown: boolean;
}
