/** The ticket queue: filter by status, search, page through; refreshed while on screen. */
import { call } from "../api.js";
import { $, announce, badge, cell, el, reportFailure } from "../dom.js";
import { formatDate, t, type MessageKey } from "../i18n.js";
import { state } from "../state.js";
import type { FailedDeliveries, TicketPage } from "../types.js";

export const PAGE_SIZE = 25;
const QUESTION_PREVIEW = 90;

export const STATUS_LABELS: Record<string, MessageKey> = { open: "statusOpen", taken: "statusTaken", closed: "statusClosed", "": "statusAll" };

export function statusBadge(status: string): HTMLSpanElement {
  const key = STATUS_LABELS[status];
  return badge(status, key ? t(key) : status);
}

export async function loadQueue({ quiet = false } = {}): Promise<void> {
  if (!quiet) announce(t("loading"));
  const params = new URLSearchParams({ limit: String(PAGE_SIZE), offset: String(state.offset) });
  if (state.status) params.set("status", state.status);
  if (state.q) params.set("q", state.q);
  const [page, failed] = await Promise.all([call<TicketPage>(`/tickets?${params}`), call<FailedDeliveries>("/webhook-deliveries")]);
  state.total = page.total;
  $("ticket-rows").replaceChildren(
    ...page.tickets.map((ticket) => {
      const tr = el("tr", { "data-ticket": ticket.id, "aria-current": ticket.id === state.ticketId ? "true" : null });
      const open = el("button", { type: "button", class: "link" }, ticket.number);
      open.addEventListener("click", (e) => {
        e.stopPropagation();
        void openTicket(ticket.id);
      });
      cell(tr, open);
      cell(tr, formatDate(ticket.createdAt));
      cell(tr, ticket.organisation ? `${ticket.name} (${ticket.organisation})` : ticket.name);
      cell(tr, ticket.question.length > QUESTION_PREVIEW ? `${ticket.question.slice(0, QUESTION_PREVIEW)}…` : ticket.question, "question").title = ticket.question;
      const status = cell(tr, statusBadge(ticket.status));
      if (ticket.takenBy && ticket.status === "taken") status.append(` ${ticket.takenBy.name}`);
      // The number is the keyboard target; the whole row is a larger target for the mouse.
      tr.addEventListener("click", () => void openTicket(ticket.id));
      return tr;
    }),
  );
  $("queue-caption").textContent = t("queueCaption", { status: t(STATUS_LABELS[state.status] ?? "statusAll") });
  $("queue-empty").hidden = page.tickets.length > 0;
  $("page-info").textContent = page.total ? t("pageInfo", { from: page.offset + 1, to: page.offset + page.tickets.length, total: page.total }) : "";
  $<HTMLButtonElement>("page-prev").disabled = page.offset === 0;
  $<HTMLButtonElement>("page-next").disabled = page.offset + page.tickets.length >= page.total;
  const warn = $("failed-deliveries");
  warn.hidden = failed.deliveries.length === 0;
  if (failed.deliveries.length) {
    const numbers = [...new Set(failed.deliveries.map((d) => d.ticketNumber))].join(", ");
    warn.textContent = t("failedDeliveries", { count: failed.deliveries.length, numbers });
  }
  if (!quiet) announce(page.total === 1 ? t("loadedOne") : t("loaded", { count: page.total }));
}

/** Given by wireQueue: ./ticket.js opens a ticket and refreshes this queue, so it cannot be imported here. */
let openTicket: (id: number) => Promise<void> = async () => {};

export function wireQueue(open: (id: number) => Promise<void>): void {
  openTicket = open;
  const reload = () => loadQueue().catch(reportFailure);
  const filters = [...document.querySelectorAll<HTMLButtonElement>("#status-filter button")];
  for (const button of filters) {
    button.addEventListener("click", () => {
      state.status = button.dataset.status ?? "";
      state.offset = 0;
      for (const b of filters) b.setAttribute("aria-pressed", String(b === button));
      void reload();
    });
  }
  $("search-form").addEventListener("submit", (e) => {
    e.preventDefault();
    state.q = $<HTMLInputElement>("search").value.trim();
    state.offset = 0;
    void reload();
  });
  $("page-prev").addEventListener("click", () => {
    state.offset = Math.max(0, state.offset - PAGE_SIZE);
    void reload();
  });
  $("page-next").addEventListener("click", () => {
    state.offset += PAGE_SIZE;
    void reload();
  });
}
