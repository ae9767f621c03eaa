/** `npm run navigator -- token …` as an administrator uses it, and the token against the running API. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLotse, tempDataDir, type Lotse } from "../helpers/bot-harness.js";
import { api } from "../helpers/console.js";
import { main } from "../../scripts/navigator.js";
import { ApiTokenStore } from "../../src/auth/api-tokens.js";
import { openDatabase } from "../../src/storage/database.js";
import { createPostgresDatabase, postgresAvailable } from "../helpers/database.js";
import { runMain, runScript } from "../helpers/run.js";

const dataDir = tempDataDir();
const navigator = (...args: string[]) => runMain(main, args, { DATA_DIR: dataDir });
let lotse: Lotse;

beforeAll(async () => {
  lotse = await startLotse(dataDir);
});
afterAll(async () => {
  await lotse.close();
});

describe("npm run navigator -- token", () => {
  let token: string;

  it("create prints a new token once, which then opens the console API (as a process: the token alone on stdout)", async () => {
    const res = await runScript("navigator.ts", ["token", "create", "Anna Lotsin"], { DATA_DIR: dataDir });
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/^lotse_[0-9a-f]{12}_[A-Za-z0-9_-]{43}\n$/);
    token = res.stdout.trim();
    expect(res.stderr).toMatch(/token "Anna Lotsin" \(id [0-9a-f]{12}\) created; it is shown only now/);
    const me = await api(lotse, "/me", token);
    expect(me.status).toBe(200);
    expect(me.body.navigator).toMatchObject({ name: "Anna Lotsin", via: "token" });
    expect((await api(lotse, "/tickets", token)).status).toBe(200);
  });

  it("create refuses a name that is in use", async () => {
    const res = await navigator("token", "create", "Anna Lotsin");
    expect(res.code).toBe(1);
    expect(res.stderr).toBe('navigator: a token named "Anna Lotsin" exists already; revoke it first or choose another name\n');
    expect(res.stdout).toBe("");
  });

  it("list shows the token without its secret", async () => {
    const res = await navigator("token", "list");
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/^ID\s+NAME\s+CREATED\s+LAST USED\s+REVOKED\n[0-9a-f]{12}\s+Anna Lotsin\s+\S+\s+\S+\s+-\n$/);
    expect(res.stdout).not.toContain(token.slice(19));
    const json = JSON.parse((await navigator("token", "list", "--json")).stdout);
    expect(json).toEqual([expect.objectContaining({ name: "Anna Lotsin", revokedAt: null, lastUsedAt: expect.any(String) })]);
  });

  it("revoke by name shuts the token out of the API", async () => {
    const res = await navigator("token", "revoke", "Anna Lotsin");
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/^token "Anna Lotsin" \(id [0-9a-f]{12}\) revoked\n$/);
    expect((await api(lotse, "/me", token)).status).toBe(401);
    expect((await navigator("token", "list")).stdout).toBe("no tokens\n");
    expect(JSON.parse((await navigator("token", "list", "--all", "--json")).stdout)).toHaveLength(1);
  });

  it("revoke by id works too, and says when nothing matches", async () => {
    const created = await navigator("token", "create", "Bernd");
    const id = /id ([0-9a-f]{12})/.exec(created.stderr)![1]!;
    expect((await navigator("token", "revoke", id)).code).toBe(0);
    const again = await navigator("token", "revoke", id);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`no active token with the name or id "${id}"`);
  });

  it.each([
    [[], "no command given"],
    [["token"], "token needs an action: create, list or revoke"],
    [["token", "delete", "x"], 'unknown action "delete" (create, list or revoke)'],
    [["user", "create", "x"], 'unknown command "user"'],
    [["token", "create"], "give the token a NAME"],
    [["token", "create", "=HYPERLINK()"], "must start with a letter or digit"],
    [["token", "create", "a".repeat(65)], "at most 64 characters"],
    [["token", "create", "Anna", "Lotsin"], "too many arguments: Anna Lotsin (quote a name with spaces)"],
    [["token", "list", "extra"], "token list takes no arguments"],
    [["token", "create", "x", "--json"], "--all and --json belong to token list"],
    [["token", "revoke"], "give the name or id of the token to revoke"],
    [["token", "list", "--bogus"], "Unknown option '--bogus'"],
  ])("rejects %j with exit code 2 and the usage", async (args, message) => {
    const res = await navigator(...args);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/^navigator: /);
    expect(res.stderr.split("\n")[0]).toContain(message);
    expect(res.stderr).toContain("\n\nusage: npm run navigator -- token create NAME");
    expect(res.stdout).toBe("");
  });

  it("stops with exit code 2 on a configuration the server would refuse", async () => {
    const res = await runMain(main, ["token", "list"], { DATA_DIR: dataDir, RETENTION_DAYS: "forever" });
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/^navigator: invalid configuration:\n {2}RETENTION_DAYS: /);
    expect(res.stdout).toBe("");
  });

  it("--help and -h print the usage and succeed, also after a command", async () => {
    for (const args of [["--help"], ["-h"], ["token", "create", "-h"]]) {
      const res = await navigator(...args);
      expect(res.code, args.join(" ")).toBe(0);
      expect(res.stdout).toMatch(/^usage: npm run navigator -- token create NAME/);
      expect(res.stdout).toContain("token revoke NAME|ID");
      expect(res.stderr).toBe("");
    }
  });
});

describe.runIf(postgresAvailable())("npm run navigator -- token, with DATABASE_URL", () => {
  let url: string;
  let drop: () => Promise<void>;
  const onPostgres = (...args: string[]) => runMain(main, args, { DATA_DIR: tempDataDir(), DATABASE_URL: url });

  beforeAll(async () => {
    ({ url, drop } = await createPostgresDatabase());
  });
  afterAll(async () => {
    await drop?.();
  });

  it("creates, lists and revokes tokens in PostgreSQL, where every node's console checks them", async () => {
    const created = await onPostgres("token", "create", "Anna Lotsin");
    expect(created.code).toBe(0);
    const token = created.stdout.trim();
    const database = await openDatabase({ dataDir: ":memory:", databaseUrl: url });
    try {
      // Another node's view of the same database accepts the token.
      await expect(new ApiTokenStore(database.db).verify(token)).resolves.toMatchObject({ name: "Anna Lotsin", via: "token" });
    } finally {
      await database.close();
    }
    expect(JSON.parse((await onPostgres("token", "list", "--json")).stdout)).toEqual([expect.objectContaining({ name: "Anna Lotsin", revokedAt: null })]);
    expect((await onPostgres("token", "revoke", "Anna Lotsin")).code).toBe(0);
    expect((await onPostgres("token", "list")).stdout).toBe("no tokens\n");
  });

  it("says so, without a stack trace, when the database cannot be reached", async () => {
    const res = await runMain(main, ["token", "list"], { DATA_DIR: tempDataDir(), DATABASE_URL: "postgres://nobody:secret@127.0.0.1:1/lotse" });
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/^navigator: storage: cannot prepare PostgreSQL at postgres:\/\/nobody:\*\*\*@127\.0\.0\.1:1\/lotse/);
    expect(res.stderr).not.toContain("secret");
    expect(res.stderr).not.toMatch(/\n\s+at /);
  });
});
