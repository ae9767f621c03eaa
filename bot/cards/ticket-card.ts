/**
 * A ticket as the navigators see it in Teams: who asked, how to reach them, the question, the
 * topic guess and the conversation, with "Übernehmen" while open and "Antworten" and
 * "Abschließen" (with a note) while taken. The same card replaces itself as the status changes.
 *
 * The buttons are Universal Actions (`Action.Execute`, an `adaptiveCard/action` invoke whose
 * response is the refreshed card) with verbs `take`, `reply`, `close` and data `{ ticketId }`
 * plus the inputs; each falls back to an `Action.Submit` (a message whose value is
 * `{ action: "ticketTake" | "ticketReply" | "ticketClose", ticketId }` plus the inputs) on
 * clients without Universal Actions. bot/navigator-desk.ts parses both.
 */
import type { ChannelMessage, TicketCards } from "../../src/handoff/teams-notifier.js";
import type { TicketEvent } from "../../src/handoff/ticket-service.js";
import { TICKET_LIMITS, type Ticket, type TicketWithMessages } from "../../src/handoff/ticket-store.js";
import { navigatorT as t } from "../i18n.js";
import { actionSet, adaptiveCard, heading, textBlock, type CardElement } from "./adaptive.js";

/** Lines of the conversation shown on the card; the console shows all of them. */
const TRANSCRIPT_LINES = 15;
const LINE_LENGTH = 400;

export interface TicketCardOptions {
  /** The article title for a topic id of the knowledge base. */
  topicTitle(id: string): string | undefined;
  timeZone: string;
}

export const TICKET_VERBS = ["take", "reply", "close"] as const;
export type TicketVerb = (typeof TICKET_VERBS)[number];

/** What the Action.Submit fallback of each verb sends as `action`. */
export const SUBMIT_ACTION = { take: "ticketTake", reply: "ticketReply", close: "ticketClose" } as const satisfies Record<TicketVerb, string>;

/** Card input ids: merged into the action's data by the client. */
export const REPLY_INPUT = "text";
export const NOTE_INPUT = "note";

/** A Universal Action with the Action.Submit fallback older clients run instead. */
function execute(verb: TicketVerb, title: string, ticketId: number, extra: CardElement = {}): CardElement {
  return {
    type: "Action.Execute",
    verb,
    title,
    data: { ticketId },
    ...extra,
    fallback: { type: "Action.Submit", title, data: { action: SUBMIT_ACTION[verb], ticketId }, ...extra },
  };
}

/**
 * The answer to a ticket action that was refused: why, in the navigators' words, above the
 * ticket card as it is now; without the ticket card (a team that is not the navigators' sees
 * no names or contacts), the reason alone.
 */
export function ticketErrorCard(reason: string, ticketCard?: object): object {
  const banner: CardElement = {
    type: "Container",
    style: "attention",
    items: [textBlock(reason, { weight: "Bolder", color: "Attention" })],
  };
  if (!ticketCard) return adaptiveCard("de", [banner]);
  const card = ticketCard as { body?: CardElement[] };
  return { ...card, body: [banner, ...(card.body ?? [])] };
}

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** Card text is Markdown: what people typed must not turn into links or formatting. */
const plain = (s: string) => s.replace(/([\\`*_[\]()#>|~])/g, "\\$1");

/** The thread line for a reply written on the card (one written in the thread is there already). */
export function cardReplyLine(name: string, text: string): string {
  return t("thread.cardReply", { name: plain(name), text: plain(text) });
}

export class TeamsTicketCards implements TicketCards {
  private readonly dateTime: Intl.DateTimeFormat;
  private readonly time: Intl.DateTimeFormat;
  private readonly languageNames = new Intl.DisplayNames(["de"], { type: "language" });

  constructor(private readonly opts: TicketCardOptions) {
    this.dateTime = new Intl.DateTimeFormat("de-DE", { dateStyle: "medium", timeStyle: "short", timeZone: opts.timeZone });
    this.time = new Intl.DateTimeFormat("de-DE", { day: "2-digit", month: "2-digit", hour: "2-digit", minute: "2-digit", timeZone: opts.timeZone });
  }

  card(ticket: TicketWithMessages): ChannelMessage {
    const body: CardElement[] = [
      textBlock(t("card.title", { number: ticket.number }), { size: "Large", weight: "Bolder", style: "heading" }),
      textBlock(this.status(ticket), { color: ticket.status === "open" ? "Attention" : ticket.status === "taken" ? "Good" : "Default", weight: "Bolder", spacing: "None" }),
      {
        type: "FactSet",
        facts: [
          { title: t("card.name"), value: plain(ticket.name) },
          ...(ticket.organisation ? [{ title: t("card.organisation"), value: plain(ticket.organisation) }] : []),
          { title: t("card.contact"), value: ticket.contact.value },
          { title: t("card.language"), value: this.languageNames.of(ticket.language) ?? ticket.language },
          ...(ticket.audience ? [{ title: t("card.audience"), value: ticket.audience }] : []),
          { title: t("card.reason"), value: t(`reasons.${ticket.reason}`) },
          { title: t("card.created"), value: this.dateTime.format(new Date(ticket.createdAt)) },
        ],
      },
      heading(t("card.question")),
      textBlock(plain(ticket.question)),
    ];
    const topics = ticket.topics.map((id) => this.opts.topicTitle(id)).filter((x): x is string => !!x);
    if (topics.length) body.push(heading(t("card.topics")), textBlock(topics.map((x) => `- ${x}`).join("\n")));
    if (ticket.status === "closed" && ticket.closeNote) body.push(heading(t("card.note")), textBlock(plain(ticket.closeNote)));
    if (ticket.status === "taken") body.push(textBlock(t("card.replyHint"), { isSubtle: true, size: "Small", spacing: "Medium" }));

    const actions: CardElement[] = [];
    if (ticket.status === "open") actions.push(execute("take", t("card.take"), ticket.id, { style: "positive" }));
    if (ticket.status === "taken") {
      actions.push(
        {
          type: "Action.ShowCard",
          title: t("card.reply"),
          card: {
            type: "AdaptiveCard",
            body: [{ type: "Input.Text", id: REPLY_INPUT, label: t("card.replyLabel"), isMultiline: true, maxLength: TICKET_LIMITS.message }],
            actions: [execute("reply", t("card.replySubmit"), ticket.id, { style: "positive" })],
          },
        },
        {
          type: "Action.ShowCard",
          title: t("card.close"),
          card: {
            type: "AdaptiveCard",
            body: [{ type: "Input.Text", id: NOTE_INPUT, label: t("card.closeNoteLabel"), isMultiline: true, maxLength: TICKET_LIMITS.note }],
            actions: [execute("close", t("card.closeSubmit"), ticket.id)],
          },
        },
      );
    }
    const transcript = ticket.messages.slice(-TRANSCRIPT_LINES);
    if (transcript.length) {
      actions.push({
        type: "Action.ShowCard",
        title: t("card.transcript"),
        card: {
          type: "AdaptiveCard",
          body: transcript.map((m) =>
            textBlock(`**${m.authorName ? plain(m.authorName) : t(`authors.${m.author}`)}** (${this.time.format(new Date(m.at))}): ${plain(clip(m.text, LINE_LENGTH))}`, { spacing: "Small" }),
          ),
        },
      });
    }
    // Teams shows the top-level actions; an ActionSet keeps them below the facts on narrow screens.
    const card = adaptiveCard("de", actions.length ? [...body, actionSet(actions)] : body);
    return { card, summary: t("card.summary", { number: ticket.number }) };
  }

  deleted(number: string): ChannelMessage {
    return { card: adaptiveCard("de", [textBlock(t("card.deleted", { number }), { isSubtle: true })]) };
  }

  threadLine(ticket: Ticket, event: TicketEvent): string | undefined {
    if (event.type === "closed" && event.by.id === "requester") return t("thread.userEnded", { number: ticket.number });
    if (event.type !== "message") return undefined;
    const { message, source } = event;
    if (message.author === "user") return t("thread.userWrote", { name: plain(ticket.name), text: plain(message.text) });
    if (message.author !== "navigator") return undefined;
    const notDelivered = message.delivered === false ? t("thread.notDelivered", { number: ticket.number }) : undefined;
    // A reply written in the thread is already there; only say when it did not reach the person.
    if (source === "teams") return notDelivered;
    const line = t("thread.consoleReply", { name: plain(message.authorName ?? ""), text: plain(message.text) });
    return notDelivered ? `${line}\n\n${notDelivered}` : line;
  }

  private status(ticket: Ticket): string {
    if (ticket.status === "open") return t("card.statusOpen");
    if (ticket.status === "taken") return t("card.statusTaken", { name: ticket.takenBy?.name ?? "" });
    return t("card.statusClosed", { name: ticket.closedBy?.name ?? "" });
  }
}
