/**
 * A database with rows in every table, written through Kysely so it works on both engines, and a
 * way to read every row back for comparing two databases.
 */
import type { Db } from "../../src/storage/database.js";
import { TABLE_KEYS, TABLES } from "../../src/storage/maintenance.js";

const at = (minute: number) => new Date(Date.UTC(2026, 4, 4, 9, minute)).toISOString();

export function ticketRow(name: string, minute: number) {
  return {
    status: "open" as const,
    created_at: at(minute),
    updated_at: at(minute),
    name,
    organisation: "Bäckerei Muster",
    contact_kind: "email" as const,
    contact: `${name.toLowerCase().replace(/\W/g, "")}@example.org`,
    question: "Darf ich jemanden mit Duldung einstellen?",
    language: "de",
    audience: "employer",
    topics: JSON.stringify(["arbeiten-mit-duldung"]),
    reason: "asked",
    channel: "directline",
    conversation_id: `conv-${minute}`,
    conversation_ref: JSON.stringify({ channelId: "directline", conversation: { id: `conv-${minute}` } }),
    consent_at: at(minute),
    taken_by_id: null,
    taken_by_name: null,
    taken_at: null,
    closed_by_id: null,
    closed_by_name: null,
    closed_at: null,
    close_note: null,
    teams_activity_id: null,
    teams_team_id: null,
  };
}

/**
 * Rows in all 15 tables. Three tickets are created and the third deleted (as retention does), so
 * the highest id ever given (3) is above the highest id left (2).
 */
export async function seedEveryTable(db: Db): Promise<void> {
  await db.insertInto("bot_state").values([
    { key: "webchat/conversations/c1", etag: "1", data: JSON.stringify({ conversation: { language: "de" } }), updated_at: at(1) },
    { key: "msteams/users/u1", etag: "2", data: JSON.stringify({ audience: "employer" }), updated_at: at(2) },
  ]).execute();
  await db.insertInto("feedback").values([
    { created_at: at(3), article_id: "arbeiten-mit-duldung", helpful: 1, comment: "klar", question: "Duldung?", language: "de", channel: "webchat", vote_key: "v1", updated_at: null },
    { created_at: at(4), article_id: "lohnkostenzuschuss", helpful: 0, comment: null, question: null, language: "en", channel: "msteams", vote_key: null, updated_at: null },
  ]).execute();
  await db.insertInto("unanswered").values({ created_at: at(5), question: "Wie lange dauert das?", language: "de", audience: null, candidates: "[]", channel: "webchat" }).execute();
  await db.insertInto("navigator_tokens").values({ id: "t0k3n", name: "Anna", hash: "a".repeat(64), created_at: at(6), last_used_at: at(7), revoked_at: null }).execute();
  const ids = [];
  for (const [i, name] of ["Erika Muster", "Max Beispiel", "Nur Kurz"].entries()) {
    ids.push((await db.insertInto("tickets").values(ticketRow(name, 10 + i)).returning("id").executeTakeFirstOrThrow()).id);
  }
  await db.deleteFrom("tickets").where("id", "=", ids[2]!).execute();
  await db.updateTable("tickets").set({ status: "taken", taken_by_id: "nav-1", taken_by_name: "Anna", taken_at: at(20) }).where("id", "=", ids[1]!).execute();
  await db.insertInto("ticket_messages").values([
    { ticket_id: ids[0]!, created_at: at(10), author: "user", author_name: "Erika", text: "Darf ich jemanden mit Duldung einstellen?", delivered: null },
    { ticket_id: ids[0]!, created_at: at(21), author: "navigator", author_name: "Anna", text: "Ja, mit Erlaubnis der Ausländerbehörde.", delivered: 1 },
  ]).execute();
  await db.insertInto("audit_log").values({ created_at: at(20), actor_id: "nav-1", actor_name: "Anna", action: "ticket.take", ticket_id: ids[1]!, detail: null }).execute();
  await db.insertInto("webhook_deliveries").values({
    ticket_id: ids[0]!, event: "ticket.created", payload: "{}", status: "failed", attempts: 6, last_error: "HTTP 500", created_at: at(10), updated_at: at(15), next_attempt_at: null,
  }).execute();
  await db.insertInto("navigator_channel").values({
    team_id: "19:navigators@thread.tacv2", team_name: "Lotsen", tenant_id: "1b2c3d4e-0000-4000-8000-000000000001", channel_id: "19:navigators@thread.tacv2",
    reference: JSON.stringify({ channelId: "msteams" }), added_at: at(8), source: "pairing", paired_by_id: "nav-1", paired_by_name: "Anna",
  }).execute();
  await db.insertInto("teams_redactions").values({ activity_id: "act-1", team_id: "19:navigators@thread.tacv2", number: "L-0001", created_at: at(22) }).execute();
  await db.insertInto("directline_conversations").values({ id: "dl-1", user_id: "dl_user", created_at: at(9), updated_at: at(9), last_seq: 2 }).execute();
  await db.insertInto("directline_activities").values([
    { conversation_id: "dl-1", seq: 1, body: JSON.stringify({ type: "message", text: "Hallo" }), created_at: at(9) },
    { conversation_id: "dl-1", seq: 2, body: JSON.stringify({ type: "message", text: "Guten Tag!" }), created_at: at(9) },
  ]).execute();
  const draft = await db.insertInto("article_drafts").values({
    article_id: "arbeiten-mit-duldung", kind: "edit", status: "published", draft_json: "{}", revision: 3, base_hash: "abc", author_id: "nav-1", author_name: "Anna",
    updated_by_id: "nav-1", updated_by_name: "Anna", editors_json: JSON.stringify(["nav-1"]), reviewer_id: "nav-2", reviewer_name: "Ben", comment: null,
    created_at: at(30), updated_at: at(31), submitted_at: at(31), published_version: 2, rollback_of: null,
  }).returning("id").executeTakeFirstOrThrow();
  await db.insertInto("article_versions").values([
    { article_id: "arbeiten-mit-duldung", version: 1, kind: "imported", yaml: "id: arbeiten-mit-duldung\n", content_hash: "h1", area: "arbeit", author_id: null, author_name: null, reviewer_id: null, reviewer_name: null, published_at: at(30), draft_id: null, note: null },
    { article_id: "arbeiten-mit-duldung", version: 2, kind: "edit", yaml: "id: arbeiten-mit-duldung\n# Stand\n", content_hash: "h2", area: "arbeit", author_id: "nav-1", author_name: "Anna", reviewer_id: "nav-2", reviewer_name: "Ben", published_at: at(32), draft_id: draft.id, note: null },
  ]).execute();
  await db.insertInto("navigator_pairing_codes").values({
    salt: "s", hash: "h", status: "used", attempts: 1, created_at: at(40), expires_at: at(55), created_by_id: "nav-1", created_by_name: "Anna", used_at: at(41), used_by_team: "19:navigators@thread.tacv2",
  }).execute();
}

export type AllRows = Record<string, Array<Record<string, unknown>>>;

/** Every row of every table, in key order (sorted here: the engines collate text differently). */
export async function readAll(db: Db): Promise<AllRows> {
  const all: AllRows = {};
  for (const table of TABLES) {
    const rows = (await db.selectFrom(table).selectAll().execute()) as Array<Record<string, unknown>>;
    const key = (r: Record<string, unknown>) => JSON.stringify(TABLE_KEYS[table].map((k) => r[k]));
    all[table] = rows.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  }
  return all;
}
