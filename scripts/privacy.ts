/**
 * GDPR requests of a person who asked for a navigator, found by the contact they gave:
 *   npm run --silent privacy -- export --contact EMAIL_OR_PHONE   (Art. 15: JSON on stdout)
 *   npm run privacy -- erase --contact EMAIL_OR_PHONE             (Art. 17: tickets, transcripts,
 *                                                                 webhook deliveries, chat state)
 * Phone numbers match however they are written (0202 …, +49 202 …, 0049 …).
 */
import os from "node:os";
import { z } from "zod";
import { EXIT, processIo, runCommand, runIfMain, UsageError, type Io } from "../src/cli/command.js";
import { loadConfig } from "../src/config.js";
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

/** LIKE pattern for the contact as it appears inside stored JSON. */
function likePattern(contact: Contact): string {
  return `%${JSON.stringify(contact.value).slice(1, -1).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Chat state (a handoff draft, the recent questions) that mentions the contact. */
function conversationsOf(db: Db, contact: Contact): Array<{ key: string; updatedAt: string; data: unknown }> {
  const pattern = likePattern(contact);
  const rows = db.prepare("SELECT key, data, updated_at FROM bot_state WHERE data LIKE ? ESCAPE '\\'").all(pattern) as Array<{ key: string; data: string; updated_at: string }>;
  return rows.map((r) => ({ key: r.key, updatedAt: r.updated_at, data: JSON.parse(r.data) as unknown }));
}

/**
 * Web chats (Lotse's Direct Line log) of the person: the conversations their tickets came from,
 * and any conversation in which the contact was typed.
 */
function webChatsOf(db: Db, store: TicketStore, contact: Contact): Array<{ id: string; activities: unknown[] }> {
  const ids = new Set<string>();
  for (const t of store.byContact(contact)) {
    const reference = store.conversationReference(t.id) as { channelId?: string; conversation?: { id?: string } } | undefined;
    if (reference?.channelId === "directline" && reference.conversation?.id) ids.add(reference.conversation.id);
  }
  const pattern = likePattern(contact);
  const mentioned = db.prepare("SELECT DISTINCT conversation_id AS id FROM directline_activities WHERE body LIKE ? ESCAPE '\\'").all(pattern) as Array<{ id: string }>;
  for (const { id } of mentioned) ids.add(id);
  const read = db.prepare("SELECT body FROM directline_activities WHERE conversation_id = ? ORDER BY seq");
  return [...ids].map((id) => ({ id, activities: (read.all(id) as Array<{ body: string }>).map((r) => JSON.parse(r.body) as unknown) })).filter((c) => c.activities.length);
}

export function main(argv: string[], io: Io = processIo()): Promise<number> {
  return runCommand(COMMAND, argv, io, (args) => {
    const contact = parseContact(args.contact);
    if (!contact) throw new UsageError("--contact: is neither an e-mail address nor a phone number");
    return run(args.positionals, contact, loadConfig(io.env).dataDir, io);
  });
}

function run(command: "export" | "erase", contact: Contact, dataDir: string, io: Io): number {
  const db = openDatabase({ dataDir });
  try {
    const store = new TicketStore(db);
    const actor = { id: "cli:privacy", name: `Datenschutz-CLI (${os.userInfo().username})` };
    if (command === "export") {
      const tickets = store.byContact(contact);
      const report = {
        request: "Auskunft nach Art. 15 DSGVO",
        contact,
        exportedAt: new Date().toISOString(),
        tickets: tickets.map((t) => ({ ...t, conversationReference: store.conversationReference(t.id), webhookDeliveries: store.deliveries(t.id) })),
        conversations: conversationsOf(db, contact),
        webChats: webChatsOf(db, store, contact),
      };
      store.audit(actor, "privacy.export", undefined, `${tickets.length} Tickets: ${tickets.map((t) => t.id).join(", ") || "-"}`);
      io.stdout(`${JSON.stringify(report, null, 2)}\n`);
      return EXIT.ok;
    }
    const erased = db.transaction(() => {
      const conversations = conversationsOf(db, contact).map((c) => c.key);
      const remove = db.prepare("DELETE FROM bot_state WHERE key = ?");
      for (const key of conversations) remove.run(key);
      const webChats = webChatsOf(db, store, contact).map((c) => c.id);
      const removeChat = db.prepare("DELETE FROM directline_conversations WHERE id = ?");
      for (const id of webChats) removeChat.run(id);
      return { tickets: store.deleteByContact(contact), conversations: conversations.length, webChats: webChats.length };
    })();
    store.audit(actor, "privacy.erase", undefined, `${erased.tickets.length} Tickets: ${erased.tickets.join(", ") || "-"}; ${erased.conversations} Chat-Zustände; ${erased.webChats} Web-Chats`);
    io.stdout(`${JSON.stringify({ request: "Löschung nach Art. 17 DSGVO", contact, erased: { tickets: erased.tickets, conversations: erased.conversations, webChats: erased.webChats } }, null, 2)}\n`);
    if (!erased.tickets.length && !erased.conversations && !erased.webChats) io.stderr("privacy: nothing is stored for this contact\n");
    return EXIT.ok;
  } finally {
    db.close();
  }
}

runIfMain(import.meta, main);
