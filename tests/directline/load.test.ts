/**
 * 200 visitors at once, five messages each, through Lotse's Direct Line over real HTTP and
 * WebSockets: every message is answered, nothing is lost or shown twice, watermarks only grow.
 * Speed is measured by `npm run bench`, not here.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { runDirectLineLoad } from "../../scripts/bench/directline-load.js";
import { startLotse, tempDataDir, type Lotse } from "../helpers/bot-harness.js";

let lotse: Lotse;
beforeAll(async () => {
  // One machine plays 200 visitors: the per-address limits are for the public, not for this test.
  lotse = await startLotse(tempDataDir(), { RATE_LIMIT_TOKENS_PER_MINUTE: "1000", RATE_LIMIT_ACTIVITIES_PER_MINUTE_IP: "10000" });
});
afterAll(async () => lotse?.close());

it("answers 200 simultaneous conversations × 5 messages, none lost or duplicated", { timeout: 120_000 }, async () => {
  const result = await runDirectLineLoad({ baseUrl: lotse.url, conversations: 200, messages: 5 });
  expect(result.httpErrors).toEqual({});
  expect(result).toMatchObject({ messages: 1000, answered: 1000, lost: 0, duplicates: 0, watermarkViolations: 0 });
  const stored = await lotse.app.db.selectFrom("directline_conversations").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow();
  expect(Number(stored.n)).toBe(200);
});
