/** The curation API's shapes (src/curation/schemas.ts, src/curation/trial.ts), type-only. */
export type {
  ApproveResult,
  ArticleDetail,
  ArticleListing,
  ArticleRow,
  Draft,
  DraftArticle,
  DraftText,
  FieldProblem,
  VersionDetail,
  VersionSummary,
  ValidateResult,
} from "../../curation/schemas.js";
export type { Trial, TrialRow, TrialSide } from "../../curation/trial.js";

/** GET /api/console/knowledge/status (LiveKnowledge.status()). */
export type { KnowledgeStatus } from "../../knowledge/live.js";
