/**
 * Lotse's conversation: welcome, questions to the knowledge engine (answer card, clarify,
 * none), commands, feedback and the way to a navigator. All dependencies come in through the
 * constructor; the bot knows nothing about HTTP hosting.
 */
import { ActionTypes, ActivityTypes, AttachmentLayoutTypes, InputHints, type Activity } from "@microsoft/agents-activity";
import { ActivityHandler, CardFactory, type InvokeResponse, type Storage, type TurnContext } from "@microsoft/agents-hosting";
import { outgoing, type Outgoing } from "./activity.js";
import { MAX_QUESTION_LENGTH, type AskResult } from "../src/knowledge/index.js";
import type { KnowledgeEngine } from "../src/knowledge/index.js";
import { AREAS, AUDIENCES, Audience, type Language } from "../src/knowledge/index.js";
import type { NavigatorRecords } from "../src/storage/records.js";
import type { Logger } from "../src/util/logger.js";
import { randomUUID } from "node:crypto";
import { scrubPersonalData } from "../src/privacy/scrub.js";
import { offerIdOf, parseAction, type BotAction } from "./actions.js";
import { individualCase } from "./case-guard.js";
import { answerCard, answerText, MAX_RELATED } from "./cards/answer-card.js";
import { shortAnswer } from "./cards/short-answer.js";
import { areaCard } from "./cards/topic-card.js";
import { welcomeCard, welcomeText } from "./cards/welcome-card.js";
import { supportsAdaptiveCards } from "./channels.js";
import { HandoffDialogue, isHandoffAction, remember, type HandoffTurn } from "./handoff.js";
import { FlowGuide, type FlowTurn } from "./flows.js";
import { hasContentIn, translator, UI_LANGUAGES, type Translate, type UiLanguage } from "./i18n.js";
import { articleLanguage, uiLanguage } from "./language.js";
import { recogniseChoice, recogniseCommand } from "./recognise.js";
import type { NavigatorDesk } from "./navigator-desk.js";
import { BotMemory, type ConversationData, type OfferedChoice, type UserProfile } from "./state.js";
import { answerComposeQuery, COMPOSE_QUERY_INVOKE, type ComposeQueryDeps } from "./message-extension.js";
import { deepFreeze } from "../src/util/deep-freeze.js";
import { LruCache } from "../src/util/lru-cache.js";
import { unhandledInvoke } from "./invoke-response.js";
import { textWithoutBotMention } from "./mentions.js";

/** The part of the knowledge engine the bot uses. */
export type KnowledgeView = Pick<KnowledgeEngine, "ask" | "render" | "article" | "articles"> & Partial<Pick<KnowledgeEngine, "flows">>;
/**
 * A fixed engine, or a live one (LiveKnowledge) whose `current` engine is swapped when the
 * content changes: the bot reads `current` once per turn, so one turn never mixes two versions.
 */
export type Knowledge = KnowledgeView & { readonly current?: KnowledgeView };

export interface LotseBotOptions {
  knowledge: Knowledge;
  /** Where the person's profile and the conversation are kept (under the Agents SDK's state keys). */
  storage: Storage;
  records: NavigatorRecords;
  /** The way to a human: consent, the ticket, the live relay. */
  handoff: HandoffDialogue;
  /** The navigators' side in Teams (ticket cards, thread replies); absent outside Teams deployments. */
  navigatorDesk?: NavigatorDesk;
  /** The Teams search message extension (bot/message-extension.ts); absent: its invokes are not handled. */
  search?: ComposeQueryDeps;
  logger?: Logger;
  /** Told what each question came to (the server's metrics); plain callbacks, no metrics library here. */
  metrics?: BotMetricsSink;
}

/** Where the bot reports its decisions; the hosting side turns them into metrics. */
export interface BotMetricsSink {
  /** One question decided: `outcome` answer/clarify/none/handoff/flow/too_long; `confidence` 0…1 when the engine was asked. */
  onTurn(outcome: string, channel: string, confidence?: number): void;
  /** A turn failed unexpectedly (reported by the host's turn-error handler). */
  onTurnError?(channel: string): void;
}

type Alternative = AskResult["alternatives"][number];

/** Misses in a row after which the bot offers a navigator on its own. */
export const MISSES_BEFORE_OFFER = 2;

interface Turn {
  context: TurnContext;
  profile: UserProfile;
  conversation: ConversationData;
  ui: UiLanguage;
  t: Translate;
  cards: boolean;
  /** The knowledge base as it was when the turn began (see `Knowledge`). */
  knowledge: KnowledgeView;
}

const MAX_CACHED_CARDS = 1000;


export class LotseBot extends ActivityHandler {
  private readonly knowledge: Knowledge;
  private readonly memory: BotMemory;
  private readonly records: NavigatorRecords;
  private readonly handoff: HandoffDialogue;
  private readonly desk?: NavigatorDesk;
  private readonly search?: ComposeQueryDeps;
  private readonly logger?: Logger;
  private readonly metrics?: BotMetricsSink;
  /** Answer cards by article, languages and related links: the same few articles are asked for all day. */
  private readonly cards = new WeakMap<KnowledgeView, LruCache<string, object>>();
  /** Guided referrals (Wegweiser) per knowledge base version, when it has flows. */
  private readonly guides = new WeakMap<KnowledgeView, FlowGuide | undefined>();

  constructor(opts: LotseBotOptions) {
    super();
    this.knowledge = opts.knowledge;
    this.memory = new BotMemory(opts.storage);
    this.records = opts.records;
    this.handoff = opts.handoff;
    this.desk = opts.navigatorDesk;
    this.search = opts.search;
    this.logger = opts.logger;
    this.metrics = opts.metrics;

    this.onMembersAdded(async (context, next) => {
      const joined = (context.activity.membersAdded ?? []).some((m) => m.id !== context.activity.recipient?.id);
      if (joined) await this.withTurn(context, (turn) => this.welcome(turn));
      await next();
    });
    this.onMessage(async (context, next) => {
      await this.withTurn(context, (turn) => this.handleMessage(turn));
      await next();
    });
  }

  /** State is written once per turn, after all handlers ran. */
  override async run(context: TurnContext): Promise<void> {
    // The search message extension works in every chat, the navigators' channel included; it keeps no state.
    const { activity } = context;
    if (this.search && activity.type === "invoke" && activity.name === COMPOSE_QUERY_INVOKE) {
      const response = await answerComposeQuery({ value: activity.value, locale: activity.locale }, this.search);
      if (response.status !== 200) this.logger?.warn({ code: "bot.invalid_compose_query", status: response.status }, "message-extension query rejected");
      await context.sendActivity(outgoing({ type: ActivityTypes.InvokeResponse, value: response }));
      return;
    }
    // The navigators' Teams channel is a workplace, not a conversation with Lotse.
    if (this.desk && (await this.desk.handles(context.activity))) return this.desk.run(context);
    // Teams waits for an answer to every invoke: one Lotse has no handler for gets an empty 200
    // (an adaptiveCard/action a 400), never the ActivityHandler's 501.
    if (activity.type === "invoke") {
      await context.sendActivity(outgoing(unhandledInvoke(activity.name)));
      return;
    }
    await super.run(context);
    await this.memory.save(context);
  }

  /**
   * Invokes outside the navigators' channel: the SDK's default answers unknown names with 501
   * (and routes `adaptiveCard/action` and `application/search` to handlers that throw). Lotse
   * handles none of them here, so each gets an empty 200 — Teams shows nothing, logs stay clean.
   */
  protected override async onInvokeActivity(_context: TurnContext): Promise<InvokeResponse> {
    return { status: 200 };
  }

  private async withTurn(context: TurnContext, handle: (turn: Turn) => Promise<void>): Promise<void> {
    const { profile, conversation } = await this.memory.load(context);
    // A partner site's widget says whom it serves (data-audience); a choice made in the chat wins.
    profile.audience ??= channelAudience(context.activity);
    const turn: Turn = { context, profile, conversation, ui: "de", t: translator("de"), cards: supportsAdaptiveCards(context.activity.channelId), knowledge: this.knowledge.current ?? this.knowledge };
    this.setLanguage(turn, uiLanguage(profile, context.activity.locale));
    await handle(turn);
    this.memory.store(context, turn.profile, turn.conversation);
  }

  private setLanguage(turn: Turn, ui: UiLanguage): void {
    turn.ui = ui;
    turn.t = translator(ui);
  }

  private async handleMessage(turn: Turn): Promise<void> {
    const { activity } = turn.context;
    const offered = turn.conversation.offered;
    // Offered choices are valid for the next message only.
    turn.conversation.offered = [];

    if (activity.value !== undefined && activity.value !== null) {
      // A button of an offer that a later one replaced (an old consent, clarify or language
      // choice) does nothing: the open offer stays open.
      const offerId = offerIdOf(activity.value);
      if (offerId !== undefined) {
        if (offerId !== turn.conversation.openOffer) {
          turn.conversation.offered = offered;
          await this.say(turn, turn.t("errors.choiceClosed"));
          return;
        }
        delete turn.conversation.openOffer;
      }
      const action = parseAction(activity.value);
      if (!action) {
        this.logger?.warn({ channel: activity.channelId, code: "bot.invalid_action" }, "card action rejected");
        await this.say(turn, turn.t("errors.invalidAction"));
        return;
      }
      // A click elsewhere on an older card leaves the handoff questions behind.
      if (!isHandoffAction(action)) this.handoff.abandonDraft(this.handoffTurn(turn));
      await this.perform(turn, action);
      return;
    }

    const text = textWithoutBotMention(activity);
    if (!text) {
      await this.say(turn, turn.t("errors.textOnly"));
      return;
    }
    const choice = recogniseChoice(text, offered);
    if (choice) return this.perform(turn, choice);
    // During the handoff questions and while connected to a navigator, text is not a question for Lotse.
    if (await this.handoff.onText(this.handoffTurn(turn), text)) return;
    const command = recogniseCommand(text);
    if (command) await this.perform(turn, command);
    else await this.answerQuestion(turn, text);
  }

  private flowTurn(turn: Turn): FlowTurn {
    return {
      conversation: turn.conversation,
      ui: turn.ui,
      t: turn.t,
      cards: turn.cards,
      lang: articleLanguage(turn.ui, turn.profile),
      say: (text) => this.say(turn, text),
      offer: (text, choices) => this.offer(turn, text, choices),
      sendCard: (card) => this.sendCard(turn, card),
      showArticle: (id) => this.showArticle(turn, id),
    };
  }

  private handoffTurn(turn: Turn): HandoffTurn {
    return {
      context: turn.context,
      conversation: turn.conversation,
      profile: turn.profile,
      ui: turn.ui,
      t: turn.t,
      say: (text) => this.say(turn, text),
      offer: (text, choices) => this.offer(turn, text, choices),
    };
  }

  private async perform(turn: Turn, action: BotAction): Promise<void> {
    if (isHandoffAction(action)) return this.handoff.perform(this.handoffTurn(turn), action);
    switch (action.action) {
      case "show":
        if (!turn.knowledge.article(action.id)) return this.reject(turn, action);
        return this.showArticle(turn, action.id);
      case "feedback":
        if (!turn.knowledge.article(action.id)) return this.reject(turn, action);
        return this.feedback(turn, action.id, action.helpful, action.comment);
      case "audience":
        turn.profile.audience = action.audience;
        return this.say(turn, turn.t("audience.saved", { audience: turn.t(`audience.${audienceLabel(action.audience)}`) }));
      case "language":
        return this.changeLanguage(turn, action.language);
      case "contentLanguage":
        turn.profile.contentLanguage = action.language;
        return this.say(turn, turn.t("language.contentChanged", { language: turn.t(`language.content.${action.language}`) }));
      case "topic":
        return this.showArea(turn, action.area);
      case "command":
        return this.command(turn, action.command);
      case "flow": {
        const guide = this.guide(turn);
        if (!guide) return this.say(turn, turn.t("errors.choiceClosed"));
        return guide.perform(this.flowTurn(turn), action);
      }
    }
  }

  private async reject(turn: Turn, action: BotAction): Promise<void> {
    this.logger?.warn({ action: action.action, code: "bot.unknown_article" }, "card action names no known article");
    await this.say(turn, turn.t("errors.invalidAction"));
  }

  private async command(turn: Turn, command: Extract<BotAction, { action: "command" }>["command"]): Promise<void> {
    const { t } = turn;
    switch (command) {
      case "help":
        return this.offer(turn, t("commands.help"), [
          { label: t("commands.labels.topics"), value: { action: "command", command: "topics" } },
          { label: t("audience.change"), value: { action: "command", command: "audience" } },
          { label: t("commands.labels.language"), value: { action: "command", command: "language" } },
          { label: t("commands.labels.restart"), value: { action: "command", command: "restart" } },
          { label: t("answer.navigator"), value: { action: "handoff" } },
        ]);
      case "topics":
        return this.offer(turn, t("topics.prompt"), AREAS.map((area) => ({ label: t(`areas.${area}`), value: { action: "topic", area } })));
      case "language":
        return this.offer(
          turn,
          t("language.prompt"),
          UI_LANGUAGES.map((language) => ({ label: translator(language)("meta.name"), value: { action: "language", language } })),
        );
      case "audience":
        return this.askAudience(turn, t("welcome.audienceQuestion"));
      case "restart":
        this.memory.clearConversation(turn.context);
        turn.conversation = { misses: 0, offered: [], lastTopics: [], history: [] };
        delete turn.profile.audience;
        await this.say(turn, t("commands.restarted"));
        return this.welcome(turn);
    }
  }

  private async welcome(turn: Turn): Promise<void> {
    if (turn.cards) await this.sendCard(turn, welcomeCard(turn.t, turn.ui));
    else await this.say(turn, welcomeText(turn.t));
    if (!turn.profile.audience) await this.askAudience(turn, turn.t("welcome.audienceQuestion"));
  }

  private askAudience(turn: Turn, text: string): Promise<void> {
    return this.offer(
      turn,
      text,
      AUDIENCE_CHOICES.map((audience) => ({ label: turn.t(`audience.${audienceLabel(audience)}`), value: { action: "audience", audience } })),
    );
  }

  private async changeLanguage(turn: Turn, language: UiLanguage): Promise<void> {
    turn.profile.language = language;
    this.setLanguage(turn, language);
    if (hasContentIn(language)) return this.say(turn, turn.t("language.changed"));
    await this.say(turn, turn.t("language.changed"));
    await this.offer(
      turn,
      turn.t("language.contentPrompt"),
      (["de", "en"] as const).map((l) => ({ label: turn.t(`language.content.${l}`), value: { action: "contentLanguage", language: l } })),
    );
  }

  private async answerQuestion(turn: Turn, question: string): Promise<void> {
    if (question.length > MAX_QUESTION_LENGTH) {
      this.metrics?.onTurn("too_long", turn.context.activity.channelId ?? "");
      await this.say(turn, turn.t("errors.tooLong", { max: MAX_QUESTION_LENGTH }));
      return;
    }
    const result = turn.knowledge.ask(question, { audience: turn.profile.audience });
    this.metrics?.onTurn(result.outcome, turn.context.activity.channelId ?? "", result.confidence);
    // Identifiers (BG-Nummer, Aktenzeichen, dates of birth, …) never reach state, tickets or logs.
    const stored = scrubPersonalData(question);
    remember(turn.conversation, "user", stored);
    if (!turn.profile.language) {
      turn.profile.lastLanguage = result.language;
      this.setLanguage(turn, result.language);
    }
    if (result.outcome !== "none") turn.conversation.misses = 0;
    if (result.outcome === "answer" || result.outcome === "clarify") {
      turn.conversation.lastTopics = [...(result.answer ? [result.answer.id] : []), ...result.alternatives.map((a) => a.id)]
        .filter((id, i, all) => all.indexOf(id) === i)
        .slice(0, 5);
    }

    const individual = result.outcome === "handoff" ? undefined : individualCase(question);
    if (individual) await this.caseNote(turn, result, individual.identifiers.length > 0);
    if (individual && result.outcome === "answer") {
      turn.conversation.lastQuestion = stored;
      await this.showArticle(turn, result.answer!.id, result.alternatives);
      if (turn.cards) await this.offer(turn, turn.t("caseGuard.offer"), this.caseChoices(turn));
      return;
    }

    switch (result.outcome) {
      case "handoff":
        if (result.reason === "review_overdue") {
          // The article that fits is withheld until it is reviewed: this question is the one to pass on.
          turn.conversation.lastQuestion = stored;
          return this.reviewWithheld(turn);
        }
        // "Ich möchte mit einem Menschen sprechen" is the request, not the question to pass on.
        return this.handoff.start(this.handoffTurn(turn), { reason: "intent" });
      case "answer":
        turn.conversation.lastQuestion = stored;
        return this.showArticle(turn, result.answer!.id, result.alternatives);
      case "clarify":
        turn.conversation.lastQuestion = stored;
        return this.clarify(turn, result.alternatives);
      case "none":
        // The question Lotse could not answer is the one to pass on to a navigator.
        turn.conversation.lastQuestion = stored;
        return this.noAnswer(turn, result);
      case "flow":
        // A broad question: the guided referral (Wegweiser) asks what the person needs.
        turn.conversation.lastQuestion = stored;
        if (result.flow) {
          const guide = this.guide(turn);
          if (guide) return guide.start(this.flowTurn(turn), result.flow.id);
        }
        return this.clarify(turn, result.alternatives);
    }
  }

  /**
   * One person's case: Lotse gives the general rule and names the office that decides, never a
   * forecast for the case, and asks not to put case data into the chat.
   */
  private async caseNote(turn: Turn, result: AskResult, redacted: boolean): Promise<void> {
    const { t } = turn;
    const offices = result.answer ? turn.knowledge.render(result.answer.id, articleLanguage(turn.ui, turn.profile))?.contacts.map((c) => c.name) : undefined;
    const office = offices?.length ? offices.slice(0, 2).join(", ") : t("caseGuard.officeDefault");
    const text = [t("caseGuard.note", { office }), t("caseGuard.privacy"), ...(redacted ? [t("caseGuard.redacted")] : [])].join("\n\n");
    remember(turn.conversation, "bot", t("caseGuard.note", { office }));
    await this.say(turn, text);
  }

  private caseChoices(turn: Turn): OfferedChoice[] {
    return [
      { label: turn.t("answer.navigator"), value: { action: "handoff" } },
      { label: turn.t("handoff.directory"), value: { action: "topic", area: "zustaendigkeiten" } },
    ];
  }

  private clarify(turn: Turn, alternatives: Alternative[]): Promise<void> {
    const lang = articleLanguage(turn.ui, turn.profile);
    const choices: OfferedChoice[] = alternatives.map((a) => ({ label: this.title(turn, a.id, lang), value: { action: "show", id: a.id } }));
    remember(turn.conversation, "bot", `${turn.t("clarify.prompt")} ${choices.map((c) => c.label).join(" · ")}`);
    choices.push({ label: turn.t("answer.navigator"), value: { action: "handoff" } });
    return this.offer(turn, turn.t("clarify.prompt"), choices);
  }

  private async noAnswer(turn: Turn, result: AskResult): Promise<void> {
    const { context, t } = turn;
    await this.records.saveUnanswered({
      question: result.question,
      language: result.language,
      audience: turn.profile.audience,
      candidates: result.alternatives.map((a) => a.id),
      channel: context.activity.channelId ?? "",
    });
    turn.conversation.misses += 1;
    remember(turn.conversation, "bot", t("none.text"));
    const navigator: OfferedChoice = { label: t("answer.navigator"), value: { action: "handoff" } };
    if (turn.conversation.misses >= MISSES_BEFORE_OFFER) {
      turn.conversation.misses = 0;
      navigator.value = { action: "handoff", via: "offer" };
      await this.say(turn, t("none.text"));
      return this.offer(turn, t("none.offerNavigator"), [navigator]);
    }
    return this.offer(turn, `${t("none.text")} ${t("none.rephrase")}`, [
      { label: t("commands.labels.topics"), value: { action: "command", command: "topics" } },
      navigator,
    ]);
  }

  /** The article is overdue for review beyond the grace period: say so and offer a navigator instead. */
  private reviewWithheld(turn: Turn): Promise<void> {
    const { t } = turn;
    this.logger?.warn({ code: "bot.review_withheld" }, "article withheld: review overdue");
    remember(turn.conversation, "bot", t("review.withheld"));
    return this.offer(turn, t("review.withheld"), [
      { label: t("answer.navigator"), value: { action: "handoff", via: "offer" } },
      { label: t("commands.labels.topics"), value: { action: "command", command: "topics" } },
    ]);
  }

  private async showArticle(turn: Turn, id: string, alternatives: Alternative[] = []): Promise<void> {
    const lang = articleLanguage(turn.ui, turn.profile);
    const answer = turn.knowledge.render(id, lang);
    if (!answer) return;
    // A related link, a topic list or an older card can still lead to a withheld article.
    if (answer.review?.state === "withheld") return this.reviewWithheld(turn);
    remember(turn.conversation, "bot", answer.title);
    // The runner-up first when it is a related article: Lotse answered instead of asking between
    // the two (src/knowledge/decide.ts), so the other one must be one tap away, not cut off.
    const own = turn.knowledge.article(id)?.related ?? [];
    const neighbour = alternatives[0] && own.includes(alternatives[0].id) ? [alternatives[0].id] : [];
    const relatedIds = [...neighbour, ...own, ...alternatives.map((a) => a.id)]
      .filter((r, i, all) => r !== id && all.indexOf(r) === i && turn.knowledge.article(r))
      .slice(0, MAX_RELATED);
    const related = relatedIds.map((r) => ({ id: r, title: this.title(turn, r, lang) }));
    const note = hasContentIn(turn.ui) ? undefined : turn.t("answer.contentNote", { language: turn.t(`language.content.${lang}`) });
    // The short answer is cut only when a card or text is built: a cached card has it already.
    const view = () => ({ answer, short: shortAnswer(turn.knowledge.article(id)!, lang), related, ...(note ? { note } : {}) });

    if (turn.cards) {
      const key = JSON.stringify([id, lang, turn.ui, relatedIds, note ?? "", answer.review?.state ?? ""]);
      const cards = this.cardCache(turn.knowledge);
      let card = cards.get(key);
      if (!card) {
        // Frozen: the cached card is shared by every turn that shows this article.
        card = deepFreeze(answerCard(view(), turn.t, turn.ui));
        cards.set(key, card);
      }
      await this.sendCard(turn, card);
      return;
    }
    // Without cards the buttons become typed choices.
    await this.offer(turn, answerText(view(), turn.t, turn.ui), [
      { label: turn.t("answer.helpful"), value: { action: "feedback", id, helpful: true } },
      { label: turn.t("answer.notHelpful"), value: { action: "feedback", id, helpful: false } },
      { label: turn.t("answer.navigator"), value: { action: "handoff" } },
      ...related.map((r): OfferedChoice => ({ label: r.title, value: { action: "show", id: r.id } })),
    ]);
  }

  private async feedback(turn: Turn, id: string, helpful: boolean, comment?: string): Promise<void> {
    const { t } = turn;
    await this.records.saveFeedback({
      conversationId: turn.context.activity.conversation?.id ?? "",
      articleId: id,
      helpful,
      ...(comment?.trim() ? { comment } : {}),
      ...(turn.conversation.lastQuestion ? { question: turn.conversation.lastQuestion } : {}),
      language: turn.ui,
      channel: turn.context.activity.channelId ?? "",
    });
    if (helpful) return this.say(turn, t("feedback.thanksHelpful"));
    return this.offer(turn, t("feedback.thanksNotHelpful"), [{ label: t("answer.navigator"), value: { action: "handoff" } }]);
  }

  private async showArea(turn: Turn, area: (typeof AREAS)[number]): Promise<void> {
    const lang = articleLanguage(turn.ui, turn.profile);
    const articles = turn.knowledge.articles
      .filter((a) => a.area === area)
      // An article withheld until its review is not offered to pick.
      .filter((a) => turn.knowledge.render(a.id, lang)?.review?.state !== "withheld")
      .map((a) => ({ id: a.id, title: a[lang].title }))
      .sort((a, b) => a.title.localeCompare(b.title, lang));
    const areaTitle = turn.t(`areas.${area}`);
    if (turn.cards) {
      await this.sendCard(turn, areaCard(areaTitle, articles, turn.t, turn.ui));
      return;
    }
    await this.offer(
      turn,
      turn.t("topics.area", { area: areaTitle }),
      articles.map((a) => ({ label: a.title, value: { action: "show", id: a.id } })),
    );
  }

  /**
   * A message with suggested actions; typing a label or its number picks it next turn. Each
   * offer gets an id that its buttons carry: once a newer offer replaces it, they are closed.
   * Teams shows only imBack suggested actions; there the label is sent and matched as text.
   */
  private async offer(turn: Turn, text: string, choices: OfferedChoice[]): Promise<void> {
    const listed = turn.cards ? text : `${text}\n\n${choices.map((c, i) => `${i + 1}. ${c.label}`).join("\n")}`;
    const id = randomUUID().slice(0, 8);
    const imBack = turn.context.activity.channelId === "msteams";
    const actions = choices.map((c) =>
      imBack
        ? { type: ActionTypes.ImBack, title: c.label, value: c.label }
        : { type: ActionTypes.MessageBack, title: c.label, text: c.label, displayText: c.label, value: { ...c.value, offer: id } },
    );
    await turn.context.sendActivity(message(turn, { suggestedActions: { actions, to: [] }, ...(listed ? { text: listed } : {}) }));
    turn.conversation.offered = choices;
    turn.conversation.openOffer = id;
  }

  private async say(turn: Turn, text: string): Promise<void> {
    await turn.context.sendActivity(message(turn, { text }));
  }

  private async sendCard(turn: Turn, card: object): Promise<void> {
    await turn.context.sendActivity(message(turn, { attachmentLayout: AttachmentLayoutTypes.List, attachments: [CardFactory.adaptiveCard(card)] }));
  }

  /** The turn's knowledge base version's flow guide, built once per version. */
  private guide(turn: Turn): FlowGuide | undefined {
    const { knowledge } = turn;
    if (!this.guides.has(knowledge)) this.guides.set(knowledge, knowledge.flows ? new FlowGuide(knowledge.flows) : undefined);
    return this.guides.get(knowledge);
  }

  /** Cached cards per knowledge base version: a card of a replaced article must not outlive it. */
  private cardCache(knowledge: KnowledgeView): LruCache<string, object> {
    let cards = this.cards.get(knowledge);
    if (!cards) this.cards.set(knowledge, (cards = new LruCache(MAX_CACHED_CARDS)));
    return cards;
  }

  private title(turn: Turn, id: string, lang: Language): string {
    return turn.knowledge.article(id)?.[lang].title ?? id;
  }
}

/**
 * A message in the turn's language, as the SDK's MessageFactory builds it (type, input hint) but
 * as a plain object: MessageFactory parses each message with the SDK's schema, and sendActivity
 * parses it again anyway — once is enough.
 */
function message(turn: Turn, fields: Outgoing): Activity {
  return outgoing({ type: ActivityTypes.Message, inputHint: InputHints.AcceptingInput, ...fields, locale: turn.ui });
}

/** The welcome offers three roles; the engine knows four audiences. */
const AUDIENCE_CHOICES = ["employer", "chamber", "volunteer"] as const satisfies ReadonlyArray<(typeof AUDIENCES)[number]>;

function audienceLabel(audience: (typeof AUDIENCES)[number]): "employer" | "chamber" | "volunteer" {
  // "Verein/Ehrenamt" covers both associations and volunteers.
  return audience === "association" ? "volunteer" : audience;
}

function channelAudience(activity: Activity): Audience | undefined {
  const parsed = Audience.safeParse((activity.channelData as { audience?: unknown } | undefined)?.audience);
  return parsed.success ? parsed.data : undefined;
}
