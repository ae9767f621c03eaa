/**
 * The Teams channel that receives new tickets. Captured when the bot is added to a team (no
 * ids copied by hand); the most recently added team gets new tickets, every registered team
 * may work on the tickets posted to it.
 */
import { z } from "zod";
import type { Db } from "../storage/database.js";

export const NavigatorChannel = z.object({
  teamId: z.string().min(1).max(512),
  teamName: z.string().max(512).nullable(),
  tenantId: z.string().max(128).nullable(),
  /** The channel's conversation id (the General channel when the bot is added to a team). */
  channelId: z.string().min(1).max(1024),
  /** Bot SDK ConversationReference of the channel, for proactive posts (`agent`, or `bot` if stored by botbuilder). */
  reference: z.record(z.string(), z.unknown()),
  addedAt: z.string(),
});
export type NavigatorChannel = z.infer<typeof NavigatorChannel>;

interface Row {
  team_id: string;
  team_name: string | null;
  tenant_id: string | null;
  channel_id: string;
  reference: string;
  added_at: string;
}

const toChannel = (r: Row): NavigatorChannel => ({
  teamId: r.team_id,
  teamName: r.team_name,
  tenantId: r.tenant_id,
  channelId: r.channel_id,
  reference: JSON.parse(r.reference) as Record<string, unknown>,
  addedAt: r.added_at,
});

export class NavigatorChannelStore {
  constructor(private readonly db: Db) {}

  save(channel: Omit<NavigatorChannel, "addedAt">, at: Date = new Date()): NavigatorChannel {
    const c = NavigatorChannel.parse({ ...channel, addedAt: at.toISOString() });
    this.db
      .prepare(
        `INSERT INTO navigator_channel (team_id, team_name, tenant_id, channel_id, reference, added_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (team_id) DO UPDATE SET team_name = excluded.team_name, tenant_id = excluded.tenant_id,
           channel_id = excluded.channel_id, reference = excluded.reference, added_at = excluded.added_at`,
      )
      .run(c.teamId, c.teamName, c.tenantId, c.channelId, JSON.stringify(c.reference), c.addedAt);
    return c;
  }

  /** Where new tickets go: the team the bot was added to last. */
  current(): NavigatorChannel | undefined {
    const row = this.db.prepare<[], Row>("SELECT * FROM navigator_channel ORDER BY added_at DESC, rowid DESC LIMIT 1").get();
    return row ? toChannel(row) : undefined;
  }

  byTeam(teamId: string): NavigatorChannel | undefined {
    const row = this.db.prepare<[string], Row>("SELECT * FROM navigator_channel WHERE team_id = ?").get(teamId);
    return row ? toChannel(row) : undefined;
  }

  remove(teamId: string): boolean {
    return this.db.prepare("DELETE FROM navigator_channel WHERE team_id = ?").run(teamId).changes > 0;
  }
}
