import { afterEach, expect, it } from "vitest";
import { ApiTokenStore, TokenError } from "../../src/auth/api-tokens.js";
import { AuthError } from "../../src/auth/navigator.js";
import type { LotseDatabase } from "../../src/storage/database.js";
import { describeEachEngine, openTestDatabase } from "../helpers/database.js";

const open: LotseDatabase[] = [];
afterEach(async () => {
  for (const database of open.splice(0)) await database.close();
});

describeEachEngine("ApiTokenStore", (engine) => {
  let now = new Date("2026-03-02T09:00:00.000Z");
  const store = async () => {
    now = new Date("2026-03-02T09:00:00.000Z");
    const database = await openTestDatabase(engine);
    open.push(database);
    return { db: database.db, tokens: new ApiTokenStore(database.db, () => now) };
  };
  const reason = async (p: Promise<unknown>) => {
    try {
      await p;
    } catch (err) {
      if (err instanceof AuthError) return err.reason;
      throw err;
    }
    return "accepted";
  };

  it("keeps only a hash of the token", async () => {
    const { db, tokens } = await store();
    const { token, info } = await tokens.create("Anna");
    expect(token).toMatch(/^lotse_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    const rows = await db.selectFrom("navigator_tokens").selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.id).toBe(info.id);
    expect(rows[0]!.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(rows[0])).not.toContain(token.slice(19));
  });

  it("refuses a second active token with the same name, and allows it after revoking", async () => {
    const { tokens } = await store();
    await tokens.create("Anna");
    await expect(tokens.create("Anna")).rejects.toThrow(TokenError);
    await expect(tokens.create("Anna")).rejects.toMatchObject({ code: "name_taken", status: 409 });
    await tokens.revoke("Anna");
    expect((await tokens.create("Anna")).info.name).toBe("Anna");
    expect(await tokens.list()).toHaveLength(1);
    expect(await tokens.list({ includeRevoked: true })).toHaveLength(2);
  });

  it("revokes by id and says when nothing matches", async () => {
    const { tokens } = await store();
    const { info } = await tokens.create("Anna");
    expect(await tokens.revoke(info.id)).toMatchObject({ name: "Anna", revokedAt: "2026-03-02T09:00:00.000Z" });
    await expect(tokens.revoke(info.id)).rejects.toThrow(/no active token with the name or id/);
    await expect(tokens.revoke("Niemand")).rejects.toMatchObject({ code: "not_found", status: 404 });
  });

  it("lists the oldest first", async () => {
    const { tokens } = await store();
    await tokens.create("Bernd");
    now = new Date("2026-03-02T10:00:00.000Z");
    await tokens.create("Anna");
    expect((await tokens.list()).map((t) => t.name)).toEqual(["Bernd", "Anna"]);
  });

  it("accepts a token until it is revoked, and refuses a wrong secret or an unknown id", async () => {
    const { tokens } = await store();
    const { token, info } = await tokens.create("Anna");
    await expect(tokens.verify(token)).resolves.toEqual({ id: `token:${info.id}`, name: "Anna", via: "token" });
    const wrongSecret = token.slice(0, -4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
    expect(await reason(tokens.verify(wrongSecret))).toBe("wrong_api_token_secret");
    expect(await reason(tokens.verify(`lotse_000000000000_${"A".repeat(43)}`))).toBe("unknown_api_token");
    await tokens.revoke("Anna");
    expect(await reason(tokens.verify(token))).toBe("revoked_api_token");
  });

  it("records when a token was last used, at most once a minute", async () => {
    const { tokens } = await store();
    const { token } = await tokens.create("Anna");
    expect((await tokens.list())[0]!.lastUsedAt).toBeNull();
    await tokens.verify(token);
    expect((await tokens.list())[0]!.lastUsedAt).toBe("2026-03-02T09:00:00.000Z");
    now = new Date("2026-03-02T09:00:30.000Z");
    await tokens.verify(token);
    expect((await tokens.list())[0]!.lastUsedAt).toBe("2026-03-02T09:00:00.000Z");
    now = new Date("2026-03-02T09:05:00.000Z");
    await tokens.verify(token);
    expect((await tokens.list())[0]!.lastUsedAt).toBe("2026-03-02T09:05:00.000Z");
  });

  it("rejects names the audit log could not show plainly, and stores nothing", async () => {
    const { tokens } = await store();
    for (const name of ["", "   ", "=cmd", "a".repeat(65), "-x"]) await expect(tokens.create(name), JSON.stringify(name)).rejects.toThrow();
    expect(await tokens.list({ includeRevoked: true })).toEqual([]);
  });
});
