/** Stored webhook deliveries on both engines: a delivery is claimed by one sender at a time, never two. */
import { expect, it } from "vitest";
import { TicketStore } from "../../src/handoff/ticket-store.js";
import { describeEachEngine } from "../helpers/database.js";
import { freshDatabase, twoNodes } from "./databases.js";
import { newTicket } from "./fixtures.js";

const T0 = Date.parse("2026-11-25T09:00:00.000Z");
const at = (seconds: number) => new Date(T0 + seconds * 1000);

describeEachEngine("WebhookDeliveries", (engine) => {
  it("is claimed by one sender until the claim runs out, and retried when it is due", async () => {
    let now = at(0);
    const store = new TicketStore((await freshDatabase(engine)).db, () => now);
    const ticket = await store.create(newTicket());
    const queued = await store.enqueueDelivery(ticket.id, "ticket.created", '{"event":"ticket.created"}');
    expect(queued).toMatchObject({ ticketId: ticket.id, status: "pending", attempts: 0, nextAttemptAt: at(0).toISOString() });
    expect(await store.deliveryPayload(queued.id)).toBe('{"event":"ticket.created"}');

    const claim = await store.claimDelivery(queued.id, at(0), at(40));
    expect(claim).toMatchObject({ payload: '{"event":"ticket.created"}', delivery: { id: queued.id, nextAttemptAt: at(40).toISOString() } });
    // Another sender (another node, a sweep) gets nothing while the claim holds …
    expect(await store.claimDelivery(queued.id, at(39), at(80))).toBeUndefined();
    // … and the delivery once its sender died and the claim ran out.
    expect(await store.claimDelivery(queued.id, at(40), at(80))).toBeDefined();

    now = at(41);
    await store.recordAttempt(queued.id, { status: "pending", error: "HTTP 503", nextAttemptAt: at(100) });
    expect(await store.delivery(queued.id)).toMatchObject({ status: "pending", attempts: 1, lastError: "HTTP 503", nextAttemptAt: at(100).toISOString(), updatedAt: at(41).toISOString() });
    expect(await store.pendingDeliveries(at(99))).toEqual([]);
    expect((await store.pendingDeliveries(at(100))).map((d) => d.id)).toEqual([queued.id]);
    expect(await store.claimDelivery(queued.id, at(99), at(140))).toBeUndefined();
    expect(await store.claimDelivery(queued.id, at(100), at(140))).toBeDefined();

    await store.recordAttempt(queued.id, { status: "delivered" });
    expect(await store.delivery(queued.id)).toMatchObject({ status: "delivered", attempts: 2, lastError: null, nextAttemptAt: null });
    expect(await store.claimDelivery(queued.id, at(1000), at(1040))).toBeUndefined();
    // A late sender whose claim had run out does not turn a delivered one back.
    await store.recordAttempt(queued.id, { status: "failed", error: "timeout" });
    expect(await store.delivery(queued.id)).toMatchObject({ status: "delivered", attempts: 2 });
    expect(await store.pendingDeliveries()).toEqual([]);
  });

  it("lists a ticket's deliveries oldest first, or all failed ones; never the payload", async () => {
    const store = new TicketStore((await freshDatabase(engine)).db);
    const [one, two] = [await store.create(newTicket()), await store.create(newTicket())];
    const a = await store.enqueueDelivery(one.id, "ticket.created", "{}");
    const b = await store.enqueueDelivery(two.id, "ticket.created", "{}");
    const c = await store.enqueueDelivery(one.id, "ticket.taken", "{}");
    await store.recordAttempt(b.id, { status: "failed", error: "HTTP 400" });
    await store.recordAttempt(c.id, { status: "failed", error: "HTTP 410" });
    expect((await store.deliveries(one.id)).map((d) => [d.id, d.event, d.status])).toEqual([
      [a.id, "ticket.created", "pending"],
      [c.id, "ticket.taken", "failed"],
    ]);
    expect((await store.deliveries()).map((d) => [d.id, d.lastError])).toEqual([
      [b.id, "HTTP 400"],
      [c.id, "HTTP 410"],
    ]);
    expect(JSON.stringify(await store.deliveries(one.id))).not.toContain("payload");
    expect(await store.deliveries(0)).toEqual([]);
  });

  it("goes to exactly one of two nodes claiming it at the same time", async () => {
    const [a, b] = (await twoNodes(engine)).map((database) => new TicketStore(database.db));
    const ticket = await a!.create(newTicket());
    for (let round = 0; round < 20; round++) {
      const delivery = await a!.enqueueDelivery(ticket.id, "ticket.message", `{"round":${round}}`);
      const due = new Date(Date.now() + 1000);
      const until = new Date(Date.now() + 60_000);
      const claims = await Promise.all([a!.claimDelivery(delivery.id, due, until), b!.claimDelivery(delivery.id, due, until)]);
      expect(claims.filter(Boolean), `round ${round}`).toHaveLength(1);
    }
  });
});
