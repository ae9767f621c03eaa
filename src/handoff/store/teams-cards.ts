/**
 * Where each ticket's card is in the navigators' Teams channel, and the cards of deleted
 * tickets that still show personal data until the server replaces them.
 */
import type { Db } from "../../storage/database.js";
import { isRowId } from "./db.js";
import { toTicket } from "./rows.js";
import type { Ticket } from "./schemas.js";

export interface TeamsCard {
  teamId: string;
  activityId: string;
}

export class TeamsCards {
  constructor(private readonly db: Db) {}

  async set(ticketId: number, teamId: string, activityId: string): Promise<void> {
    if (!isRowId(ticketId)) return;
    await this.db.updateTable("tickets").set({ teams_team_id: teamId, teams_activity_id: activityId }).where("id", "=", ticketId).execute();
  }

  async of(ticketId: number): Promise<TeamsCard | undefined> {
    if (!isRowId(ticketId)) return undefined;
    const row = await this.db.selectFrom("tickets").select(["teams_team_id", "teams_activity_id"]).where("id", "=", ticketId).executeTakeFirst();
    return row?.teams_activity_id && row.teams_team_id ? { teamId: row.teams_team_id, activityId: row.teams_activity_id } : undefined;
  }

  async ticket(activityId: string): Promise<Ticket | undefined> {
    const row = await this.db.selectFrom("tickets").selectAll().where("teams_activity_id", "=", activityId).orderBy("id").limit(1).executeTakeFirst();
    return row ? toTicket(row) : undefined;
  }

  /** Tickets still waiting that never made it to Teams (no channel yet, or a crash in between), oldest first. */
  async waiting(): Promise<Ticket[]> {
    const rows = await this.db.selectFrom("tickets").selectAll().where("teams_activity_id", "is", null).where("status", "!=", "closed").orderBy("id").execute();
    return rows.map(toTicket);
  }

  /** Teams cards of deleted tickets that still show personal data, oldest first. */
  async pendingRedactions(): Promise<Array<TeamsCard & { number: string }>> {
    const rows = await this.db.selectFrom("teams_redactions").select(["team_id", "activity_id", "number"]).orderBy("created_at").orderBy("activity_id").execute();
    return rows.map((r) => ({ teamId: r.team_id, activityId: r.activity_id, number: r.number }));
  }

  async redactionDone(activityId: string): Promise<void> {
    await this.db.deleteFrom("teams_redactions").where("activity_id", "=", activityId).execute();
  }
}
