/**
 * `npm run db:backup` and `npm run db:restore` on both engines: a backup taken while Lotse has the
 * database open, changes after it, and a restore that brings back exactly the rows of the backup —
 * refused while Lotse still runs, and refused for a backup that is damaged or too new.
 */
import { SQLITE_MIGRATIONS } from "../../src/storage/migrations/sqlite.js";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { main as backup } from "../../scripts/db-backup.js";
import { main as restore } from "../../scripts/db-restore.js";
import { openDatabase, type Engine, type LotseDatabase } from "../../src/storage/database.js";
import { libpqConnection } from "../../src/storage/maintenance.js";
import { createPostgresDatabase, describeEachEngine, postgresAvailable } from "../helpers/database.js";
import { runMain, runScript } from "../helpers/run.js";
import { tempDir } from "../helpers/temp.js";
import { readAll, seedEveryTable, ticketRow } from "./db-fixtures.js";

const KEY = "c2lnbmluZy1rZXktb2YtdGhpcy1ub2RlLWZvci10ZXN0cw";
const APP_ID = "0f8fad5b-d9cb-469f-a165-70867728950e";

/** A Lotse data directory on the engine, with the files beside the database that a restore needs. */
async function deployment(engine: Engine) {
  const dataDir = tempDir("db-backup");
  writeFileSync(path.join(dataDir, "directline-signing.key"), KEY, { mode: 0o600 });
  writeFileSync(path.join(dataDir, "teams-app-id"), `${APP_ID}\n`);
  const pg = engine === "postgres" ? await createPostgresDatabase() : undefined;
  const env = { DATA_DIR: dataDir, ...(pg ? { DATABASE_URL: pg.url } : {}) };
  const open = () => openDatabase({ dataDir, databaseUrl: pg?.url, poolSize: 2 });
  return { dataDir, env, open, drop: async () => pg?.drop() };
}

const opened: LotseDatabase[] = [];
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const database of opened.splice(0)) await database.close().catch(() => {});
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function track(database: Promise<LotseDatabase>): Promise<LotseDatabase> {
  const d = await database;
  opened.push(d);
  return d;
}

describeEachEngine("db:backup and db:restore", (engine) => {
  it("backs up while Lotse has the database open; a restore is refused until it stops, then brings back exactly the backed-up rows and files", async () => {
    const site = await deployment(engine);
    cleanups.push(site.drop);
    const running = await track(site.open());
    await seedEveryTable(running.db);
    const atBackup = await readAll(running.db);

    const out = path.join(tempDir("db-backups"), "nightly");
    const made = await runMain(backup, ["--out", out], site.env);
    expect(made.stderr).toMatch(new RegExp(`^db:backup: ${engine}, schema version ${SQLITE_MIGRATIONS.length} → ${out} \\(`));
    expect(made.code).toBe(0);
    expect(made.stdout).toMatch(/^table +rows\n/);
    expect(made.stdout).toMatch(/^tickets +2$/m);
    expect(made.stdout).toMatch(/^directline_activities +2$/m);
    const dbFile = engine === "sqlite" ? "lotse.db" : "lotse.pgdump";
    expect(readdirSync(out).sort()).toEqual(["backup.json", "directline-signing.key", dbFile, "teams-app-id"].sort());
    expect(statSync(out).mode & 0o777).toBe(0o700);
    for (const file of readdirSync(out)) expect(statSync(path.join(out, file)).mode & 0o777, file).toBe(0o600);
    const manifest = JSON.parse(readFileSync(path.join(out, "backup.json"), "utf8"));
    expect(manifest).toMatchObject({ engine, schemaVersion: SQLITE_MIGRATIONS.length, database: dbFile, stateFiles: ["directline-signing.key", "teams-app-id"] });
    expect(manifest.rows).toMatchObject({ tickets: 2, ticket_messages: 2, bot_state: 2, navigator_pairing_codes: 1 });

    // Life goes on after the backup: a new ticket, a lost vote, a changed key file.
    await running.db.insertInto("tickets").values(ticketRow("Nach Backup", 50)).execute();
    await running.db.deleteFrom("feedback").execute();
    await running.db.updateTable("bot_state").set({ data: "{}" }).execute();
    writeFileSync(path.join(site.dataDir, "directline-signing.key"), "another-key-written-after-the-backup-0000");
    const changed = await readAll(running.db);
    expect(changed).not.toEqual(atBackup);

    const refused = await runMain(restore, ["--from", out], site.env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(engine === "sqlite" ? /lotse\.db is in use: Lotse .* is running/ : /other session\(s\) are connected to .*: stop every Lotse node/);
    expect(refused.stdout).toBe("");
    expect(await readAll(running.db)).toEqual(changed);

    await running.close();
    opened.splice(opened.indexOf(running), 1);
    const restored = await runMain(restore, ["--from", out], site.env);
    expect(restored.stderr).toContain("restored from");
    expect(restored.code).toBe(0);
    expect(restored.stdout).toMatch(/^tickets +2$/m);
    expect(readFileSync(path.join(site.dataDir, "directline-signing.key"), "utf8")).toBe(KEY);
    expect(readFileSync(path.join(site.dataDir, "teams-app-id"), "utf8")).toBe(`${APP_ID}\n`);

    const after = await track(site.open());
    expect(await readAll(after.db)).toEqual(atBackup);
    // The ids go on after the highest one given before the backup (3, deleted), none is reused.
    const next = await after.db.insertInto("tickets").values(ticketRow("Nach Restore", 55)).returning("id").executeTakeFirstOrThrow();
    expect(next.id).toBe(4);
    if (engine === "sqlite") expect(readdirSync(site.dataDir).some((f) => f.startsWith("lotse.db.before-restore-"))).toBe(true);
  });
});

describe("db:backup under load", () => {
  it("finishes while Lotse writes all the time (SQLite), with one consistent state", async () => {
    const site = await deployment("sqlite");
    const running = await track(site.open());
    const handle = running.sqlite!;
    const insert = handle.prepare("INSERT INTO unanswered (created_at, question, language, audience, candidates, channel) VALUES (?, ?, 'de', NULL, '[]', 'webchat')");
    // About 10 MB, so that the copy takes many of SQLite's default steps.
    handle.transaction(() => {
      for (let i = 0; i < 20_000; i++) insert.run(new Date().toISOString(), `Frage ${i} ${"x".repeat(500)}`);
    })();
    let written = 0;
    const writer = setInterval(() => {
      insert.run(new Date().toISOString(), "noch eine Frage");
      written++;
    }, 1);
    try {
      const out = path.join(tempDir("db-backups"), "busy");
      const made = await runMain(backup, ["--out", out], site.env);
      expect(made.code).toBe(0);
      const rows = JSON.parse(readFileSync(path.join(out, "backup.json"), "utf8")).rows.unanswered;
      expect(rows).toBeGreaterThanOrEqual(20_000);
      expect(rows).toBeLessThanOrEqual(20_000 + written);
      const copy = new Database(path.join(out, "lotse.db"), { readonly: true });
      expect(copy.pragma("integrity_check", { simple: true })).toBe("ok");
      copy.close();
    } finally {
      clearInterval(writer);
    }
    expect(written).toBeGreaterThan(0);
  });
});

describe("db:backup and db:restore refuse what would lose data", () => {
  async function sqliteWithBackup() {
    const site = await deployment("sqlite");
    const database = await site.open();
    await seedEveryTable(database.db);
    const before = await readAll(database.db);
    await database.close();
    const out = path.join(tempDir("db-backups"), "b");
    expect((await runMain(backup, ["--out", out], site.env)).code).toBe(0);
    return { site, out, before };
  }

  async function unchanged(site: Awaited<ReturnType<typeof deployment>>, before: Awaited<ReturnType<typeof readAll>>) {
    const database = await track(site.open());
    expect(await readAll(database.db)).toEqual(before);
  }

  it("a backup of a newer Lotse's schema: refused, the database stays", async () => {
    const { site, out, before } = await sqliteWithBackup();
    const file = new Database(path.join(out, "lotse.db"));
    file.pragma("user_version = 99");
    file.close();
    const r = await runMain(restore, ["--from", out], site.env);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`lotse\\.db has schema version 99, newer than this Lotse \\(${SQLITE_MIGRATIONS.length}\\)`));
    await unchanged(site, before);
  });

  it("a damaged backup file: refused by the integrity check, the database stays", async () => {
    const { site, out, before } = await sqliteWithBackup();
    const file = path.join(out, "lotse.db");
    const bytes = readFileSync(file);
    bytes.fill(0xa5, 4096, bytes.length - 4096);
    writeFileSync(file, bytes);
    const r = await runMain(restore, ["--from", out], site.env);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/lotse\.db (is damaged|cannot be read as a SQLite database)/);
    await unchanged(site, before);
  });

  it("a backup whose rows do not match its backup.json: refused (the two are not from one backup)", async () => {
    const { site, out, before } = await sqliteWithBackup();
    const manifestFile = path.join(out, "backup.json");
    const manifest = JSON.parse(readFileSync(manifestFile, "utf8"));
    writeFileSync(manifestFile, JSON.stringify({ ...manifest, rows: { ...manifest.rows, tickets: 7 } }));
    const r = await runMain(restore, ["--from", out], site.env);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("does not hold the rows backup.json lists: tickets 2 instead of 7");
    await unchanged(site, before);
  });

  it("a directory that is no backup, a SQLite backup with DATABASE_URL set: refused with the reason", async () => {
    const { site, out } = await sqliteWithBackup();
    const empty = tempDir("not-a-backup");
    expect(await runMain(restore, ["--from", empty], site.env)).toMatchObject({ code: 1, stderr: expect.stringContaining("has no backup.json: not a backup made by npm run db:backup") });
    const r = await runMain(restore, ["--from", out], { ...site.env, DATABASE_URL: "postgres://lotse@127.0.0.1:1/lotse" });
    expect(r).toMatchObject({ code: 1, stderr: expect.stringContaining("is a SQLite backup, but DATABASE_URL is set") });
  });

  it("backup: no database, or a directory that is not empty: exit code 1, nothing left behind", async () => {
    const dataDir = tempDir("no-db");
    const out = path.join(tempDir("db-backups"), "x");
    const none = await runMain(backup, ["--out", out], { DATA_DIR: dataDir });
    expect(none).toMatchObject({ code: 1, stdout: "", stderr: expect.stringContaining("there is no database at") });
    expect(existsSync(out)).toBe(false);
    expect(existsSync(path.join(dataDir, "lotse.db"))).toBe(false);

    const { site } = await sqliteWithBackup();
    const used = tempDir("used");
    writeFileSync(path.join(used, "old"), "x");
    expect(await runMain(backup, ["--out", used], site.env)).toMatchObject({ code: 1, stderr: expect.stringContaining("is not empty") });
    expect(await runMain(backup, [], site.env)).toMatchObject({ code: 2, stderr: expect.stringMatching(/^db:backup: --out: is required/) });
  });

  it.skipIf(!postgresAvailable())("PostgreSQL without pg_dump on PATH: a clear failure, the half-written backup removed", async () => {
    const site = await deployment("postgres");
    cleanups.push(site.drop);
    await (await site.open()).close();
    const out = path.join(tempDir("db-backups"), "pg");
    const path0 = process.env.PATH;
    const bare = tempDir("bare-path");
    mkdirSync(bare, { recursive: true });
    process.env.PATH = bare;
    try {
      const r = await runMain(backup, ["--out", out], site.env);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/^db:backup: pg_dump is not installed \(not on PATH\)/);
    } finally {
      process.env.PATH = path0;
    }
    expect(existsSync(out)).toBe(false);
  });

  it("as a process: the rows per table alone on stdout, exit code 0", async () => {
    const site = await deployment("sqlite");
    await (await site.open()).close();
    const out = path.join(tempDir("db-backups"), "p");
    const r = await runScript("db-backup.ts", ["--out", out], site.env);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^table +rows\nbot_state +0\n/);
    expect(r.stdout).not.toContain(out);
    expect(r.stderr).toContain(`→ ${out}`);
  });

  it("hands pg_dump and pg_restore the URL without its password (which goes to PGPASSWORD, not the process list)", () => {
    expect(libpqConnection("postgres://lotse:p%40ss%3Aw0rd@db.example.org:5432/lotse?sslmode=verify-full")).toEqual({
      dbname: "postgres://lotse@db.example.org:5432/lotse?sslmode=verify-full",
      password: "p@ss:w0rd",
    });
    expect(libpqConnection("postgresql://lotse@db/lotse")).toEqual({ dbname: "postgresql://lotse@db/lotse" });
  });
});
