/**
 * Only navigators get into the console: over real HTTP, a valid Entra ID sign-in without the
 * configured app role or group is turned away with 403 (the sign-in worked; an administrator
 * has to grant access), and the log says why.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLotseWithLog, tempDataDir, type Lotse } from "../helpers/bot-harness.js";
import { api } from "../helpers/console.js";
import { NAVIGATOR_GROUP, NAVIGATOR_ROLE, startFakeEntra, type FakeEntra } from "../helpers/fake-entra.js";

type LoggedLotse = Lotse & { log(): string };

let entra: FakeEntra;
/** Requires the app role (the fixture's default configuration). */
let byRole: LoggedLotse;
/** Requires membership of the navigators' group. */
let byGroup: LoggedLotse;
/** Lets every user of the tenant in, because the operator said so. */
let everyone: LoggedLotse;

const OTHER_GROUP = "11111111-1111-4111-8111-111111111111";

beforeAll(async () => {
  entra = await startFakeEntra();
  const { ENTRA_NAVIGATOR_ROLE: _role, ...withoutRole } = entra.env;
  [byRole, byGroup, everyone] = await Promise.all([
    startLotseWithLog(tempDataDir(), entra.env),
    startLotseWithLog(tempDataDir(), { ...withoutRole, ENTRA_NAVIGATOR_GROUP: NAVIGATOR_GROUP }),
    startLotseWithLog(tempDataDir(), { ...withoutRole, ENTRA_ALLOW_ALL_TENANT_USERS: "true" }),
  ]);
});
afterAll(async () => {
  await Promise.all([byRole?.close(), byGroup?.close(), everyone?.close()]);
  await entra?.close();
});

/** The log lines a refused request left, parsed. */
function refusals(lotse: LoggedLotse): Array<Record<string, unknown>> {
  return lotse
    .log()
    .split("\n")
    .filter((l) => l.includes("console.not_a_navigator"))
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe("a deployment that requires the navigator app role", () => {
  it("lets a navigator with the role in", async () => {
    const res = await api(byRole, "/me", await entra.sign({ roles: ["Lotse.Reader", NAVIGATOR_ROLE] }));
    expect(res.status).toBe(200);
    expect(res.body.navigator).toMatchObject({ name: "Anna Lotsin", via: "entra" });
  });

  it("turns a signed-in colleague without the role away with 403 on every route, and logs why", async () => {
    const colleague = await entra.sign({ roles: undefined, oid: "6b6b6b6b-0000-4000-8000-000000000002", name: "Carl Kollege" });
    for (const [path, body] of [["/me", undefined], ["/tickets", undefined], ["/tickets/1/take", {}], ["/unanswered.csv", undefined], ["/audit", undefined]] as const) {
      const res = await api(byRole, path, colleague, { body });
      expect(res.status, path).toBe(403);
      expect(res.body).toEqual({ error: "not_a_navigator", message: expect.stringMatching(/not as a navigator/) });
    }
    expect(refusals(byRole)).toContainEqual(
      expect.objectContaining({ reason: "missing_role", navigator: "entra:6b6b6b6b-0000-4000-8000-000000000002", code: "console.not_a_navigator" }),
    );
    // Nothing the colleague did reached the audit log.
    expect(await byRole.app.handoff.service.listAudit()).toEqual([]);
  });

  it.each<[string, Record<string, unknown>]>([
    ["another app role", { roles: ["Lotse.Reader"] }],
    ["an empty roles claim", { roles: [] }],
    ["the role as a string, not a list", { roles: NAVIGATOR_ROLE }],
    ["the role in other letter case", { roles: [NAVIGATOR_ROLE.toUpperCase()] }],
    ["a group instead of the role", { roles: undefined, groups: [NAVIGATOR_GROUP] }],
  ])("refuses a token with %s (403)", async (_name, claims) => {
    const res = await api(byRole, "/me", await entra.sign(claims));
    expect(res.status).toBe(403);
    expect(res.body.error).toBe("not_a_navigator");
  });

  it("still answers 401 for a forged token without the role: the sign-in itself failed", async () => {
    const res = await api(byRole, "/me", await entra.sign({ roles: undefined }, { forged: true }));
    expect(res.status).toBe(401);
    expect(res.body.error).toBe("unauthorized");
  });

  it("keeps accepting personal API tokens", async () => {
    const { token } = await byRole.app.console.tokens.create("Bernd");
    const res = await api(byRole, "/me", token);
    expect(res.status).toBe(200);
    expect(res.body.navigator).toMatchObject({ name: "Bernd", via: "token" });
  });
});

describe("a deployment that requires the navigators' group", () => {
  it("lets a member of the group in", async () => {
    const res = await api(byGroup, "/me", await entra.sign({ roles: undefined, groups: [OTHER_GROUP, NAVIGATOR_GROUP] }));
    expect(res.status).toBe(200);
  });

  it("turns a member of another group away with 403 and logs why", async () => {
    const res = await api(byGroup, "/me", await entra.sign({ roles: undefined, groups: [OTHER_GROUP], oid: "7c7c7c7c-0000-4000-8000-000000000003" }));
    expect(res.status).toBe(403);
    expect(res.body.error).toBe("not_a_navigator");
    expect(refusals(byGroup)).toContainEqual(expect.objectContaining({ reason: "missing_group", navigator: "entra:7c7c7c7c-0000-4000-8000-000000000003" }));
  });

  it("does not let the app role stand in for the group it was not configured for", async () => {
    expect((await api(byGroup, "/me", await entra.sign({ roles: [NAVIGATOR_ROLE] }))).status).toBe(403);
  });

  it("tells the administrator to use an app role when the token cannot list the groups (overage)", async () => {
    const overage = await entra.sign({
      roles: undefined,
      _claim_names: { groups: "src1" },
      _claim_sources: { src1: { endpoint: "https://graph.microsoft.com/v1.0/users/x/getMemberObjects" } },
    });
    const res = await api(byGroup, "/me", overage);
    expect(res.status).toBe(403);
    expect(res.body).toEqual({ error: "not_a_navigator", message: expect.stringMatching(/too many groups.*app role \(ENTRA_NAVIGATOR_ROLE\)/) });
    expect(refusals(byGroup)).toContainEqual(expect.objectContaining({ reason: "groups_overage" }));
  });
});

describe("a deployment that lets every user of the tenant in (ENTRA_ALLOW_ALL_TENANT_USERS=true)", () => {
  it("accepts a valid sign-in without role or group", async () => {
    expect((await api(everyone, "/me", await entra.sign({ roles: undefined }))).status).toBe(200);
  });

  it("says so in the start-up log", () => {
    expect(everyone.log()).toMatch(/every user of the tenant/);
    expect(byRole.log()).toMatch(/for navigators \(app role \/ group\)/);
  });
});
