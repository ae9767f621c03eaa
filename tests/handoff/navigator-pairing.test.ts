/**
 * The rules of the navigators' team with a real database (both engines) and a clock the test moves: codes are
 * random, single use, expire after 15 minutes, are stored hashed and lock after 10 wrong tries;
 * only the configured or the paired team is the navigators'.
 */
import { beforeEach, describe, expect, it } from "vitest";
import type { TeamChannel } from "../../src/handoff/navigator-channel.js";
import { NavigatorPairing, PAIRING_LIMITS, PairingError, parsePairCommand } from "../../src/handoff/navigator-pairing.js";
import { TicketStore } from "../../src/handoff/ticket-store.js";
import type { Db } from "../../src/storage/database.js";
import { describeEachEngine } from "../helpers/database.js";
import { freshDatabase, twoNodes } from "./databases.js";

const CLARA = { id: "token:clara", name: "Clara Console" };
const ADMIN = { id: "teams:aad-admin", name: "Admin" };
const TENANT = "6f1c2d3e-4a5b-4c6d-8e7f-901234567890";

const team = (teamId: string, tenantId: string | null = TENANT): TeamChannel => ({
  teamId,
  teamName: teamId.slice(3, 12),
  tenantId,
  channelId: teamId,
  reference: { channelId: "msteams", serviceUrl: "https://smba.example/", conversation: { id: teamId } },
});
const A = team("19:team-a@thread.tacv2");
const B = team("19:team-b@thread.tacv2");

describeEachEngine("NavigatorPairing", (engine) => {
  let db: Db;
  let now: Date;
  let pairing: NavigatorPairing;
  const build = (extra: Partial<ConstructorParameters<typeof NavigatorPairing>[0]> = {}) => {
    const store = new TicketStore(db);
    return new NavigatorPairing({ db, audit: (actor, action, detail) => store.audit(actor, action, undefined, detail), now: () => now, ...extra });
  };
  const actions = async () => (await new TicketStore(db).listAudit()).map((e) => e.action);
  const later = (ms: number) => (now = new Date(now.getTime() + ms));

  beforeEach(async () => {
    db = (await freshDatabase(engine)).db;
    now = new Date("2026-11-30T08:00:00Z");
    pairing = build();
  });

  it("parses the pairing command in both languages, with any grouping of the digits", () => {
    expect(parsePairCommand("koppeln 4831-9275")).toEqual({ code: "48319275" });
    expect(parsePairCommand("Pair 4831 9275")).toEqual({ code: "48319275" });
    expect(parsePairCommand("KOPPELN")).toEqual({ code: "" });
    for (const text of ["", "hallo koppeln 1234", "koppeln abc", "pairing 1234", `koppeln ${"1".repeat(100)}`, "koppeln 1234\u0000"]) expect(parsePairCommand(text), text).toBeUndefined();
  });

  it("installing alone makes no team the navigators'", async () => {
    expect(await pairing.installed(A)).toBe("ignored");
    expect(await pairing.current()).toBeUndefined();
    expect(await pairing.isNavigatorTeam(A.teamId, TENANT)).toBe(false);
  });

  it("pairs with a fresh code, once; stores only a salted hash", async () => {
    const { code, expiresAt } = await pairing.createCode(CLARA);
    expect(code).toMatch(/^\d{4}-\d{4}$/);
    expect(expiresAt).toBe("2026-11-30T08:15:00.000Z");
    expect(JSON.stringify(await db.selectFrom("navigator_pairing_codes").selectAll().execute())).not.toContain(code.replace("-", ""));

    const result = await pairing.pair({ code, team: A, by: ADMIN });
    expect(result).toMatchObject({ ok: true, channel: { teamId: A.teamId, source: "pairing", pairedBy: ADMIN } });
    expect(await pairing.isNavigatorTeam(A.teamId, TENANT)).toBe(true);
    expect(await pairing.isNavigatorTeam(A.teamId, "0a0a0a0a-0000-4000-8000-000000000000")).toBe(false);
    expect(await pairing.pair({ code, team: B, by: ADMIN })).toEqual({ ok: false, reason: "used" });
    expect(await pairing.pair({ code, team: A, by: ADMIN })).toEqual({ ok: false, reason: "used" });
    expect((await pairing.current())?.teamId).toBe(A.teamId);
    expect(await pairing.status()).toMatchObject({ mode: "pairing", team: { teamId: A.teamId, pairedBy: ADMIN, since: now.toISOString() }, code: { state: "used" } });
    expect(await actions()).toEqual(["teams.paired", "teams.pairing_code"]);
  });

  it("codes differ and a new code replaces the pending one", async () => {
    const codes = new Set<string>();
    for (let i = 0; i < 10; i++) codes.add((await pairing.createCode(CLARA)).code);
    expect(codes.size).toBeGreaterThan(8);
    const last = (await pairing.createCode(CLARA)).code;
    const earlier = [...codes][0]!;
    if (earlier !== last) expect(await pairing.pair({ code: earlier, team: A, by: ADMIN })).toMatchObject({ ok: false });
    expect((await pairing.pair({ code: last, team: A, by: ADMIN })).ok).toBe(true);
  });

  it("refuses a code after 15 minutes", async () => {
    const { code } = await pairing.createCode(CLARA);
    later(PAIRING_LIMITS.ttlMs);
    expect((await pairing.status()).code?.state).toBe("expired");
    expect(await pairing.pair({ code, team: A, by: ADMIN })).toEqual({ ok: false, reason: "expired" });
    expect(await pairing.current()).toBeUndefined();
  });

  it("locks the code after 10 wrong tries, logged", async () => {
    const { code } = await pairing.createCode(CLARA);
    const wrong = code === "0000-0000" ? "1111-1111" : "0000-0000";
    for (let i = 1; i < PAIRING_LIMITS.maxAttempts; i++) expect(await pairing.pair({ code: wrong, team: B, by: ADMIN })).toEqual({ ok: false, reason: "wrong" });
    expect(await pairing.pair({ code: "12", team: B, by: ADMIN })).toEqual({ ok: false, reason: "locked" });
    expect(await pairing.pair({ code, team: A, by: ADMIN })).toEqual({ ok: false, reason: "locked" });
    expect((await pairing.status()).code).toMatchObject({ state: "locked", attemptsLeft: 0 });
    expect((await actions())[0]).toBe("teams.pairing_locked");
    // A new code works again.
    expect((await pairing.pair({ code: (await pairing.createCode(CLARA)).code, team: A, by: ADMIN })).ok).toBe(true);
  });

  it("refuses without any code, and a team of another tenant when the home tenant is known", async () => {
    expect(await pairing.pair({ code: "1234-5678", team: A, by: ADMIN })).toEqual({ ok: false, reason: "no_code" });
    const home = build({ homeTenantId: TENANT.toUpperCase() });
    const { code } = await home.createCode(CLARA);
    expect(await home.pair({ code, team: team(B.teamId, "0a0a0a0a-0000-4000-8000-000000000000"), by: ADMIN })).toEqual({ ok: false, reason: "wrong_tenant" });
    expect((await home.pair({ code, team: A, by: ADMIN })).ok).toBe(true);
  });

  it("a second pairing moves the channel; unpairing and removal leave none", async () => {
    await pairing.pair({ code: (await pairing.createCode(CLARA)).code, team: A, by: ADMIN });
    await pairing.pair({ code: (await pairing.createCode(CLARA)).code, team: B, by: ADMIN });
    expect((await pairing.current())?.teamId).toBe(B.teamId);
    expect(await pairing.active(A.teamId)).toBeUndefined();
    // A's old cards can still be redacted.
    expect((await pairing.known(A.teamId))?.teamId).toBe(A.teamId);
    // A re-installing does not take it back.
    expect(await pairing.installed(A)).toBe("ignored");
    expect(await pairing.installed(B)).toBe("registered");

    expect(await pairing.removed({ teamId: A.teamId, tenantId: TENANT }, ADMIN)).toBe(false);
    expect(await pairing.removed({ teamId: B.teamId, tenantId: "0a0a0a0a-0000-4000-8000-000000000000" }, ADMIN)).toBe(false);
    expect(await pairing.removed({ teamId: B.teamId, tenantId: TENANT }, ADMIN)).toBe(true);
    expect(await pairing.current()).toBeUndefined();
    expect((await actions())[0]).toBe("teams.removed");

    await pairing.pair({ code: (await pairing.createCode(CLARA)).code, team: A, by: ADMIN });
    expect((await pairing.unpair(CLARA)).team).toBeNull();
    expect(await pairing.current()).toBeUndefined();
    await expect(pairing.unpair(CLARA)).rejects.toThrow(PairingError);
    expect((await actions())[0]).toBe("teams.unpaired");
  });

  it("limits how many codes are created per hour", async () => {
    for (let i = 0; i < PAIRING_LIMITS.codesPerHour; i++) await pairing.createCode(CLARA);
    await expect(pairing.createCode(CLARA)).rejects.toThrow(expect.objectContaining({ code: "too_many_codes", status: 429 }));
    later(3_600_001);
    expect((await pairing.createCode(CLARA)).code).toMatch(/^\d{4}-\d{4}$/);
  });

  it("configured: only that team in that tenant registers; pairing is off", async () => {
    const configured = build({ configured: { teamId: A.teamId, tenantId: TENANT.toUpperCase() } });
    expect(configured.mode).toBe("configured");
    expect(await configured.installed(B)).toBe("ignored");
    expect(await configured.installed(team(A.teamId, "0a0a0a0a-0000-4000-8000-000000000000"))).toBe("ignored");
    expect(await configured.current()).toBeUndefined();
    expect(await configured.installed(A)).toBe("registered");
    expect(await configured.current()).toMatchObject({ teamId: A.teamId, source: "config", pairedBy: null });
    await expect(configured.createCode(CLARA)).rejects.toThrow(expect.objectContaining({ code: "configured", status: 409 }));
    await expect(configured.unpair(CLARA)).rejects.toThrow(expect.objectContaining({ code: "configured" }));
    expect(await configured.pair({ code: "1234-5678", team: B, by: ADMIN })).toEqual({ ok: false, reason: "configured" });
    expect(await configured.status()).toMatchObject({ mode: "configured", configured: { teamId: A.teamId }, team: { teamId: A.teamId }, code: null });
  });

  it("teams registered before pairing existed receive nothing and may not act", async () => {
    await db
      .insertInto("navigator_channel")
      .values({ team_id: A.teamId, team_name: "Alt", tenant_id: TENANT, channel_id: A.channelId, reference: JSON.stringify(A.reference), added_at: now.toISOString() })
      .execute();
    expect(await pairing.current()).toBeUndefined();
    expect(await pairing.isNavigatorTeam(A.teamId, TENANT)).toBe(false);
    expect((await pairing.known(A.teamId))?.teamName).toBe("Alt");
  });

  describe("on two nodes", () => {
    /** Two pairings on two connections to one database, auditing into it. */
    const nodes = async () => {
      const databases = await twoNodes(engine);
      const audit = new TicketStore(databases[0].db);
      const [a, b] = databases.map((database) => build({ db: database.db, audit: (actor, action, detail) => audit.audit(actor, action, undefined, detail) }));
      return { a: a!, b: b!, audit };
    };

    it("counts wrong codes typed at the same time one by one, and locks once", async () => {
      const { a, b, audit } = await nodes();
      const { code } = await a.createCode(CLARA);
      const wrong = code === "0000-0000" ? "1111-1111" : "0000-0000";
      const results = await Promise.all(Array.from({ length: PAIRING_LIMITS.maxAttempts + 2 }, (_, i) => (i % 2 ? a : b).pair({ code: wrong, team: B, by: ADMIN })));
      const reasons = results.map((r) => (r.ok ? "paired" : r.reason));
      expect(reasons.filter((r) => r === "wrong")).toHaveLength(PAIRING_LIMITS.maxAttempts - 1);
      expect(reasons.filter((r) => r === "locked")).toHaveLength(3);
      expect((await b.status()).code).toMatchObject({ state: "locked", attemptsLeft: 0 });
      expect((await audit.listAudit()).map((e) => e.action)).toEqual(["teams.pairing_locked", "teams.pairing_code"]);
    });

    // Two SQLite handles in one process cannot wait for each other's transaction (better-sqlite3
    // blocks the event loop while it waits); PostgreSQL's two pools can.
    it.runIf(engine === "postgres")("pairs exactly one of two teams typing the same code at the same time", async () => {
      const { a, b } = await nodes();
      for (let round = 0; round < 5; round++) {
        const { code } = await a.createCode(CLARA);
        const results = await Promise.all([a.pair({ code, team: A, by: ADMIN }), b.pair({ code, team: B, by: ADMIN })]);
        expect(results.filter((r) => r.ok), `round ${round}`).toHaveLength(1);
        expect(results.find((r) => !r.ok), `round ${round}`).toEqual({ ok: false, reason: "used" });
        const winner = results[0]!.ok ? A : B;
        expect((await b.current())?.teamId, `round ${round}`).toBe(winner.teamId);
      }
    });
  });
});

describe("NAVIGATOR_TEAM_ID / NAVIGATOR_TENANT_ID", () => {
  it("need each other and say what a team id looks like", async () => {
    const { loadConfig } = await import("../../src/config.js");
    expect(loadConfig({ NAVIGATOR_TEAM_ID: "19:abc@thread.tacv2", NAVIGATOR_TENANT_ID: TENANT }).handoff).toMatchObject({ navigatorTeamId: "19:abc@thread.tacv2", navigatorTenantId: TENANT });
    expect(() => loadConfig({ NAVIGATOR_TEAM_ID: "19:abc@thread.tacv2" })).toThrow(/NAVIGATOR_TENANT_ID: is required when NAVIGATOR_TEAM_ID is set/);
    expect(() => loadConfig({ NAVIGATOR_TENANT_ID: TENANT })).toThrow(/NAVIGATOR_TEAM_ID: is required/);
    expect(() => loadConfig({ NAVIGATOR_TEAM_ID: TENANT, NAVIGATOR_TENANT_ID: TENANT })).toThrow(/NAVIGATOR_TEAM_ID: must be the team's thread id/);
    expect(() => loadConfig({ NAVIGATOR_TEAM_ID: "19:abc@thread.tacv2", NAVIGATOR_TENANT_ID: "contoso" })).toThrow(/NAVIGATOR_TENANT_ID: must be the tenant/);
  });
});
