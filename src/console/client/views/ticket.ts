/** One ticket: details, the conversation, webhook deliveries; take, reply, close. */
import { call } from "../api.js";
import { $, announce, badge, el, metaRow, reportFailure, showError } from "../dom.js";
import { formatDate, t, type MessageKey } from "../i18n.js";
import { state } from "../state.js";
import type { ReplyResult, TicketDetail, TicketResult } from "../types.js";
import { loadQueue, statusBadge } from "./queue.js";

export async function openTicket(id: number): Promise<void> {
  state.ticketId = id;
  for (const tr of document.querySelectorAll<HTMLTableRowElement>("#ticket-rows tr")) {
    if (tr.dataset.ticket === String(id)) tr.setAttribute("aria-current", "true");
    else tr.removeAttribute("aria-current");
  }
  try {
    await loadTicket(id);
    $("detail-title").focus();
  } catch (err) {
    reportFailure(err);
  }
}

function contactLink(contact: TicketDetail["contact"]): HTMLAnchorElement {
  return el("a", { href: contact.kind === "email" ? `mailto:${contact.value}` : `tel:${contact.value}` }, contact.value);
}

const AUTHORS: Record<string, MessageKey> = { user: "authorUser", bot: "authorBot", system: "authorSystem" };
const DELIVERY: Record<string, MessageKey> = { failed: "deliveryFailed", delivered: "deliveryDelivered", pending: "deliveryPending" };

export async function loadTicket(id: number, { quiet = false } = {}): Promise<void> {
  const ticket = await call<TicketDetail>(`/tickets/${id}`);
  if (state.ticketId !== id) return;
  state.ticket = ticket;
  $("ticket-detail").hidden = false;
  $("detail-title").textContent = `${ticket.number} · ${ticket.name}`;
  const meta = $("detail-meta");
  meta.replaceChildren();
  metaRow(meta, t("fStatus"), statusBadge(ticket.status));
  metaRow(meta, t("fCreated"), formatDate(ticket.createdAt));
  metaRow(meta, t("fOrganisation"), ticket.organisation);
  metaRow(meta, t("fContact"), contactLink(ticket.contact));
  metaRow(meta, t("fLanguage"), ticket.language);
  metaRow(meta, t("fAudience"), ticket.audience);
  metaRow(meta, t("fTopics"), ticket.topics.join(", "));
  metaRow(meta, t("fChannel"), ticket.channel);
  if (ticket.takenBy) metaRow(meta, t("fTakenBy"), `${ticket.takenBy.name}, ${formatDate(ticket.takenAt)}`);
  if (ticket.closedBy) metaRow(meta, t("fClosed"), `${ticket.closedBy.name}, ${formatDate(ticket.closedAt)}`);
  metaRow(meta, t("fNote"), ticket.closeNote);
  $("detail-question").textContent = ticket.question;

  // The scrolling box is the region around the list (keyboard-focusable, so it scrolls on a phone).
  const scroller = $("detail-transcript-region");
  const atBottom = scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 8;
  $("detail-transcript").replaceChildren(
    ...ticket.messages.map((m) => {
      const who = m.author === "navigator" ? (m.authorName ?? "") : t(AUTHORS[m.author] ?? "authorSystem");
      return el(
        "li",
        { class: m.author },
        el("span", { class: "who" }, who),
        el("time", { datetime: m.at }, formatDate(m.at)),
        el("p", {}, m.text),
        m.author === "navigator" && m.delivered === false && el("span", { class: "undelivered" }, t("undelivered")),
      );
    }),
  );
  if (atBottom || !quiet) scroller.scrollTop = scroller.scrollHeight;

  $("detail-deliveries").hidden = ticket.deliveries.length === 0;
  $("detail-delivery-list").replaceChildren(
    ...ticket.deliveries.map((d) =>
      el(
        "li",
        {},
        `${d.event}: `,
        badge(d.status, t(DELIVERY[d.status] ?? "deliveryPending")),
        ` (${t("attempts", { count: d.attempts })}${d.lastError ? `, ${d.lastError}` : ""})`,
      ),
    ),
  );

  const closed = ticket.status === "closed";
  $("take-button").hidden = ticket.status !== "open";
  $("reply-form").hidden = closed;
  $("close-form").hidden = closed;
}

async function act<T>(run: () => Promise<T>, done: (result: T) => string): Promise<void> {
  showError("");
  const id = state.ticketId;
  if (id === null) return;
  try {
    const result = await run();
    announce(done(result));
    await Promise.all([loadTicket(id, { quiet: true }), loadQueue({ quiet: true })]);
  } catch (err) {
    reportFailure(err);
    // Someone else may have acted meanwhile: show the ticket as it is now.
    await loadTicket(id, { quiet: true }).catch(() => {});
  }
}

export function wireTicket(): void {
  // act() reports its own failures.
  $("take-button").addEventListener("click", () =>
    void act(
      () => call<TicketResult>(`/tickets/${state.ticketId}/take`, { method: "POST", body: {} }),
      ({ ticket }) => t("taken", { number: ticket.number }),
    ),
  );
  $("reply-form").addEventListener("submit", (e) => {
    e.preventDefault();
    const box = $<HTMLTextAreaElement>("reply-text");
    const text = box.value.trim();
    if (!text) return;
    const number = state.ticket?.number;
    void act(
      async () => {
        const result = await call<ReplyResult>(`/tickets/${state.ticketId}/reply`, { method: "POST", body: { text } });
        box.value = "";
        return result;
      },
      (r) => t(r.delivered ? "replied" : "repliedUndelivered", { number }),
    );
  });
  $("close-form").addEventListener("submit", (e) => {
    e.preventDefault();
    const box = $<HTMLTextAreaElement>("close-note");
    const note = box.value.trim();
    void act(
      async () => {
        const result = await call<TicketResult>(`/tickets/${state.ticketId}/close`, { method: "POST", body: note ? { note } : {} });
        box.value = "";
        return result;
      },
      ({ ticket }) => t("closed", { number: ticket.number }),
    );
  });
}
