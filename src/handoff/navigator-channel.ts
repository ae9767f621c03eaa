/**
 * The Teams channels Lotse knows, one row per team, with the conversation reference it needs
 * for proactive posts. Which one is the navigators' (receives tickets, may act on them) is
 * decided by src/handoff/navigator-pairing.ts: the configured team, or the paired one. A row
 * without a source (registered before pairing existed, or unpaired) is kept only so that the
 * cards Lotse posted there can still be redacted when their ticket is deleted.
 */
import { z } from "zod";
import type { Db } from "../storage/database.js";

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

interface Row {
  team_id: string;
  team_name: string | null;
  tenant_id: string | null;
  channel_id: string;
  reference: string;
  added_at: string;
  source: ChannelSource | null;
  paired_by_id: string | null;
  paired_by_name: string | null;
}

const toChannel = (r: Row): NavigatorChannel => ({
  teamId: r.team_id,
  teamName: r.team_name,
  tenantId: r.tenant_id,
  channelId: r.channel_id,
  reference: JSON.parse(r.reference) as Record<string, unknown>,
  addedAt: r.added_at,
  source: r.source,
  pairedBy: r.paired_by_id ? { id: r.paired_by_id, name: r.paired_by_name ?? "" } : null,
});

export class NavigatorChannelStore {
  constructor(private readonly db: Db) {}

  save(channel: Omit<NavigatorChannel, "addedAt">, at: Date = new Date()): NavigatorChannel {
    const c = NavigatorChannel.parse({ ...channel, addedAt: at.toISOString() });
    this.db
      .prepare(
        `INSERT INTO navigator_channel (team_id, team_name, tenant_id, channel_id, reference, added_at, source, paired_by_id, paired_by_name)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (team_id) DO UPDATE SET team_name = excluded.team_name, tenant_id = excluded.tenant_id,
           channel_id = excluded.channel_id, reference = excluded.reference, added_at = excluded.added_at,
           source = excluded.source, paired_by_id = excluded.paired_by_id, paired_by_name = excluded.paired_by_name`,
      )
      .run(c.teamId, c.teamName, c.tenantId, c.channelId, JSON.stringify(c.reference), c.addedAt, c.source, c.pairedBy?.id ?? null, c.pairedBy?.name ?? null);
    return c;
  }

  /** Refreshes the reference of a team (re-installed) without changing how it became the navigators'. */
  refresh(channel: TeamChannel): void {
    this.db
      .prepare("UPDATE navigator_channel SET team_name = ?, channel_id = ?, reference = ? WHERE team_id = ?")
      .run(channel.teamName, channel.channelId, JSON.stringify(channel.reference), channel.teamId);
  }

  byTeam(teamId: string): NavigatorChannel | undefined {
    const row = this.db.prepare<[string], Row>("SELECT * FROM navigator_channel WHERE team_id = ?").get(teamId);
    return row ? toChannel(row) : undefined;
  }

  bySource(source: ChannelSource): NavigatorChannel[] {
    return this.db.prepare<[string], Row>("SELECT * FROM navigator_channel WHERE source = ? ORDER BY added_at DESC, rowid DESC").all(source).map(toChannel);
  }

  /** The team stays known (for redacting its cards) but is nobody's channel any more. */
  demote(teamId: string): boolean {
    return this.db.prepare("UPDATE navigator_channel SET source = NULL, paired_by_id = NULL, paired_by_name = NULL WHERE team_id = ?").run(teamId).changes > 0;
  }

  /** Pairing moves the navigators' channel: every other paired team loses it. */
  demoteOtherPaired(teamId: string): void {
    this.db.prepare("UPDATE navigator_channel SET source = NULL, paired_by_id = NULL, paired_by_name = NULL WHERE source = 'pairing' AND team_id != ?").run(teamId);
  }

  remove(teamId: string): boolean {
    return this.db.prepare("DELETE FROM navigator_channel WHERE team_id = ?").run(teamId).changes > 0;
  }
}
