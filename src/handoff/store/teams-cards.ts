/**
 * Where each ticket's card is in the navigators' Teams channel, and the cards of deleted
 * tickets that still show personal data until the server replaces them. A poster claims a
 * ticket before posting its card (one conditional UPDATE that sets `teams_post_claimed_until`);
 * only the poster that got the row posts, so the creating node and another node's sweep of
 * waiting tickets never post two cards for one ticket.
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

  /** Records the posted card; the claim to post it is done with. */
  async set(ticketId: number, teamId: string, activityId: string): Promise<void> {
    if (!isRowId(ticketId)) return;
    await this.db.updateTable("tickets").set({ teams_team_id: teamId, teams_activity_id: activityId, teams_post_claimed_until: null }).where("id", "=", ticketId).execute();
  }

  /**
   * Takes a ticket without a card for posting it, until `until`: false when it has a card, is
   * gone, or another poster's claim is still live at `at`. A poster that dies mid-post leaves
   * the claim to run out; then the next sweep takes the ticket over.
   */
  async claim(ticketId: number, at: Date, until: Date): Promise<boolean> {
    if (!isRowId(ticketId)) return false;
    const now = at.toISOString();
    const row = await this.db
      .updateTable("tickets")
      .set({ teams_post_claimed_until: until.toISOString() })
      .where("id", "=", ticketId)
      .where("teams_activity_id", "is", null)
      .where((eb) => eb.or([eb("teams_post_claimed_until", "is", null), eb("teams_post_claimed_until", "<=", now)]))
      .returning("id")
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Gives up a claim that did not end in a card (the post failed), so that the next sweep tries again; another poster's later claim stays. */
  async release(ticketId: number, until: Date): Promise<void> {
    if (!isRowId(ticketId)) return;
    await this.db
      .updateTable("tickets")
      .set({ teams_post_claimed_until: null })
      .where("id", "=", ticketId)
      .where("teams_post_claimed_until", "=", until.toISOString())
      .execute();
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

  /**
   * Tickets still waiting that never made it to Teams (no channel yet, or a crash in between),
   * oldest first; not those a poster has claimed until after `at` (being posted right now).
   */
  async waiting(at: Date): Promise<Ticket[]> {
    const now = at.toISOString();
    const rows = await this.db
      .selectFrom("tickets")
      .selectAll()
      .where("teams_activity_id", "is", null)
      .where("status", "!=", "closed")
      .where((eb) => eb.or([eb("teams_post_claimed_until", "is", null), eb("teams_post_claimed_until", "<=", now)]))
      .orderBy("id")
      .execute();
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
