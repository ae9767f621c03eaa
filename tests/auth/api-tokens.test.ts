import { describe, expect, it } from "vitest";
import { ApiTokenStore, TokenError } from "../../src/auth/api-tokens.js";
import { openDatabase } from "../../src/storage/database.js";

const store = () => {
  const db = openDatabase({ dataDir: ":memory:" });
  return { db, tokens: new ApiTokenStore(db, () => new Date("2026-03-02T09:00:00.000Z")) };
};

describe("ApiTokenStore", () => {
  it("keeps only a hash of the token", () => {
    const { db, tokens } = store();
    const { token, info } = tokens.create("Anna");
    expect(token).toMatch(/^lotse_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    const row = db.prepare("SELECT * FROM navigator_tokens").get() as Record<string, string>;
    expect(row.id).toBe(info.id);
    expect(row.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(token.slice(19));
  });

  it("refuses a second active token with the same name, and allows it after revoking", () => {
    const { tokens } = store();
    tokens.create("Anna");
    expect(() => tokens.create("Anna")).toThrow(TokenError);
    tokens.revoke("Anna");
    expect(tokens.create("Anna").info.name).toBe("Anna");
    expect(tokens.list()).toHaveLength(1);
    expect(tokens.list({ includeRevoked: true })).toHaveLength(2);
  });

  it("revokes by id and says when nothing matches", () => {
    const { tokens } = store();
    const { info } = tokens.create("Anna");
    expect(tokens.revoke(info.id)).toMatchObject({ name: "Anna", revokedAt: "2026-03-02T09:00:00.000Z" });
    expect(() => tokens.revoke(info.id)).toThrow(/no active token with the name or id/);
  });

  it("records when a token was last used", () => {
    const { tokens } = store();
    const { token } = tokens.create("Anna");
    tokens.verify(token);
    expect(tokens.list()[0]!.lastUsedAt).toBe("2026-03-02T09:00:00.000Z");
  });

  it.each(["", "   ", "=cmd", "a".repeat(65), "-x"])("rejects the name %j", (name) => {
    const { tokens } = store();
    expect(() => tokens.create(name)).toThrow();
  });
});
