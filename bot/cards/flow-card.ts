/**
 * A guided referral ("Wegweiser") as Adaptive Cards: one step (question and option buttons),
 * a referral (the office, its contacts and what to bring), and the navigation shown after an
 * article. "Zurück" and "Neu beginnen" are on every one of them.
 */
import type { FlowReferralView } from "../../src/knowledge/index.js";
import type { Translate, UiLanguage } from "../i18n.js";
import { actionSet, adaptiveCard, heading, submit, textBlock, type AdaptiveCard, type CardElement, type SubmitData } from "./adaptive.js";

export interface FlowButton {
  label: string;
  value: SubmitData;
}

export interface FlowStepCardView {
  /** The flow's title, shown small above the question. */
  title: string;
  /** Shown on the first step only. */
  intro?: string;
  question: string;
  options: FlowButton[];
  /** Back and restart. */
  nav: FlowButton[];
  note?: string;
}

const navActions = (nav: FlowButton[]) => nav.map((b) => submit(b.label, b.value));

export function flowStepCard(view: FlowStepCardView, ui: UiLanguage): AdaptiveCard {
  const body: CardElement[] = [textBlock(view.title, { isSubtle: true, size: "Small", weight: "Bolder" })];
  if (view.intro) body.push(textBlock(view.intro, { spacing: "Small" }));
  if (view.note) body.push(textBlock(view.note, { isSubtle: true, size: "Small", spacing: "Small" }));
  body.push(
    textBlock(view.question, { size: "Medium", weight: "Bolder", style: "heading" }),
    // One button per line: labels are short sentences, and a row of six would be cut off.
    ...view.options.map((o) => actionSet([submit(o.label, o.value)])),
  );
  return adaptiveCard(ui, body, navActions(view.nav));
}

export function flowReferralCard(title: string, referral: FlowReferralView, nav: FlowButton[], t: Translate, ui: UiLanguage): AdaptiveCard {
  const body: CardElement[] = [
    textBlock(title, { isSubtle: true, size: "Small", weight: "Bolder" }),
    textBlock(referral.title, { size: "Medium", weight: "Bolder", style: "heading" }),
    textBlock(referral.text, { spacing: "Small" }),
    heading(t("flow.contacts")),
    textBlock(referralContactLines(referral, t).join("\n"), { spacing: "Small" }),
    heading(t("flow.bring")),
    textBlock(referral.bring.map((b) => `- ${b}`).join("\n"), { spacing: "Small" }),
  ];
  return adaptiveCard(ui, body, navActions(nav));
}

/** After an article picked in a flow: the way back into the flow. */
export function flowNavCard(text: string, nav: FlowButton[], ui: UiLanguage): AdaptiveCard {
  return adaptiveCard(ui, [textBlock(text, { isSubtle: true })], navActions(nav));
}

export function referralContactLines(referral: FlowReferralView, t: Translate): string[] {
  return referral.contacts.map((c) => {
    const details = [`[${t("answer.website")}](${c.website})`];
    if (c.phone) details.push(t("answer.phone", { phone: c.phone }));
    if (c.email) details.push(t("answer.email", { email: c.email }));
    return `- **${c.name}** – ${c.responsible_for}  \n${details.join(" · ")}`;
  });
}
