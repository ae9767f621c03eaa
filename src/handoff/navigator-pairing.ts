/**
 * Which Teams team is the navigators' — receives the ticket cards (names, contacts) and may act
 * on tickets. Either fixed by configuration (NAVIGATOR_TEAM_ID + NAVIGATOR_TENANT_ID), or paired
 * once: a signed-in navigator creates a one-time code in the console, an admin types it in the
 * team ("@Lotse koppeln 4831-9275"). A team that merely installs the app (a conversationUpdate
 * anyone can forge in local mode) gets nothing. Plain inputs and outputs: the bot layer
 * (bot/navigator-desk.ts) turns activities into `TeamChannel`s and the results into replies.
 */
import { createHash, randomBytes, randomInt, timingSafeEqual } from "node:crypto";
import { sql } from "kysely";
import { z } from "zod";
import type { Db } from "../storage/database.js";
import { AppError } from "../util/app-error.js";
import { NavigatorChannelStore, type NavigatorChannel, type TeamChannel } from "./navigator-channel.js";
import type { Logger } from "../util/logger.js";
import type { Actor } from "./ticket-store.js";

export const PAIRING_LIMITS = {
  /** 10^8 codes and at most `maxAttempts` guesses per code: one in ten million to guess one. */
  digits: 8,
  ttlMs: 15 * 60_000,
  /** Wrong codes typed in Teams before the pending code is locked (a new one must be created). */
  maxAttempts: 10,
  /** Codes the console may create per hour, all navigators together. */
  codesPerHour: 20,
} as const;

/** The configured navigators' team (HandoffConfig.navigatorTeamId / navigatorTenantId). */
export interface ConfiguredTeam {
  teamId: string;
  tenantId: string;
}

export const PairingCodeState = z.enum(["pending", "expired", "used", "locked"]);

export const PairingStatus = z.object({
  /** "configured": NAVIGATOR_TEAM_ID is set and pairing is off; "pairing": a code pairs a team. */
  mode: z.enum(["configured", "pairing"]),
  configured: z.object({ teamId: z.string(), tenantId: z.string() }).nullable(),
  /** The navigators' team as Lotse knows it; null: none yet (configured, but Lotse not added to it yet). */
  team: z
    .object({
      teamId: z.string(),
      teamName: z.string().nullable(),
      tenantId: z.string().nullable(),
      since: z.string(),
      pairedBy: z.object({ id: z.string(), name: z.string() }).nullable(),
    })
    .nullable(),
  /** The latest pairing code (never the code itself). */
  code: z
    .object({
      state: PairingCodeState,
      expiresAt: z.string(),
      attemptsLeft: z.number().int(),
      createdBy: z.string(),
      createdAt: z.string(),
    })
    .nullable(),
});
export type PairingStatus = z.infer<typeof PairingStatus>;

export const CreatedCode = z.object({
  /** Shown once, grouped for typing: "4831-9275". */
  code: z.string(),
  expiresAt: z.string(),
  status: PairingStatus,
});
export type CreatedCode = z.infer<typeof CreatedCode>;

export type PairRefusal = "configured" | "no_code" | "wrong" | "expired" | "used" | "locked" | "wrong_tenant";
export type PairResult = { ok: true; channel: NavigatorChannel } | { ok: false; reason: PairRefusal };

export class PairingError extends AppError<"configured" | "too_many_codes" | "not_paired"> {
  declare readonly status: 404 | 409 | 429;

  constructor(code: "configured" | "too_many_codes" | "not_paired", status: 404 | 409 | 429, message: string) {
    super(code, message, status);
    this.name = "PairingError";
  }
}

/**
 * "koppeln 4831-9275", "Pair 4831 9275", "koppeln" → the digits typed (maybe ""); anything else →
 * undefined. The @mention is already removed.
 */
export function parsePairCommand(text: string): { code: string } | undefined {
  const match = /^\s*(?:koppeln|pair)(?:\s+([\d\s-]{0,40}))?\s*$/i.exec(text.slice(0, 200));
  if (!match) return undefined;
  return { code: (match[1] ?? "").replace(/\D/g, "") };
}

const formatCode = (digits: string) => `${digits.slice(0, 4)}-${digits.slice(4)}`;
const hashCode = (salt: string, digits: string) => createHash("sha256").update(`${salt}:${digits}`).digest();

export interface NavigatorPairingOptions {
  db: Db;
  configured?: ConfiguredTeam;
  /**
   * The tenant whose teams may be paired (the console's Entra tenant or the bot's own), when
   * known: a code leaked to another organisation still pairs nothing there.
   */
  homeTenantId?: string;
  /** Audit log entries (the ticket store's audit log; no ticket). */
  audit(actor: Actor, action: string, detail?: string): Promise<unknown>;
  logger?: Logger;
  now?: () => Date;
}

const same = (a: string | null | undefined, b: string | null | undefined) => !!a && !!b && a.toLowerCase() === b.toLowerCase();

/** The latest code changed while a typed code was checked (used, locked, replaced): read it again, a few times at most. */
const PAIR_ROUNDS = 3;

export class NavigatorPairing {
  readonly store: NavigatorChannelStore;
  private readonly now: () => Date;

  constructor(private readonly opts: NavigatorPairingOptions) {
    this.store = new NavigatorChannelStore(opts.db);
    this.now = opts.now ?? (() => new Date());
  }

  get mode(): "configured" | "pairing" {
    return this.opts.configured ? "configured" : "pairing";
  }

  // ── who the navigators are ────────────────────────────────────────────────

  /** Where new tickets go: the configured team once Lotse was added to it, or the paired team. */
  async current(): Promise<NavigatorChannel | undefined> {
    const { configured } = this.opts;
    if (configured) {
      const channel = await this.store.byTeam(configured.teamId);
      return channel && channel.source === "config" && same(channel.tenantId, configured.tenantId) ? channel : undefined;
    }
    return (await this.store.bySource("pairing"))[0];
  }

  /** The navigators' channel if `teamId` is the navigators' team (cards there are updated, threads continued). */
  async active(teamId: string): Promise<NavigatorChannel | undefined> {
    const channel = await this.current();
    return channel && channel.teamId === teamId ? channel : undefined;
  }

  /** Any channel Lotse posted to, also a former one: only for replacing a deleted ticket's card. */
  known(teamId: string): Promise<NavigatorChannel | undefined> {
    return this.store.byTeam(teamId);
  }

  /** May an activity from this team and tenant act on tickets? */
  async isNavigatorTeam(teamId: string, tenantId: string | null): Promise<boolean> {
    const channel = await this.active(teamId);
    return !!channel && (!channel.tenantId || same(channel.tenantId, tenantId));
  }

  // ── events from Teams ─────────────────────────────────────────────────────

  /**
   * Lotse was added to a team (or, in configured mode, asked to register there). Only the
   * configured team, or the paired team re-installing, is (re)registered; any other registers nothing.
   */
  async installed(team: TeamChannel): Promise<"registered" | "ignored"> {
    const { configured } = this.opts;
    if (configured) {
      if (team.teamId !== configured.teamId || !same(team.tenantId, configured.tenantId)) return this.ignored(team);
      await this.store.save({ ...team, source: "config", pairedBy: null }, this.now());
      this.opts.logger?.info({ code: "handoff.teams_channel_registered", source: "config" }, "navigator channel registered (configured team)");
      return "registered";
    }
    const paired = await this.current();
    if (!paired || paired.teamId !== team.teamId || !same(paired.tenantId, team.tenantId)) return this.ignored(team);
    await this.store.refresh(team);
    this.opts.logger?.info({ code: "handoff.teams_channel_refreshed" }, "navigator channel re-installed");
    return "registered";
  }

  private ignored(team: TeamChannel): "ignored" {
    // Said once per install, so an operator sees why a team gets no tickets; no team name (free text).
    this.opts.logger?.info({ code: "handoff.teams_team_ignored", mode: this.mode, team: team.teamId.slice(0, 80) }, "Lotse added to a team that is not the navigators'");
    return "ignored";
  }

  /** Lotse was removed from a team, or the team deleted: a navigators' team loses its pairing. */
  async removed(team: { teamId: string; tenantId: string | null }, by: Actor): Promise<boolean> {
    const channel = await this.active(team.teamId);
    if (!channel || (channel.tenantId && !same(channel.tenantId, team.tenantId))) return false;
    // The bot cannot post there any more: the reference is useless, the row goes.
    await this.store.remove(team.teamId);
    await this.opts.audit(by, "teams.removed", `${channel.teamName ?? channel.teamId} (${channel.source === "config" ? "konfiguriert" : "gekoppelt"})`);
    this.opts.logger?.info({ code: "handoff.teams_channel_removed", source: channel.source }, "navigator channel removed: Lotse left the team");
    return true;
  }

  /**
   * A code typed in a team. Refusals are counted against the pending code, which locks after
   * `maxAttempts`. Every change of the code is one conditional UPDATE of the pending code, so
   * two teams typing at once (on two nodes) cannot both use it, nor both count one attempt.
   */
  async pair(input: { code: string; team: TeamChannel; by: Actor }): Promise<PairResult> {
    const { team, by } = input;
    if (this.opts.configured) return { ok: false, reason: "configured" };
    if (this.opts.homeTenantId && !same(team.tenantId, this.opts.homeTenantId)) return this.refuse("wrong_tenant", team);
    const digits = input.code.replace(/\D/g, "").slice(0, 32);
    for (let round = 0; round < PAIR_ROUNDS; round++) {
      const result = await this.tryPair(digits, team, by);
      if (result !== "changed") return result;
    }
    return this.refuse("no_code", team);
  }

  private async tryPair(digits: string, team: TeamChannel, by: Actor): Promise<PairResult | "changed"> {
    const { db } = this.opts;
    const row = await db.selectFrom("navigator_pairing_codes").selectAll().orderBy("id", "desc").limit(1).executeTakeFirst();
    if (!row || row.status === "replaced") return this.refuse("no_code", team);
    const matches = digits.length === PAIRING_LIMITS.digits && timingSafeEqual(hashCode(row.salt, digits), Buffer.from(row.hash, "hex"));
    if (row.status === "used") return this.refuse(matches ? "used" : "no_code", team);
    if (row.status === "locked") return this.refuse("locked", team);
    if (new Date(row.expires_at) <= this.now()) return this.refuse("expired", team);
    if (!matches) {
      const counted = await db
        .updateTable("navigator_pairing_codes")
        .set((eb) => ({
          attempts: eb("attempts", "+", 1),
          status: sql<"locked" | "pending">`CASE WHEN attempts + 1 >= ${PAIRING_LIMITS.maxAttempts} THEN 'locked' ELSE 'pending' END`,
        }))
        .where("id", "=", row.id)
        .where("status", "=", "pending")
        .returning(["attempts", "status"])
        .executeTakeFirst();
      if (!counted) return "changed";
      if (counted.status === "locked") {
        await this.opts.audit(by, "teams.pairing_locked", `Code gesperrt nach ${counted.attempts} falschen Versuchen (zuletzt aus ${team.teamName ?? team.teamId})`);
        return this.refuse("locked", team);
      }
      return this.refuse("wrong", team);
    }
    const at = this.now();
    const channel = await db.transaction().execute(async (trx) => {
      const used = await trx
        .updateTable("navigator_pairing_codes")
        .set({ status: "used", used_at: at.toISOString(), used_by_team: team.teamId })
        .where("id", "=", row.id)
        .where("status", "=", "pending")
        .returning("id")
        .executeTakeFirst();
      if (!used) return undefined;
      const store = new NavigatorChannelStore(trx);
      await store.demoteOtherPaired(team.teamId);
      return store.save({ ...team, source: "pairing", pairedBy: { id: by.id, name: by.name } }, at);
    });
    if (!channel) return "changed";
    await this.opts.audit(by, "teams.paired", `${team.teamName ?? team.teamId} (Code von ${row.created_by_name})`);
    this.opts.logger?.info({ code: "handoff.teams_paired" }, "navigator channel paired");
    return { ok: true, channel };
  }

  private refuse(reason: PairRefusal, team: TeamChannel): PairResult {
    this.opts.logger?.warn({ code: "handoff.teams_pair_refused", reason, team: team.teamId.slice(0, 80) }, "pairing code refused");
    return { ok: false, reason };
  }

  // ── the console ───────────────────────────────────────────────────────────

  async status(): Promise<PairingStatus> {
    const { configured, db } = this.opts;
    const channel = await this.current();
    const row = configured
      ? undefined
      : await db.selectFrom("navigator_pairing_codes").selectAll().where("status", "!=", "replaced").orderBy("id", "desc").limit(1).executeTakeFirst();
    return {
      mode: this.mode,
      configured: configured ? { teamId: configured.teamId, tenantId: configured.tenantId } : null,
      team: channel ? { teamId: channel.teamId, teamName: channel.teamName, tenantId: channel.tenantId, since: channel.addedAt, pairedBy: channel.pairedBy } : null,
      code: row
        ? {
            state: row.status === "pending" && new Date(row.expires_at) <= this.now() ? "expired" : (row.status as "pending" | "used" | "locked"),
            expiresAt: row.expires_at,
            attemptsLeft: Math.max(0, PAIRING_LIMITS.maxAttempts - row.attempts),
            createdBy: row.created_by_name,
            createdAt: row.created_at,
          }
        : null,
    };
  }

  /** A new one-time code; an earlier pending code stops working. Only its salted hash is stored. */
  async createCode(by: Actor): Promise<CreatedCode> {
    if (this.opts.configured) throw new PairingError("configured", 409, "the navigators' team is set by NAVIGATOR_TEAM_ID; pairing is off");
    const at = this.now();
    const since = new Date(at.getTime() - 3_600_000).toISOString();
    const digits = String(randomInt(0, 10 ** PAIRING_LIMITS.digits)).padStart(PAIRING_LIMITS.digits, "0");
    const salt = randomBytes(16).toString("hex");
    const expiresAt = new Date(at.getTime() + PAIRING_LIMITS.ttlMs).toISOString();
    await this.opts.db.transaction().execute(async (trx) => {
      const { n } = await trx
        .selectFrom("navigator_pairing_codes")
        .select((eb) => eb.fn.countAll().as("n"))
        .where("created_at", ">", since)
        .executeTakeFirstOrThrow();
      if (Number(n) >= PAIRING_LIMITS.codesPerHour) throw new PairingError("too_many_codes", 429, `at most ${PAIRING_LIMITS.codesPerHour} pairing codes per hour`);
      await trx.updateTable("navigator_pairing_codes").set({ status: "replaced" }).where("status", "=", "pending").execute();
      await trx
        .insertInto("navigator_pairing_codes")
        .values({
          salt,
          hash: hashCode(salt, digits).toString("hex"),
          status: "pending",
          created_at: at.toISOString(),
          expires_at: expiresAt,
          created_by_id: by.id,
          created_by_name: by.name,
        })
        .execute();
    });
    await this.opts.audit(by, "teams.pairing_code", `gültig bis ${expiresAt}`);
    this.opts.logger?.info({ code: "handoff.teams_pairing_code" }, "pairing code created");
    return { code: formatCode(digits), expiresAt, status: await this.status() };
  }

  /** The paired team stops being the navigators' (it keeps no tickets; its old cards can still be redacted). */
  async unpair(by: Actor): Promise<PairingStatus> {
    if (this.opts.configured) throw new PairingError("configured", 409, "the navigators' team is set by NAVIGATOR_TEAM_ID; unset it to unpair");
    const channel = await this.current();
    if (!channel) throw new PairingError("not_paired", 404, "no team is paired");
    await this.store.demote(channel.teamId);
    await this.opts.audit(by, "teams.unpaired", channel.teamName ?? channel.teamId);
    this.opts.logger?.info({ code: "handoff.teams_unpaired" }, "navigator channel unpaired in the console");
    return this.status();
  }
}
