/**
 * The API's shapes as the server declares them (src/console/schemas.ts): type-only imports, so
 * neither zod nor any server code ends up in the bundle.
 */
import type { z } from "zod";
import type * as S from "../schemas.js";

export type Navigator = z.infer<typeof S.Me>["navigator"];
export type TicketPage = z.infer<typeof S.TicketPage>;
export type TicketSummary = TicketPage["tickets"][number];
export type TicketDetail = S.TicketDetail;
export type TicketResult = z.infer<typeof S.TicketResult>;
export type ReplyResult = z.infer<typeof S.ReplyResult>;
export type UnansweredReport = z.infer<typeof S.UnansweredReport>;
export type UnansweredGroup = UnansweredReport["groups"][number];
export type FeedbackReport = z.infer<typeof S.FeedbackReport>;
export type AuditPage = z.infer<typeof S.AuditPage>;
export type FailedDeliveries = z.infer<typeof S.FailedDeliveries>;
