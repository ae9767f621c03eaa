/**
 * The Teams channels Lotse knows, one row per team, with the conversation reference it needs
 * for proactive posts. Which one is the navigators' (receives tickets, may act on them) is
 * decided by src/handoff/navigator-pairing.ts: the configured team, or the paired one. A row
 * without a source (registered before pairing existed, or unpaired) is kept only so that the
 * cards Lotse posted there can still be redacted when their ticket is deleted.
 */
import { z } from "zod";
import type { Selectable } from "kysely";
import type { Db } from "../storage/database.js";
import type { NavigatorChannelTable } from "../storage/tables.js";

export const ChannelSource = z.enum(["config", "pairing"]);
export type ChannelSource = z.infer<typeof ChannelSource>;

export const NavigatorChannel = z.object({
  teamId: z.string().min(1).max(512),
  teamName: z.string().max(512).nullable(),
  tenantId: z.string().max(128).nullable(),
  /** The channel's conversation id (the General channel when the bot is added to a team). */
  channelId: z.string().min(1).max(1024),
  /** Bot SDK ConversationReference of the channel, for proactive posts (`agent`, or `bot` if stored by botbuilder). */
  reference: z.record(z.string(), z.unknown()),
  addedAt: z.string(),
  /** How the team became the navigators': NAVIGATOR_TEAM_ID, or a pairing code; null = neither (any more). */
  source: ChannelSource.nullable(),
  /** Who typed the pairing code in the team (null for the configured team). */
  pairedBy: z.object({ id: z.string().max(300), name: z.string().max(300) }).nullable(),
});
export type NavigatorChannel = z.infer<typeof NavigatorChannel>;

/** What the bot layer knows about a team from an activity: plain values, no SDK types. */
export type TeamChannel = Pick<NavigatorChannel, "teamId" | "teamName" | "tenantId" | "channelId" | "reference">;

const toChannel = (r: Selectable<NavigatorChannelTable>): NavigatorChannel => ({
  teamId: r.team_id,
  teamName: r.team_name,
  tenantId: r.tenant_id,
  channelId: r.channel_id,
  reference: JSON.parse(r.reference) as Record<string, unknown>,
  addedAt: r.added_at,
  source: r.source,
  pairedBy: r.paired_by_id ? { id: r.paired_by_id, name: r.paired_by_name ?? "" } : null,
});

/** Constructed with a transaction, every method works inside it (the pairing moves the channel in one). */
export class NavigatorChannelStore {
  constructor(private readonly db: Db) {}

  async save(channel: Omit<NavigatorChannel, "addedAt">, at: Date = new Date()): Promise<NavigatorChannel> {
    const c = NavigatorChannel.parse({ ...channel, addedAt: at.toISOString() });
    const row = {
      team_id: c.teamId,
      team_name: c.teamName,
      tenant_id: c.tenantId,
      channel_id: c.channelId,
      reference: JSON.stringify(c.reference),
      added_at: c.addedAt,
      source: c.source,
      paired_by_id: c.pairedBy?.id ?? null,
      paired_by_name: c.pairedBy?.name ?? null,
    };
    const { team_id: _key, ...update } = row;
    await this.db
      .insertInto("navigator_channel")
      .values(row)
      .onConflict((oc) => oc.column("team_id").doUpdateSet(update))
      .execute();
    return c;
  }

  /** Refreshes the reference of a team (re-installed) without changing how it became the navigators'. */
  async refresh(channel: TeamChannel): Promise<void> {
    await this.db
      .updateTable("navigator_channel")
      .set({ team_name: channel.teamName, channel_id: channel.channelId, reference: JSON.stringify(channel.reference) })
      .where("team_id", "=", channel.teamId)
      .execute();
  }

  async byTeam(teamId: string): Promise<NavigatorChannel | undefined> {
    const row = await this.db.selectFrom("navigator_channel").selectAll().where("team_id", "=", teamId).executeTakeFirst();
    return row ? toChannel(row) : undefined;
  }

  /** Newest first. */
  async bySource(source: ChannelSource): Promise<NavigatorChannel[]> {
    const rows = await this.db
      .selectFrom("navigator_channel")
      .selectAll()
      .where("source", "=", source)
      .orderBy("added_at", "desc")
      .orderBy("team_id")
      .execute();
    return rows.map(toChannel);
  }

  /** The team stays known (for redacting its cards) but is nobody's channel any more. */
  async demote(teamId: string): Promise<boolean> {
    const result = await this.db
      .updateTable("navigator_channel")
      .set({ source: null, paired_by_id: null, paired_by_name: null })
      .where("team_id", "=", teamId)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** Pairing moves the navigators' channel: every other paired team loses it. */
  async demoteOtherPaired(teamId: string): Promise<void> {
    await this.db
      .updateTable("navigator_channel")
      .set({ source: null, paired_by_id: null, paired_by_name: null })
      .where("source", "=", "pairing")
      .where("team_id", "!=", teamId)
      .execute();
  }

  async remove(teamId: string): Promise<boolean> {
    const result = await this.db.deleteFrom("navigator_channel").where("team_id", "=", teamId).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }
}
