/**
 * Tickets (names, contacts) reach only the navigators' Teams team: the configured one, or the
 * one paired with a one-time code from the console. A team that merely claims to have installed
 * Lotse — in local mode any anonymous request can — gets nothing. Over real HTTP: Teams
 * activities as Teams sends them, the console API with a personal token.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { startChannel, startLotse, tempDataDir, texts, type Channel, type Lotse } from "../helpers/bot-harness.js";
import { waitFor } from "../helpers/wait.js";
import { describeBrowser, launchChromium, runAxe, seriousViolations } from "../helpers/browser.js";
import { api, newTicket } from "../helpers/console.js";
import { ADMIN, ANNA, NavigatorTeam } from "../helpers/teams-harness.js";

const GUID_TENANT = "6f1c2d3e-4a5b-4c6d-8e7f-901234567890";
const PAIRED = /^Gekoppelt: Dieses Team ist jetzt das Team der Lotsen/;
const REFUSED = /^Dieser Code gilt nicht/;

describe("the navigators' channel in pairing mode (local, unauthenticated)", () => {
  let channel: Channel;
  let lotse: Lotse;
  let token: string;
  let teamA: NavigatorTeam;
  let teamB: NavigatorTeam;
  const console = (path: string, init?: { method?: string; body?: unknown }) => api(lotse, path, token, init);
  const newCode = async () => {
    const res = await console("/teams-channel/pairing-code", { method: "POST", body: {} });
    expect(res.status).toBe(201);
    return res.body.code as string;
  };
  /** A ticket as the bot creates it; resolves once every Teams notification has run. */
  const ticket = async () => {
    const t = await lotse.app.handoff.service.create(newTicket({}, channel.url));
    await lotse.app.handoff.teams.idle();
    return (await lotse.app.handoff.service.get(t.id))!;
  };
  const audit = async () => (await lotse.app.handoff.service.listAudit({ limit: 50 })).map((e) => e.action);
  /** What Lotse posted into a team that carries a ticket's personal data (every ticket here is Erika's). */
  const leaked = (team: NavigatorTeam) => team.posts().filter((p) => /Erika Muster|erika@example\.org|Bäckerei Muster/.test(JSON.stringify(p.activity)));

  beforeAll(async () => {
    channel = await startChannel();
    lotse = await startLotse(tempDataDir(), { TICKETS_PER_CONTACT_PER_DAY: "100" });
    token = (await lotse.app.console.tokens.create("Clara Console")).token;
    teamA = new NavigatorTeam(lotse, channel, "19:lotsen-team@thread.tacv2");
    teamB = new NavigatorTeam(lotse, channel, "19:fremdes-team@thread.tacv2");
  });
  afterAll(async () => {
    await lotse?.close();
    await channel?.close();
  });

  it("a forged registration (any team installing Lotse) changes nothing and receives no ticket", async () => {
    const forged = new NavigatorTeam(lotse, channel, "19:angreifer@thread.tacv2", "tenant-anywhere");
    const res = await forged.install();
    expect(res.status).toBe(200);
    expect(res.replies).toEqual([]);
    expect((await lotse.app.handoff.channels.current())).toBeUndefined();
    expect((await console("/teams-channel")).body).toMatchObject({ mode: "pairing", team: null });

    const t = await ticket();
    expect(t.postedToTeams).toBe(false);
    expect(forged.posts()).toEqual([]);
    expect(channel.posted.filter((p) => JSON.stringify(p.activity).includes(t.name))).toEqual([]);
  });

  it("another team gets the ordinary Lotse: a question there is answered like in a personal chat", async () => {
    const res = await teamB.mention(ANNA, "Was ist eine Einstiegsqualifizierung?");
    expect(res.status).toBe(200);
    expect(JSON.stringify(res.replies)).toMatch(/Einstiegsqualifizierung/);
    expect(texts(res.replies).join(" ")).not.toMatch(/Kanal der Lotsen|neue Anfragen an die Lotsen/);
    expect((await lotse.app.handoff.channels.current())).toBeUndefined();
  });

  it("pairs team A with a code from the console; the waiting ticket and new ones go to A only", async () => {
    const before = (await lotse.app.handoff.service.list()).tickets.filter((t) => !t.postedToTeams).length;
    // The ticket from the forged registration above, which no team received.
    expect(before).toBe(1);
    const code = await newCode();
    expect(code).toMatch(/^\d{4}-\d{4}$/);
    // Only a hash is stored.
    expect(JSON.stringify(await lotse.app.db.selectFrom("navigator_pairing_codes").selectAll().execute())).not.toContain(code.replace("-", ""));
    expect((await console("/teams-channel")).body.code).toMatchObject({ state: "pending", attemptsLeft: 10, createdBy: "Clara Console" });

    await teamA.install();
    expect((await lotse.app.handoff.channels.current())).toBeUndefined();
    const paired = await teamA.typeCode(code);
    expect(texts(paired.replies)).toEqual([expect.stringMatching(PAIRED)]);
    await waitFor(() => teamA.cards().length === before, { message: "the waiting tickets' cards in team A" });

    const status = (await console("/teams-channel")).body;
    expect(status).toMatchObject({
      mode: "pairing",
      team: { teamId: teamA.teamId, teamName: "Lotsen", pairedBy: { id: `teams:${ADMIN.aadObjectId}`, name: "Admin" } },
      code: { state: "used" },
    });
    expect(JSON.stringify(status)).not.toContain(code.replace("-", ""));
    expect(await audit()).toEqual(expect.arrayContaining(["teams.pairing_code", "teams.paired"]));

    const t = await ticket();
    expect(t.postedToTeams).toBe(true);
    expect(JSON.stringify(teamA.cards().at(-1)!.activity)).toContain(`Anfrage ${t.number}`);
    expect(leaked(teamB)).toEqual([]);
  });

  it("refuses the code a second time, in team B as in team A; B's claims change nothing", async () => {
    const row = await lotse.app.db.selectFrom("navigator_pairing_codes").select("status").orderBy("id", "desc").limit(1).executeTakeFirstOrThrow();
    expect(row.status).toBe("used");
    // The code itself is not known to the test any more (only shown once); a used code is refused whatever is typed.
    const again = await teamB.typeCode("1234-5678");
    expect(texts(again.replies)).toEqual([expect.stringMatching(REFUSED)]);
    const reinstall = await teamB.install();
    expect(reinstall.replies).toEqual([]);
    expect((await lotse.app.handoff.channels.current())?.teamId).toBe(teamA.teamId);

    const t = await ticket();
    expect(t.postedToTeams).toBe(true);
    expect(leaked(teamB)).toEqual([]);
    const card = teamA.cards().at(-1)!;
    const click = await teamB.click(ANNA, card.id, { action: "ticketTake", ticketId: t.id });
    expect(texts(click.replies)).toEqual(["Diese Aktion ist nur im Kanal der Lotsen möglich."]);
    expect((await lotse.app.handoff.service.get(t.id))!.status).toBe("open");
  });

  it("refuses a reused code", async () => {
    const code = await newCode();
    const teamC = new NavigatorTeam(lotse, channel, "19:team-c@thread.tacv2");
    await teamC.install();
    expect(texts((await teamC.typeCode(code)).replies)).toEqual([expect.stringMatching(PAIRED)]);
    expect(texts((await teamB.typeCode(code)).replies)).toEqual([expect.stringMatching(REFUSED)]);
    expect((await lotse.app.handoff.channels.current())?.teamId).toBe(teamC.teamId);
    // Team A is no longer the navigators': it can no longer act.
    const t = await ticket();
    expect(JSON.stringify(teamC.cards().at(-1)!.activity)).toContain(`Anfrage ${t.number}`);
    const click = await teamA.click(ANNA, teamC.cards().at(-1)!.id, { action: "ticketTake", ticketId: t.id });
    expect(texts(click.replies)).toEqual(["Diese Aktion ist nur im Kanal der Lotsen möglich."]);
    // Back to A for the rest.
    await teamA.typeCode(await newCode());
    expect((await lotse.app.handoff.channels.current())?.teamId).toBe(teamA.teamId);
  });

  it("refuses an expired code", async () => {
    const code = await newCode();
    await lotse.app.db.updateTable("navigator_pairing_codes").set({ expires_at: new Date(Date.now() - 1000).toISOString() }).where("status", "=", "pending").execute();
    expect((await console("/teams-channel")).body.code).toMatchObject({ state: "expired" });
    expect(texts((await teamB.typeCode(code)).replies)).toEqual([expect.stringMatching(REFUSED)]);
    expect((await lotse.app.handoff.channels.current())?.teamId).toBe(teamA.teamId);
  });

  it("locks the code after 10 wrong ones: then even the right code is refused", async () => {
    const code = await newCode();
    const wrong = code === "0000-0000" ? "1111-1111" : "0000-0000";
    for (let i = 0; i < 9; i++) expect(texts((await teamB.typeCode(wrong)).replies)).toEqual([expect.stringMatching(REFUSED)]);
    expect((await console("/teams-channel")).body.code).toMatchObject({ state: "pending", attemptsLeft: 1 });
    expect(texts((await teamB.typeCode(wrong)).replies)).toEqual([expect.stringMatching(/^Zu viele falsche Versuche/)]);
    expect(texts((await teamB.typeCode(code)).replies)).toEqual([expect.stringMatching(/^Zu viele falsche Versuche/)]);
    expect((await console("/teams-channel")).body.code).toMatchObject({ state: "locked", attemptsLeft: 0 });
    expect((await lotse.app.handoff.channels.current())?.teamId).toBe(teamA.teamId);
    expect(await audit()).toContain("teams.pairing_locked");
  });

  it("answers odd pairing messages without pairing anything", async () => {
    expect(texts((await teamB.mention(ANNA, "koppeln")).replies)).toEqual([expect.stringMatching(/^Bitte schreiben Sie den Code/)]);
    for (const text of ["pair ' OR 1=1 --", `koppeln ${"9".repeat(5000)}`, "KOPPELN 12-34", "pair\u0000"]) {
      const res = await teamB.mention(ANNA, text);
      expect(res.status).toBe(200);
    }
    expect((await lotse.app.handoff.channels.current())?.teamId).toBe(teamA.teamId);
  });

  it("unpairing in the console: no channel, new tickets go nowhere, A can no longer act", async () => {
    const posted = teamA.cards().at(-1)!;
    const res = await console("/teams-channel", { method: "DELETE" });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ mode: "pairing", team: null });
    expect((await lotse.app.handoff.channels.current())).toBeUndefined();
    expect(await audit()).toContain("teams.unpaired");

    const cards = teamA.cards().length;
    const t = await ticket();
    expect(t.postedToTeams).toBe(false);
    expect(teamA.cards().length).toBe(cards);
    const click = await teamA.click(ANNA, posted.id, { action: "ticketTake", ticketId: t.id });
    expect(texts(click.replies)).toEqual(["Diese Aktion ist nur im Kanal der Lotsen möglich."]);
    expect((await console("/teams-channel", { method: "DELETE" })).status).toBe(404);
  });

  it("removing Lotse from the paired team drops the pairing and logs it", async () => {
    await teamA.typeCode(await newCode());
    expect((await lotse.app.handoff.channels.current())?.teamId).toBe(teamA.teamId);
    // A removal claimed by another team changes nothing.
    await teamB.uninstall();
    expect((await lotse.app.handoff.channels.current())?.teamId).toBe(teamA.teamId);
    await teamA.uninstall();
    expect((await lotse.app.handoff.channels.current())).toBeUndefined();
    expect((await audit())[0]).toBe("teams.removed");
    // Re-adding Lotse is not enough.
    await teamA.install();
    expect((await lotse.app.handoff.channels.current())).toBeUndefined();
  });

  it("console routes refuse empty, huge, malformed and unauthenticated requests", async () => {
    expect((await api(lotse, "/teams-channel")).status).toBe(401);
    expect((await api(lotse, "/teams-channel/pairing-code", "junk", { method: "POST", body: {} })).status).toBe(401);
    expect((await api(lotse, "/teams-channel", undefined, { method: "DELETE" })).status).toBe(401);
    for (const body of ["", "{", "[]", "0", '"x"', JSON.stringify({ code: "1234-5678" }), JSON.stringify({ teamId: "19:x@thread.tacv2" })]) {
      const res = await console("/teams-channel/pairing-code", { method: "POST", body });
      expect(res.status, body).toBe(400);
      expect(res.body, body).toMatchObject(
        body === "" ? { error: "ctp_empty_json_body" } : body === "{" ? { error: "ctp_invalid_json_body" } : { error: "bad_request", message: "the request is not valid" },
      );
    }
    const huge = await console("/teams-channel/pairing-code", { method: "POST", body: JSON.stringify({ x: "a".repeat(400_000) }) });
    expect(huge.status).toBe(413);
    expect((await console("/teams-channel?mode=configured&team=x")).body.mode).toBe("pairing");
    expect((await console("/teams-channel/../teams-channel/pairing-code", { method: "GET" })).status).toBe(404);
    expect((await lotse.app.handoff.channels.current())).toBeUndefined();
  });

  it("limits how many codes can be created", async () => {
    let status = 201;
    let last = "";
    for (let i = 0; i < 25 && status === 201; i++) {
      const res = await console("/teams-channel/pairing-code", { method: "POST" });
      ({ status, text: last } = res);
    }
    expect(status, last).toBe(429);
  });
});

describe("the navigators' channel fixed by configuration", () => {
  let channel: Channel;
  let lotse: Lotse;
  let token: string;
  let navigators: NavigatorTeam;
  let other: NavigatorTeam;

  beforeAll(async () => {
    channel = await startChannel();
    lotse = await startLotse(tempDataDir(), { NAVIGATOR_TEAM_ID: "19:lotsen-team@thread.tacv2", NAVIGATOR_TENANT_ID: GUID_TENANT, TICKETS_PER_CONTACT_PER_DAY: "100" });
    token = (await lotse.app.console.tokens.create("Clara Console")).token;
    navigators = new NavigatorTeam(lotse, channel, "19:lotsen-team@thread.tacv2", GUID_TENANT);
    other = new NavigatorTeam(lotse, channel, "19:fremdes-team@thread.tacv2", GUID_TENANT);
  });
  afterAll(async () => {
    await lotse?.close();
    await channel?.close();
  });

  it("tickets go to the configured team and nowhere else; pairing is off", async () => {
    await other.install();
    // The configured team's id from another tenant is not the configured team.
    await new NavigatorTeam(lotse, channel, navigators.teamId, "0a0a0a0a-0000-4000-8000-000000000000").install();
    expect((await lotse.app.handoff.channels.current())).toBeUndefined();

    const res = await navigators.install();
    expect(texts(res.replies).join(" ")).toMatch(/Neue Anfragen an die Lotsen erscheinen ab jetzt in diesem Kanal/);
    expect((await lotse.app.handoff.channels.current())).toMatchObject({ teamId: navigators.teamId, source: "config" });

    const t = await lotse.app.handoff.service.create(newTicket({}, channel.url));
    await lotse.app.handoff.teams.idle();
    expect((await lotse.app.handoff.service.get(t.id))!.postedToTeams).toBe(true);
    expect(navigators.cards()).toHaveLength(1);
    expect(other.posts()).toEqual([]);

    const status = await api(lotse, "/teams-channel", token);
    expect(status.body).toMatchObject({ mode: "configured", configured: { teamId: navigators.teamId, tenantId: GUID_TENANT }, team: { teamId: navigators.teamId, pairedBy: null }, code: null });
    const create = await api(lotse, "/teams-channel/pairing-code", token, { method: "POST", body: {} });
    expect(create.status).toBe(409);
    expect(create.body.error).toBe("configured");
    expect((await api(lotse, "/teams-channel", token, { method: "DELETE" })).status).toBe(409);
    expect(texts((await other.typeCode("1234-5678")).replies)).toEqual([expect.stringMatching(/fest eingestellt; Koppeln ist abgeschaltet/)]);
    expect((await lotse.app.handoff.channels.current())?.teamId).toBe(navigators.teamId);
  });

  it("the configured team acts on its cards; another team cannot", async () => {
    const card = navigators.cards().at(-1)!;
    const ticketId = (await lotse.app.handoff.service.list()).tickets[0]!.id;
    expect(texts((await other.click(ANNA, card.id, { action: "ticketTake", ticketId })).replies)).toEqual(["Diese Aktion ist nur im Kanal der Lotsen möglich."]);
    await navigators.click(ANNA, card.id, { action: "ticketTake", ticketId });
    expect((await lotse.app.handoff.service.get(ticketId))!.status).toBe("taken");
  });
});

describeBrowser("the console's Teams-Kanal section in a browser", () => {
  let browser: Browser;
  let channel: Channel;
  let lotse: Lotse;

  beforeAll(async () => {
    channel = await startChannel();
    lotse = await startLotse(tempDataDir());
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await lotse?.close();
    await channel?.close();
  });

  it("creates a code, shows the team it paired, and unpairs it", { timeout: 60_000 }, async () => {
    const token = (await lotse.app.console.tokens.create("Bernd Lotse")).token;
    const page = await (await browser.newContext({ locale: "de-DE" })).newPage();
    page.on("pageerror", (err) => {
      throw err;
    });
    await page.goto(`${lotse.url}/console`);
    await page.fill("#token-input", token);
    await page.press("#token-input", "Enter");
    await page.getByText("Angemeldet als Bernd Lotse").waitFor();
    await page.getByRole("tab", { name: "Teams-Kanal" }).click();
    await page.getByText("Noch kein Team gekoppelt").waitFor();

    await page.getByRole("button", { name: "Kopplungscode erzeugen" }).click();
    const code = (await page.locator(".pairing-code strong").textContent())!;
    expect(code).toMatch(/^\d{4}-\d{4}$/);
    await page.getByText(`@Lotse koppeln ${code}`).waitFor();
    expect(seriousViolations(await runAxe(page, "teams-channel", "#view-teams"))).toEqual([]);

    const team = new NavigatorTeam(lotse, channel);
    await team.install();
    expect(texts((await team.typeCode(code)).replies)).toEqual([expect.stringMatching(PAIRED)]);
    await page.getByRole("tab", { name: "Protokoll" }).click();
    await page.locator("#audit-rows tr", { hasText: "Teams: Team gekoppelt" }).waitFor();
    await page.getByRole("tab", { name: "Teams-Kanal" }).click();
    await page.locator("#teams-channel-body dd", { hasText: "Lotsen" }).waitFor();
    await page.locator("#teams-channel-body dd", { hasText: "Admin" }).waitFor();
    // The code is shown once: not after leaving the view.
    expect(await page.locator(".pairing-code").count()).toBe(0);

    page.once("dialog", (dialog) => void dialog.accept());
    await page.getByRole("button", { name: "Entkoppeln" }).click();
    await page.getByText("Noch kein Team gekoppelt").waitFor();
    expect((await lotse.app.handoff.channels.current())).toBeUndefined();
  });
});
