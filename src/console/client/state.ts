/** What the page shows now; one object, shared by the views. */
import type { Navigator, TicketDetail } from "./types.js";

export type View = "queue" | "unanswered" | "knowledge" | "feedback" | "audit" | "teams";

export const state = {
  view: "queue" as View,
  me: null as Navigator | null,
  /** Queue filter and paging. */
  status: "open",
  q: "",
  offset: 0,
  total: 0,
  ticketId: null as number | null,
  ticket: null as TicketDetail | null,
  /** Refresh timers of the view on screen; stopped when the view changes. */
  timers: [] as ReturnType<typeof setInterval>[],
};

export function stopTimers(): void {
  for (const id of state.timers) clearInterval(id);
  state.timers = [];
}
