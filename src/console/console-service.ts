/**
 * What the navigator console can do, without HTTP: the ticket queue through the handoff's
 * TicketService, the reports for writing articles, and an audit entry for every export.
 */
import type { Navigator } from "../auth/navigator.js";
import { formatTicketNumber, ticketNotFound, type AuditQuery, type TicketQuery, type TicketService } from "../handoff/index.js";
import type { Db } from "../storage/database.js";
import { articleFeedback, feedbackCsv, unansweredCsv, unansweredGroups, type ArticleFeedback, type UnansweredGroup } from "./reports.js";
import type { TicketDetail } from "./schemas.js";

export interface ConsoleServiceOptions {
  tickets: TicketService;
  db: Db;
  /** German title of an article, for the feedback report. */
  articleTitle: (articleId: string) => string | undefined;
}

export interface CsvExport {
  filename: string;
  csv: string;
}

const day = (now: Date) => now.toISOString().slice(0, 10);

export class ConsoleService {
  readonly tickets: TicketService;
  private readonly db: Db;
  private readonly articleTitle: ConsoleServiceOptions["articleTitle"];

  constructor(opts: ConsoleServiceOptions) {
    this.tickets = opts.tickets;
    this.db = opts.db;
    this.articleTitle = opts.articleTitle;
  }

  queue(query: TicketQuery) {
    return this.tickets.list(query);
  }

  async ticket(id: number): Promise<TicketDetail> {
    const ticket = await this.tickets.get(id);
    if (!ticket) throw ticketNotFound(id);
    return { ...ticket, deliveries: await this.tickets.webhookDeliveries(id) };
  }

  take(id: number, navigator: Navigator) {
    return this.tickets.take(id, navigator);
  }

  reply(id: number, navigator: Navigator, text: string) {
    return this.tickets.reply(id, navigator, text);
  }

  close(id: number, navigator: Navigator, note: string | undefined) {
    return this.tickets.close(id, navigator, note);
  }

  async unanswered(): Promise<{ groups: UnansweredGroup[]; questions: number }> {
    const groups = await unansweredGroups(this.db);
    return { groups, questions: groups.reduce((n, g) => n + g.count, 0) };
  }

  feedback(): Promise<ArticleFeedback[]> {
    return articleFeedback(this.db, this.articleTitle);
  }

  /** The audit entry is written before the file leaves, so no export goes unrecorded. */
  async exportUnanswered(navigator: Navigator, now = new Date()): Promise<CsvExport> {
    const groups = await unansweredGroups(this.db);
    await this.tickets.audit(navigator, "export.unanswered", undefined, `${groups.length} rows`);
    return { filename: `lotse-unbeantwortet-${day(now)}.csv`, csv: unansweredCsv(groups) };
  }

  async exportFeedback(navigator: Navigator, now = new Date()): Promise<CsvExport> {
    const articles = await this.feedback();
    await this.tickets.audit(navigator, "export.feedback", undefined, `${articles.length} articles`);
    return { filename: `lotse-feedback-${day(now)}.csv`, csv: feedbackCsv(articles) };
  }

  async audit(query: AuditQuery) {
    return (await this.tickets.listAudit(query)).map((e) => ({ ...e, ticketNumber: e.ticketId ? formatTicketNumber(e.ticketId) : null }));
  }

  async failedDeliveries() {
    return (await this.tickets.webhookDeliveries()).map((d) => ({ ...d, ticketNumber: formatTicketNumber(d.ticketId) }));
  }
}
