/**
 * What a flow looks like to the outside, in one language: the `flow` object of the `ask`
 * contract (the flow and its current step) and a referral with its contacts resolved.
 */
import { z } from "zod";
import { ContactView } from "../contact-view.js";

export const FlowOptionView = z.object({
  label: z.string(),
  /** Exactly one of these: the next step's id, an article id, or a referral id. */
  next: z.string().optional(),
  article: z.string().optional(),
  referral: z.string().optional(),
});
export type FlowOptionView = z.infer<typeof FlowOptionView>;

export const FlowStepView = z.object({
  id: z.string(),
  question: z.string(),
  options: z.array(FlowOptionView),
});
export type FlowStepView = z.infer<typeof FlowStepView>;

/** The contract's `flow`: a guided referral and the step to show (the first one for a question). */
export const FlowView = z.object({
  id: z.string(),
  title: z.string(),
  intro: z.string(),
  step: FlowStepView,
});
export type FlowView = z.infer<typeof FlowView>;

/** The same shape as an answer's contacts. */
export const FlowContactView = ContactView;
export type FlowContactView = z.infer<typeof FlowContactView>;

export const FlowReferralView = z.object({
  id: z.string(),
  title: z.string(),
  text: z.string(),
  contacts: z.array(FlowContactView),
  bring: z.array(z.string()),
});
export type FlowReferralView = z.infer<typeof FlowReferralView>;
