/**
 * The rules of the navigators' team with real SQLite and a clock the test moves: codes are
 * random, single use, expire after 15 minutes, are stored hashed and lock after 10 wrong tries;
 * only the configured or the paired team is the navigators'.
 */
import { beforeEach, describe, expect, it } from "vitest";
import type { TeamChannel } from "../../src/handoff/navigator-channel.js";
import { NavigatorPairing, PAIRING_LIMITS, PairingError, parsePairCommand } from "../../src/handoff/navigator-pairing.js";
import { TicketStore } from "../../src/handoff/ticket-store.js";
import { openDatabase, type Db } from "../../src/storage/database.js";

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

describe("NavigatorPairing", () => {
  let db: Db;
  let now: Date;
  let pairing: NavigatorPairing;
  const build = (extra: Partial<ConstructorParameters<typeof NavigatorPairing>[0]> = {}) => {
    const store = new TicketStore(db);
    return new NavigatorPairing({ db, audit: (actor, action, detail) => store.audit(actor, action, undefined, detail), now: () => now, ...extra });
  };
  const actions = () => new TicketStore(db).listAudit().map((e) => e.action);
  const later = (ms: number) => (now = new Date(now.getTime() + ms));

  beforeEach(() => {
    db = openDatabase({ dataDir: ":memory:" });
    now = new Date("2026-11-30T08:00:00Z");
    pairing = build();
  });

  it("parses the pairing command in both languages, with any grouping of the digits", () => {
    expect(parsePairCommand("koppeln 4831-9275")).toEqual({ code: "48319275" });
    expect(parsePairCommand("Pair 4831 9275")).toEqual({ code: "48319275" });
    expect(parsePairCommand("KOPPELN")).toEqual({ code: "" });
    for (const text of ["", "hallo koppeln 1234", "koppeln abc", "pairing 1234", `koppeln ${"1".repeat(100)}`, "koppeln 1234\u0000"]) expect(parsePairCommand(text), text).toBeUndefined();
  });

  it("installing alone makes no team the navigators'", () => {
    expect(pairing.installed(A)).toBe("ignored");
    expect(pairing.current()).toBeUndefined();
    expect(pairing.isNavigatorTeam(A.teamId, TENANT)).toBe(false);
  });

  it("pairs with a fresh code, once; stores only a salted hash", () => {
    const { code, expiresAt } = pairing.createCode(CLARA);
    expect(code).toMatch(/^\d{4}-\d{4}$/);
    expect(expiresAt).toBe("2026-11-30T08:15:00.000Z");
    expect(JSON.stringify(db.prepare("SELECT * FROM navigator_pairing_codes").all())).not.toContain(code.replace("-", ""));

    const result = pairing.pair({ code, team: A, by: ADMIN });
    expect(result).toMatchObject({ ok: true, channel: { teamId: A.teamId, source: "pairing", pairedBy: ADMIN } });
    expect(pairing.isNavigatorTeam(A.teamId, TENANT)).toBe(true);
    expect(pairing.isNavigatorTeam(A.teamId, "0a0a0a0a-0000-4000-8000-000000000000")).toBe(false);
    expect(pairing.pair({ code, team: B, by: ADMIN })).toEqual({ ok: false, reason: "used" });
    expect(pairing.pair({ code, team: A, by: ADMIN })).toEqual({ ok: false, reason: "used" });
    expect(pairing.current()?.teamId).toBe(A.teamId);
    expect(pairing.status()).toMatchObject({ mode: "pairing", team: { teamId: A.teamId, pairedBy: ADMIN, since: now.toISOString() }, code: { state: "used" } });
    expect(actions()).toEqual(["teams.paired", "teams.pairing_code"]);
  });

  it("codes differ and a new code replaces the pending one", () => {
    const codes = new Set(Array.from({ length: 10 }, () => pairing.createCode(CLARA).code));
    expect(codes.size).toBeGreaterThan(8);
    const last = pairing.createCode(CLARA).code;
    const earlier = [...codes][0]!;
    if (earlier !== last) expect(pairing.pair({ code: earlier, team: A, by: ADMIN })).toMatchObject({ ok: false });
    expect(pairing.pair({ code: last, team: A, by: ADMIN }).ok).toBe(true);
  });

  it("refuses a code after 15 minutes", () => {
    const { code } = pairing.createCode(CLARA);
    later(PAIRING_LIMITS.ttlMs);
    expect(pairing.status().code?.state).toBe("expired");
    expect(pairing.pair({ code, team: A, by: ADMIN })).toEqual({ ok: false, reason: "expired" });
    expect(pairing.current()).toBeUndefined();
  });

  it("locks the code after 10 wrong tries, logged", () => {
    const { code } = pairing.createCode(CLARA);
    const wrong = code === "0000-0000" ? "1111-1111" : "0000-0000";
    for (let i = 1; i < PAIRING_LIMITS.maxAttempts; i++) expect(pairing.pair({ code: wrong, team: B, by: ADMIN })).toEqual({ ok: false, reason: "wrong" });
    expect(pairing.pair({ code: "12", team: B, by: ADMIN })).toEqual({ ok: false, reason: "locked" });
    expect(pairing.pair({ code, team: A, by: ADMIN })).toEqual({ ok: false, reason: "locked" });
    expect(pairing.status().code).toMatchObject({ state: "locked", attemptsLeft: 0 });
    expect(actions()[0]).toBe("teams.pairing_locked");
    // A new code works again.
    expect(pairing.pair({ code: pairing.createCode(CLARA).code, team: A, by: ADMIN }).ok).toBe(true);
  });

  it("refuses without any code, and a team of another tenant when the home tenant is known", () => {
    expect(pairing.pair({ code: "1234-5678", team: A, by: ADMIN })).toEqual({ ok: false, reason: "no_code" });
    const home = build({ homeTenantId: TENANT.toUpperCase() });
    const { code } = home.createCode(CLARA);
    expect(home.pair({ code, team: team(B.teamId, "0a0a0a0a-0000-4000-8000-000000000000"), by: ADMIN })).toEqual({ ok: false, reason: "wrong_tenant" });
    expect(home.pair({ code, team: A, by: ADMIN }).ok).toBe(true);
  });

  it("a second pairing moves the channel; unpairing and removal leave none", () => {
    pairing.pair({ code: pairing.createCode(CLARA).code, team: A, by: ADMIN });
    pairing.pair({ code: pairing.createCode(CLARA).code, team: B, by: ADMIN });
    expect(pairing.current()?.teamId).toBe(B.teamId);
    expect(pairing.active(A.teamId)).toBeUndefined();
    // A's old cards can still be redacted.
    expect(pairing.known(A.teamId)?.teamId).toBe(A.teamId);
    // A re-installing does not take it back.
    expect(pairing.installed(A)).toBe("ignored");
    expect(pairing.installed(B)).toBe("registered");

    expect(pairing.removed({ teamId: A.teamId, tenantId: TENANT }, ADMIN)).toBe(false);
    expect(pairing.removed({ teamId: B.teamId, tenantId: "0a0a0a0a-0000-4000-8000-000000000000" }, ADMIN)).toBe(false);
    expect(pairing.removed({ teamId: B.teamId, tenantId: TENANT }, ADMIN)).toBe(true);
    expect(pairing.current()).toBeUndefined();
    expect(actions()[0]).toBe("teams.removed");

    pairing.pair({ code: pairing.createCode(CLARA).code, team: A, by: ADMIN });
    expect(pairing.unpair(CLARA).team).toBeNull();
    expect(pairing.current()).toBeUndefined();
    expect(() => pairing.unpair(CLARA)).toThrow(PairingError);
    expect(actions()[0]).toBe("teams.unpaired");
  });

  it("limits how many codes are created per hour", () => {
    for (let i = 0; i < PAIRING_LIMITS.codesPerHour; i++) pairing.createCode(CLARA);
    expect(() => pairing.createCode(CLARA)).toThrow(expect.objectContaining({ code: "too_many_codes", status: 429 }));
    later(3_600_001);
    expect(pairing.createCode(CLARA).code).toMatch(/^\d{4}-\d{4}$/);
  });

  it("configured: only that team in that tenant registers; pairing is off", () => {
    const configured = build({ configured: { teamId: A.teamId, tenantId: TENANT.toUpperCase() } });
    expect(configured.mode).toBe("configured");
    expect(configured.installed(B)).toBe("ignored");
    expect(configured.installed(team(A.teamId, "0a0a0a0a-0000-4000-8000-000000000000"))).toBe("ignored");
    expect(configured.current()).toBeUndefined();
    expect(configured.installed(A)).toBe("registered");
    expect(configured.current()).toMatchObject({ teamId: A.teamId, source: "config", pairedBy: null });
    expect(() => configured.createCode(CLARA)).toThrow(expect.objectContaining({ code: "configured", status: 409 }));
    expect(() => configured.unpair(CLARA)).toThrow(expect.objectContaining({ code: "configured" }));
    expect(configured.pair({ code: "1234-5678", team: B, by: ADMIN })).toEqual({ ok: false, reason: "configured" });
    expect(configured.status()).toMatchObject({ mode: "configured", configured: { teamId: A.teamId }, team: { teamId: A.teamId }, code: null });
  });

  it("teams registered before pairing existed receive nothing and may not act", () => {
    db.prepare("INSERT INTO navigator_channel (team_id, team_name, tenant_id, channel_id, reference, added_at) VALUES (?, ?, ?, ?, ?, ?)").run(
      A.teamId,
      "Alt",
      TENANT,
      A.channelId,
      JSON.stringify(A.reference),
      now.toISOString(),
    );
    expect(pairing.current()).toBeUndefined();
    expect(pairing.isNavigatorTeam(A.teamId, TENANT)).toBe(false);
    expect(pairing.known(A.teamId)?.teamName).toBe("Alt");
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
