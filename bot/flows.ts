/**
 * Walking a guided referral ("Wegweiser") in the chat: each step as buttons, back and restart
 * at every step, an article leaf as the normal answer card, a referral leaf with contacts and
 * what to bring. Where the person is lives in the conversation state; every button carries the
 * flow instance and step it was shown for, so a button of a superseded step does nothing.
 */
import { randomBytes } from "node:crypto";
import { z } from "zod";
import type { FlowCatalog } from "../src/knowledge/index.js";
import { targetOf } from "../src/knowledge/index.js";
import { MAX_OPTIONS, pickText, type Flow } from "../src/knowledge/index.js";
import { Id, type Language } from "../src/knowledge/index.js";
import type { BotAction } from "./actions.js";
import { flowNavCard, flowReferralCard, flowStepCard, referralContactLines, type FlowButton } from "./cards/flow-card.js";
import { hasContentIn, type Translate, type UiLanguage } from "./i18n.js";
import type { ConversationData, OfferedChoice } from "./state.js";

const MAX_DEPTH = 30;
const Instance = z.string().regex(/^[0-9a-f]{8}$/);

/** Where the person is in a flow (conversation state). */
export const FlowState = z.object({
  id: Id,
  /** New at every start and restart: buttons of an earlier run are closed. */
  instance: Instance,
  /** Steps from the start to the current one. */
  trail: z.array(Id).min(1).max(MAX_DEPTH),
  /** The option of the current step whose article or referral is shown. */
  leaf: z.number().int().min(0).max(MAX_OPTIONS - 1).optional(),
});
export type FlowState = z.infer<typeof FlowState>;

/** A flow button's value: which card it was on (flow, instance, step, depth, leaf) and what it does. */
export const FlowAction = z.object({
  action: z.literal("flow"),
  flow: Id,
  instance: Instance,
  step: Id,
  depth: z.number().int().min(1).max(MAX_DEPTH),
  leaf: z.boolean().optional(),
  go: z.enum(["option", "back", "restart"]),
  option: z.number().int().min(0).max(MAX_OPTIONS - 1).optional(),
});
export type FlowAction = z.infer<typeof FlowAction>;

/** What the guide needs of a bot turn. */
export interface FlowTurn {
  conversation: ConversationData;
  ui: UiLanguage;
  t: Translate;
  cards: boolean;
  /** The article language (German or English) for this person. */
  lang: Language;
  say(text: string): Promise<void>;
  offer(text: string, choices: OfferedChoice[]): Promise<void>;
  sendCard(card: object): Promise<void>;
  /** The bot's normal answer card (or text) for an article. */
  showArticle(id: string): Promise<void>;
}

export class FlowGuide {
  constructor(private readonly flows: FlowCatalog) {}

  /** Starts a flow at its first step, with its introduction. */
  async start(turn: FlowTurn, flowId: string): Promise<void> {
    const flow = this.flows.get(flowId);
    if (!flow) return turn.say(turn.t("errors.invalidAction"));
    turn.conversation.flow = { id: flow.id, instance: newInstance(), trail: [flow.start] };
    await this.showStep(turn, flow, true);
  }

  async perform(turn: FlowTurn, action: FlowAction): Promise<void> {
    const state = turn.conversation.flow;
    const flow = state && this.flows.get(state.id);
    if (!state || !flow || !isOpen(state, action)) return turn.say(turn.t("errors.choiceClosed"));
    switch (action.go) {
      case "restart":
        turn.conversation.flow = { id: flow.id, instance: newInstance(), trail: [flow.start] };
        return this.showStep(turn, flow, true);
      case "back":
        if (state.leaf !== undefined) delete state.leaf;
        else if (state.trail.length > 1) state.trail.pop();
        else {
          // Back from the first question leaves the guide.
          delete turn.conversation.flow;
          return turn.say(turn.t("flow.left"));
        }
        return this.showStep(turn, flow, false);
      case "option": {
        const option = action.option === undefined ? undefined : flow.steps[current(state)]?.options[action.option];
        if (!option || state.leaf !== undefined) return turn.say(turn.t("errors.invalidAction"));
        const target = targetOf(option);
        if ("next" in target) {
          if (state.trail.length >= MAX_DEPTH) return turn.say(turn.t("errors.invalidAction"));
          state.trail.push(target.next);
          return this.showStep(turn, flow, false);
        }
        state.leaf = action.option;
        if ("article" in target) {
          await turn.showArticle(target.article);
          return this.showArticleNav(turn, flow, state, target.article);
        }
        return this.showReferral(turn, flow, state, target.referral);
      }
    }
  }

  private async showStep(turn: FlowTurn, flow: Flow, first: boolean): Promise<void> {
    const state = turn.conversation.flow!;
    const view = this.flows.step(flow.id, current(state), turn.ui, turn.lang)!;
    const title = pickText(flow.title, turn.ui, turn.lang);
    const intro = first ? pickText(flow.intro, turn.ui, turn.lang) : undefined;
    const options: FlowButton[] = view.options.map((o, i) => ({ label: o.label, value: buttonValue(state, "option", i) }));
    const nav = navButtons(turn, state);
    const choices = [...options, ...nav].map(toChoice);
    if (turn.cards) {
      const translated = flow.steps[current(state)]!.question[turn.ui as "uk" | "ar"] !== undefined;
      const note = hasContentIn(turn.ui) || translated ? undefined : turn.t("answer.contentNote", { language: turn.t(`language.content.${turn.lang}`) });
      await turn.sendCard(flowStepCard({ title, ...(intro ? { intro } : {}), question: view.question, options, nav, ...(note ? { note } : {}) }, turn.ui));
      // Typing an option's label or number picks it too.
      turn.conversation.offered = choices;
      return;
    }
    await turn.offer([title, ...(intro ? [intro] : []), view.question].join("\n\n"), choices);
  }

  private async showReferral(turn: FlowTurn, flow: Flow, state: FlowState, referralId: string): Promise<void> {
    const referral = this.flows.referral(flow.id, referralId, turn.ui, turn.lang)!;
    const title = pickText(flow.title, turn.ui, turn.lang);
    const nav = navButtons(turn, state);
    const navigator: OfferedChoice = { label: turn.t("answer.navigator"), value: { action: "handoff" } };
    if (turn.cards) {
      await turn.sendCard(flowReferralCard(title, referral, nav, turn.t, turn.ui));
      turn.conversation.offered = [...nav.map(toChoice), navigator];
      return;
    }
    const text = [
      referral.title,
      referral.text,
      `${turn.t("flow.contacts")}:\n${referralContactLines(referral, turn.t).join("\n")}`,
      `${turn.t("flow.bring")}:\n${referral.bring.map((b) => `- ${b}`).join("\n")}`,
    ].join("\n\n");
    await turn.offer(text, [...nav.map(toChoice), navigator]);
  }

  private async showArticleNav(turn: FlowTurn, flow: Flow, state: FlowState, articleId: string): Promise<void> {
    const text = turn.t("flow.leafNav", { title: pickText(flow.title, turn.ui, turn.lang) });
    const nav = navButtons(turn, state);
    if (turn.cards) {
      const offered = turn.conversation.offered;
      await turn.sendCard(flowNavCard(text, nav, turn.ui));
      turn.conversation.offered = [...offered, ...nav.map(toChoice)];
      return;
    }
    // Without cards this offer replaces the article's choices: keep its feedback in it.
    await turn.offer(text, [
      ...nav.map(toChoice),
      { label: turn.t("answer.helpful"), value: { action: "feedback", id: articleId, helpful: true } },
      { label: turn.t("answer.notHelpful"), value: { action: "feedback", id: articleId, helpful: false } },
      { label: turn.t("answer.navigator"), value: { action: "handoff" } },
    ]);
  }
}

function current(state: FlowState): string {
  return state.trail[state.trail.length - 1]!;
}

/** Open: the button was shown for exactly the step (and leaf) the person is at now. */
function isOpen(state: FlowState, a: FlowAction): boolean {
  return a.flow === state.id && a.instance === state.instance && a.step === current(state) && a.depth === state.trail.length && !!a.leaf === (state.leaf !== undefined);
}

function buttonValue(state: FlowState, go: FlowAction["go"], option?: number): FlowAction {
  return {
    action: "flow", flow: state.id, instance: state.instance, step: current(state), depth: state.trail.length,
    ...(state.leaf !== undefined ? { leaf: true } : {}), go, ...(option !== undefined ? { option } : {}),
  };
}

function navButtons(turn: FlowTurn, state: FlowState): FlowButton[] {
  return [
    { label: turn.t("flow.back"), value: buttonValue(state, "back") },
    { label: turn.t("flow.restart"), value: buttonValue(state, "restart") },
  ];
}

function toChoice(b: FlowButton): OfferedChoice {
  return { label: b.label, value: b.value as BotAction };
}

function newInstance(): string {
  return randomBytes(4).toString("hex");
}
