/**
 * GDPR requests of a person who asked for a navigator, found by the contact they gave:
 *   npm run --silent privacy -- export --contact EMAIL_OR_PHONE   (Art. 15: JSON on stdout)
 *   npm run privacy -- erase --contact EMAIL_OR_PHONE             (Art. 17: tickets, transcripts,
 *                                                                 webhook deliveries, chat state)
 * Phone numbers match however they are written (0202 …, +49 202 …, 0049 …).
 */
import os from "node:os";
import { sql } from "kysely";
import { z } from "zod";
import { EXIT, processIo, runCommand, runIfMain, UsageError, type Io } from "../src/cli/command.js";
import { loadConfig, type Config } from "../src/config.js";
import { parseContact, type Contact } from "../src/handoff/contact.js";
import { TicketStore } from "../src/handoff/ticket-store.js";
import { openDatabase, type Db } from "../src/storage/database.js";

const COMMAND = {
  name: "privacy",
  usage: `usage: npm run --silent privacy -- export --contact EMAIL_OR_PHONE   (Art. 15 DSGVO: everything stored, as JSON)
       npm run privacy -- erase --contact EMAIL_OR_PHONE            (Art. 17 DSGVO: delete it)
Exit codes: 0 done (also when nothing is stored for the contact); 2 bad usage or configuration.`,
  options: { contact: { type: "string" } },
  positionals: true,
  schema: z.strictObject({
    contact: z.string({ error: "is required: EMAIL_OR_PHONE" }).trim().min(1, "must not be empty").max(254, "is too long"),
    positionals: z
      .array(z.string())
      .superRefine((p, ctx) => {
        if (p.length > 1) ctx.addIssue({ code: "custom", message: `unexpected argument "${p[1]}"` });
      })
      .transform((p) => p[0])
      .pipe(z.enum(["export", "erase"], { error: 'the command must be "export" or "erase"' })),
  }),
} as const;

/**
 * The contact as it appears inside stored JSON, as a LIKE pattern on the lower-cased column:
 * whoever typed it may have capitalised it, and LIKE is case-sensitive on PostgreSQL.
 */
function mentions(column: "data" | "body", contact: Contact) {
  const pattern = `%${JSON.stringify(contact.value.toLowerCase()).slice(1, -1).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql<boolean>`lower(${sql.ref(column)}) LIKE ${pattern} ESCAPE '\\'`;
}

/** Chat state (a handoff draft, the recent questions) that mentions the contact. */
async function conversationsOf(db: Db, contact: Contact): Promise<Array<{ key: string; updatedAt: string; data: unknown }>> {
  const rows = await db.selectFrom("bot_state").select(["key", "data", "updated_at"]).where(mentions("data", contact)).orderBy("key").execute();
  return rows.map((r) => ({ key: r.key, updatedAt: r.updated_at, data: JSON.parse(r.data) as unknown }));
}

/**
 * Web chats (Lotse's Direct Line log) of the person: the conversations their tickets came from,
 * and any conversation in which the contact was typed.
 */
async function webChatIdsOf(db: Db, store: TicketStore, contact: Contact): Promise<string[]> {
  const ids = new Set<string>();
  for (const t of await store.byContact(contact)) {
    const reference = (await store.conversationReference(t.id)) as { channelId?: string; conversation?: { id?: string } } | undefined;
    if (reference?.channelId === "directline" && reference.conversation?.id) ids.add(reference.conversation.id);
  }
  const mentioned = await db.selectFrom("directline_activities").select("conversation_id").distinct().where(mentions("body", contact)).execute();
  for (const { conversation_id } of mentioned) ids.add(conversation_id);
  return [...ids].sort();
}

async function webChatsOf(db: Db, store: TicketStore, contact: Contact): Promise<Array<{ id: string; activities: unknown[] }>> {
  const chats: Array<{ id: string; activities: unknown[] }> = [];
  for (const id of await webChatIdsOf(db, store, contact)) {
    const rows = await db.selectFrom("directline_activities").select("body").where("conversation_id", "=", id).orderBy("seq").execute();
    if (rows.length) chats.push({ id, activities: rows.map((r) => JSON.parse(r.body) as unknown) });
  }
  return chats;
}

export function main(argv: string[], io: Io = processIo()): Promise<number> {
  return runCommand(COMMAND, argv, io, (args) => {
    const contact = parseContact(args.contact);
    if (!contact) throw new UsageError("--contact: is neither an e-mail address nor a phone number");
    return run(args.positionals, contact, loadConfig(io.env), io);
  });
}

async function run(command: "export" | "erase", contact: Contact, config: Config, io: Io): Promise<number> {
  const database = await openDatabase({ dataDir: config.dataDir, databaseUrl: config.databaseUrl, poolSize: config.databasePoolSize });
  try {
    const { db } = database;
    const store = new TicketStore(db);
    const actor = { id: "cli:privacy", name: `Datenschutz-CLI (${os.userInfo().username})` };
    if (command === "export") {
      const tickets = await store.byContact(contact);
      const report = {
        request: "Auskunft nach Art. 15 DSGVO",
        contact,
        exportedAt: new Date().toISOString(),
        tickets: await Promise.all(
          tickets.map(async (t) => ({ ...t, conversationReference: await store.conversationReference(t.id), webhookDeliveries: await store.deliveries(t.id) })),
        ),
        conversations: await conversationsOf(db, contact),
        webChats: await webChatsOf(db, store, contact),
      };
      await store.audit(actor, "privacy.export", undefined, `${tickets.length} Tickets: ${tickets.map((t) => t.id).join(", ") || "-"}`);
      io.stdout(`${JSON.stringify(report, null, 2)}\n`);
      return EXIT.ok;
    }
    // One transaction: a failure half-way leaves everything in place for the next attempt.
    const erased = await db.transaction().execute(async (trx) => {
      const inTransaction = new TicketStore(trx);
      const conversations = (await conversationsOf(trx, contact)).map((c) => c.key);
      if (conversations.length) await trx.deleteFrom("bot_state").where("key", "in", conversations).execute();
      // Found through the tickets' conversations, so before the tickets go.
      const webChats = await webChatIdsOf(trx, inTransaction, contact);
      if (webChats.length) await trx.deleteFrom("directline_conversations").where("id", "in", webChats).execute();
      return { tickets: await inTransaction.deleteByContact(contact), conversations: conversations.length, webChats: webChats.length };
    });
    await store.audit(actor, "privacy.erase", undefined, `${erased.tickets.length} Tickets: ${erased.tickets.join(", ") || "-"}; ${erased.conversations} Chat-Zustände; ${erased.webChats} Web-Chats`);
    io.stdout(`${JSON.stringify({ request: "Löschung nach Art. 17 DSGVO", contact, erased: { tickets: erased.tickets, conversations: erased.conversations, webChats: erased.webChats } }, null, 2)}\n`);
    if (!erased.tickets.length && !erased.conversations && !erased.webChats) io.stderr("privacy: nothing is stored for this contact\n");
    return EXIT.ok;
  } finally {
    await database.close();
  }
}

runIfMain(import.meta, main);
