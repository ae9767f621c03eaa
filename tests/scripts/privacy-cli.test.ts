import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { main } from "../../scripts/privacy.js";
import { ActivityLog } from "../../src/directline/activity-log.js";
import { TicketStore } from "../../src/handoff/ticket-store.js";
import { openDatabase, type Engine, type LotseDatabase } from "../../src/storage/database.js";
import { newTicket } from "../handoff/fixtures.js";
import { describeEachEngine, migratedPostgresDatabase } from "../helpers/database.js";
import { runMain, runScript } from "../helpers/run.js";
import { tempDir } from "../helpers/temp.js";

/**
 * The CLI against a database of its own: SQLite in DATA_DIR, or PostgreSQL through DATABASE_URL
 * (the same setting the server reads).
 */
function cliDatabase(engine: Engine) {
  let env: Record<string, string> = {};
  let release: (() => void) | undefined;
  beforeEach(async () => {
    env = { DATA_DIR: tempDir("privacy") };
    if (engine === "postgres") {
      const created = await migratedPostgresDatabase();
      env.DATABASE_URL = created.url;
      release = created.release;
    }
  });
  afterEach(async () => {
    release?.();
    release = undefined;
  });
  return {
    env: () => env,
    privacy: (args: string[]) => runMain(main, args, env),
    open: (): Promise<LotseDatabase> => openDatabase({ dataDir: env.DATA_DIR!, databaseUrl: env.DATABASE_URL, poolSize: 2 }),
  };
}

async function withDatabase<T>(open: () => Promise<LotseDatabase>, work: (database: LotseDatabase) => Promise<T>): Promise<T> {
  const database = await open();
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}

function seed(open: () => Promise<LotseDatabase>) {
  return withDatabase(open, async ({ db }) => {
    const store = new TicketStore(db);
    const a = await store.create(newTicket({ contact: { kind: "phone", value: "+492021234567" } }));
    await store.addMessage(a.id, { author: "user", text: "Bitte rufen Sie mich an." });
    const b = await store.create(newTicket({ name: "Someone Else", contact: { kind: "email", value: "else@example.org" } }));
    await db
      .insertInto("bot_state")
      .values({
        key: "webchat/conversations/c9",
        etag: "1",
        data: JSON.stringify({ conversation: { handoff: { step: "question", contact: { kind: "phone", value: "+492021234567" } } } }),
        updated_at: new Date().toISOString(),
      })
      .execute();
    return { a, b };
  });
}

const ticketNames = (open: () => Promise<LotseDatabase>) =>
  withDatabase(open, async ({ db }) => (await new TicketStore(db).list()).tickets.map((t) => t.name));

describeEachEngine("privacy CLI", (engine) => {
  const { env, privacy, open } = cliDatabase(engine);

  it("exports everything stored for a phone number, however it is written (Art. 15; as a process: the JSON alone on stdout)", async () => {
    const { a } = await seed(open);
    const r = await runScript("privacy.ts", ["export", "--contact", "0202 / 123 45 67"], env());
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({ request: "Auskunft nach Art. 15 DSGVO", contact: { kind: "phone", value: "+492021234567" } });
    expect(report.tickets).toHaveLength(1);
    expect(report.tickets[0]).toMatchObject({ id: a.id, number: a.number, name: "Erika Muster", conversationReference: { user: { name: "Erika" } } });
    expect(report.tickets[0].messages.map((m: { text: string }) => m.text)).toEqual([
      "Darf ich jemanden mit Duldung einstellen?",
      "Arbeiten mit Duldung",
      "Bitte rufen Sie mich an.",
    ]);
    expect(report.conversations).toHaveLength(1);
    expect(r.stdout).not.toContain("else@example.org");
  });

  it("erases the tickets, transcripts and chat state of a contact and nothing else (Art. 17)", async () => {
    await seed(open);
    const r = await privacy(["erase", "--contact", "+49 202 1234567"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ erased: { tickets: [1], conversations: 1 } });
    expect(await ticketNames(open)).toEqual(["Someone Else"]);
    const again = JSON.parse((await privacy(["export", "--contact", "+492021234567"])).stdout);
    expect(again).toMatchObject({ tickets: [], conversations: [] });

    await withDatabase(open, async ({ db }) => {
      const audit = (await new TicketStore(db).listAudit()).map((e) => [e.action, e.detail]);
      expect(audit[1]).toEqual(["privacy.erase", "1 Tickets: 1; 1 Chat-Zustände; 0 Web-Chats"]);
      expect(JSON.stringify(audit)).not.toContain("1234567");
      const left = await db.selectFrom("ticket_messages").select((eb) => eb.fn.countAll().as("n")).where("ticket_id", "=", 1).executeTakeFirstOrThrow();
      expect(Number(left.n)).toBe(0);
      expect(await db.selectFrom("bot_state").select("key").execute()).toEqual([]);
    });
  });

  it("answers an unknown contact with an empty export and an erase that deletes nothing", async () => {
    await seed(open);
    const exported = await privacy(["export", "--contact", "nobody@example.org"]);
    expect(exported.code).toBe(0);
    expect(JSON.parse(exported.stdout)).toMatchObject({ contact: { kind: "email", value: "nobody@example.org" }, tickets: [], conversations: [] });
    const erased = await privacy(["erase", "--contact", "NOBODY@example.org"]);
    expect(erased.code).toBe(0);
    expect(erased.stderr).toBe("privacy: nothing is stored for this contact\n");
    expect(await ticketNames(open)).toHaveLength(2);
  });

  it("works on an empty database", async () => {
    const r = await privacy(["export", "--contact", "erika@example.org"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).tickets).toEqual([]);
  });

  it("exports and erases the web chats of a contact: the ticket's conversation and any chat the contact was typed in", async () => {
    await withDatabase(open, async ({ db }) => {
      const store = new TicketStore(db);
      const log = new ActivityLog(db);
      for (const id of ["ticketchat01", "typedchat001", "otherchat001"]) await log.open(id, `dl_${id}`);
      await log.append("ticketchat01", (id) => ({ id, type: "message", text: "Ich möchte mit jemandem sprechen" }));
      // Typed with capitals: found all the same (LIKE is case-sensitive on PostgreSQL).
      await log.append("typedchat001", (id) => ({ id, type: "message", text: "Schreiben Sie an Erika.Web@Example.org" }));
      await log.append("otherchat001", (id) => ({ id, type: "message", text: "Was ist eine EQ?" }));
      await store.create(
        newTicket({
          contact: { kind: "email", value: "erika.web@example.org" },
          conversationId: "ticketchat01",
          conversationReference: { channelId: "directline", conversation: { id: "ticketchat01" } },
        }),
      );
    });

    const exported = JSON.parse((await privacy(["export", "--contact", "erika.web@example.org"])).stdout);
    expect(exported.webChats.map((c: { id: string }) => c.id).sort()).toEqual(["ticketchat01", "typedchat001"]);
    expect(exported.webChats.find((c: { id: string }) => c.id === "typedchat001").activities[0].text).toMatch(/Erika\.Web@Example\.org/);

    const erased = await privacy(["erase", "--contact", "erika.web@example.org"]);
    expect(JSON.parse(erased.stdout)).toMatchObject({ erased: { tickets: [expect.any(Number)], webChats: 2 } });
    await withDatabase(open, async ({ db }) => {
      expect(await db.selectFrom("directline_conversations").select("id").execute()).toEqual([{ id: "otherchat001" }]);
      expect(await db.selectFrom("directline_activities").select("conversation_id").execute()).toEqual([{ conversation_id: "otherchat001" }]);
    });
  });
});

describe("privacy CLI arguments", () => {
  const { privacy, open } = cliDatabase("sqlite");

  it.each<[string[], string]>([
    [[], 'the command must be "export" or "erase"'],
    [["export"], "--contact: is required: EMAIL_OR_PHONE"],
    [["export", "--contact"], "Option '--contact <value>' argument missing"],
    [["export", "--contact", ""], "--contact: must not be empty"],
    [["export", "--contact", "   "], "--contact: must not be empty"],
    [["export", "--contact", "not-a-contact"], "--contact: is neither an e-mail address nor a phone number"],
    [["export", "--contact", "a@b"], "--contact: is neither an e-mail address nor a phone number"],
    [["export", "--contact", "%' OR 1=1 --"], "--contact: is neither an e-mail address nor a phone number"],
    [["export", "--contact", `${"x".repeat(300)}@example.org`], "--contact: is too long"],
    [["delete", "--contact", "erika@example.org"], 'the command must be "export" or "erase"'],
    [["export", "extra", "--contact", "erika@example.org"], 'unexpected argument "extra"'],
    [["export", "--email", "erika@example.org"], "Unknown option '--email'"],
  ])("refuses bad arguments with exit code 2 and a message (case %#)", async (args, message) => {
    await seed(open);
    const r = await privacy(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`privacy: ${message}`);
    expect(r.stderr).toContain("\n\nusage: npm run --silent privacy -- export --contact EMAIL_OR_PHONE");
    expect(r.stdout).toBe("");
    expect(await ticketNames(open)).toHaveLength(2);
  });

  it("prints the usage with --help, and does nothing else", async () => {
    await seed(open);
    const r = await privacy(["erase", "--contact", "+49 202 1234567", "--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^usage: npm run --silent privacy -- export --contact EMAIL_OR_PHONE/);
    expect(r.stderr).toBe("");
    expect(await ticketNames(open)).toHaveLength(2);
  });

  it("refuses a DATABASE_URL that is not a PostgreSQL URL, touching nothing", async () => {
    const r = await runMain(main, ["export", "--contact", "erika@example.org"], { DATA_DIR: tempDir("privacy"), DATABASE_URL: "mysql://db/lotse" });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^privacy: .*DATABASE_URL.*postgres/s);
    expect(r.stdout).toBe("");
  });
});
