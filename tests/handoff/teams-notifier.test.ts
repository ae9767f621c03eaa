/**
 * Posting ticket cards to the navigators' Teams channel on both engines: a poster claims the
 * ticket in the database first, so the node that created a ticket and another node's sweep of
 * waiting tickets never post two cards; a dead poster's claim runs out, a failed post gives it back.
 */
import { expect, it } from "vitest";
import type { NavigatorChannel } from "../../src/handoff/navigator-channel.js";
import { TEAMS_POST_CLAIM_MS, TeamsNotifier, type ChannelMessage, type ChannelMessenger, type NavigatorChannels, type TicketCards } from "../../src/handoff/teams-notifier.js";
import { TicketStore } from "../../src/handoff/ticket-store.js";
import { describeEachEngine } from "../helpers/database.js";
import { freshDatabase, twoNodes } from "./databases.js";
import { newTicket } from "./fixtures.js";

const T0 = Date.parse("2026-11-25T09:00:00.000Z");
const at = (seconds: number) => new Date(T0 + seconds * 1000);

const CHANNEL: NavigatorChannel = {
  teamId: "team-1",
  teamName: "Lotsen",
  tenantId: "tenant-1",
  channelId: "19:general@thread.tacv2",
  reference: { conversation: { id: "19:general@thread.tacv2" } },
  addedAt: at(0).toISOString(),
  source: "config",
  pairedBy: null,
};

const channels: NavigatorChannels = {
  current: async () => CHANNEL,
  active: async (teamId) => (teamId === CHANNEL.teamId ? CHANNEL : undefined),
  known: async (teamId) => (teamId === CHANNEL.teamId ? CHANNEL : undefined),
};

const cards: TicketCards = {
  card: (ticket) => ({ text: ticket.number }),
  deleted: (number) => ({ text: `${number} gelöscht` }),
  threadLine: () => undefined,
};

/** A Teams channel that records every new post (the card's text: the ticket number) across nodes. */
class RecordingChannel {
  readonly posts: string[] = [];
  private next = 0;

  /** A node's messenger; `hold` decides how each of its posts ends (default: at once, with an id). */
  messenger(hold: (message: ChannelMessage) => Promise<void> = async () => undefined): ChannelMessenger {
    return {
      post: async (_channel, message) => {
        this.posts.push(message.text ?? "");
        await hold(message);
        return `activity-${++this.next}`;
      },
      update: async () => undefined,
      reply: async () => undefined,
    };
  }
}

/** A promise to hold a post on, settled by the test. */
function gate() {
  let open!: () => void;
  let fail!: (err: Error) => void;
  const promise = new Promise<void>((resolve, reject) => {
    open = resolve;
    fail = reject;
  });
  return { promise, open, fail };
}

/** Resolves once `check` holds (a background post reached the messenger). */
async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 2));
  expect(check()).toBe(true);
}

describeEachEngine("TeamsNotifier", (engine) => {
  it("claims a ticket for one poster until the card is posted, the claim runs out, or it is given back", async () => {
    const store = new TicketStore((await freshDatabase(engine)).db, () => at(0));
    const ticket = await store.create(newTicket());
    expect(await store.claimTeamsPost(ticket.id, at(0), at(300))).toBe(true);
    // Another poster (another node, a sweep) gets nothing while the claim holds, and the sweep skips it …
    expect(await store.claimTeamsPost(ticket.id, at(299), at(599))).toBe(false);
    expect(await store.withoutTeamsCard(at(299))).toEqual([]);
    // … but takes it over once its poster died and the claim ran out.
    expect((await store.withoutTeamsCard(at(300))).map((t) => t.id)).toEqual([ticket.id]);
    expect(await store.claimTeamsPost(ticket.id, at(300), at(600))).toBe(true);
    // The first poster's late release leaves the second one's claim alone; the owner's release frees it.
    await store.releaseTeamsPost(ticket.id, at(300));
    expect(await store.claimTeamsPost(ticket.id, at(301), at(601))).toBe(false);
    await store.releaseTeamsPost(ticket.id, at(600));
    expect((await store.withoutTeamsCard(at(301))).map((t) => t.id)).toEqual([ticket.id]);
    expect(await store.claimTeamsPost(ticket.id, at(301), at(601))).toBe(true);
    // A posted card ends the claim; a ticket with a card is never claimed again.
    await store.setTeamsCard(ticket.id, "team-1", "activity-1");
    expect(await store.claimTeamsPost(ticket.id, at(1000), at(1300))).toBe(false);
    expect(await store.withoutTeamsCard(at(1000))).toEqual([]);
    expect(await store.claimTeamsPost(999_999, at(0), at(300))).toBe(false);
    expect(await store.claimTeamsPost(-1, at(0), at(300))).toBe(false);
  });

  it("gives a ticket to exactly one of two nodes claiming it at the same time", async () => {
    const [a, b] = (await twoNodes(engine)).map((database) => new TicketStore(database.db));
    for (let round = 0; round < 20; round++) {
      const ticket = await a!.create(newTicket());
      const now = new Date();
      const claimUntil = new Date(now.getTime() + TEAMS_POST_CLAIM_MS);
      const claims = await Promise.all([a!.claimTeamsPost(ticket.id, now, claimUntil), b!.claimTeamsPost(ticket.id, now, claimUntil)]);
      expect(claims.filter(Boolean), `round ${round}`).toHaveLength(1);
    }
  });

  it("posts a new ticket once while another node's sweep runs during the creating node's post", async () => {
    const [dbA, dbB] = await twoNodes(engine);
    const teams = new RecordingChannel();
    const held = gate();
    const storeA = new TicketStore(dbA!.db);
    const storeB = new TicketStore(dbB!.db);
    const nodeA = new TeamsNotifier({ store: storeA, channels, cards, messenger: teams.messenger(() => held.promise) });
    const nodeB = new TeamsNotifier({ store: storeB, channels, cards, messenger: teams.messenger() });

    const ticket = await storeA.create(newTicket());
    await nodeA.onTicketEvent(ticket, { type: "created" });
    await until(() => teams.posts.length === 1);
    expect(await nodeB.postWaiting()).toBe(0);
    held.open();
    await nodeA.idle();
    expect(await nodeB.postWaiting()).toBe(0);
    expect(teams.posts).toEqual([ticket.number]);
    expect(await storeB.teamsCard(ticket.id)).toEqual({ teamId: "team-1", activityId: "activity-1" });
  });

  it("posts each waiting ticket once when two nodes sweep at the same time", async () => {
    const [dbA, dbB] = await twoNodes(engine);
    const teams = new RecordingChannel();
    const slow = () => new Promise<void>((resolve) => setTimeout(resolve, 5));
    const storeA = new TicketStore(dbA!.db);
    const nodeA = new TeamsNotifier({ store: storeA, channels, cards, messenger: teams.messenger(slow) });
    const nodeB = new TeamsNotifier({ store: new TicketStore(dbB!.db), channels, cards, messenger: teams.messenger(slow) });
    const tickets = [];
    for (let i = 0; i < 4; i++) tickets.push(await storeA.create(newTicket()));

    const [postedA, postedB] = await Promise.all([nodeA.postWaiting(), nodeB.postWaiting()]);
    expect(postedA + postedB).toBe(tickets.length);
    expect([...teams.posts].sort()).toEqual(tickets.map((t) => t.number).sort());
    expect(await storeA.withoutTeamsCard()).toEqual([]);
  });

  it("takes over the ticket of a poster that died mid-post once its claim runs out", async () => {
    const [dbA, dbB] = await twoNodes(engine);
    let now = at(0);
    const clock = () => now;
    const teams = new RecordingChannel();
    const hung = gate();
    const storeA = new TicketStore(dbA!.db, clock);
    const storeB = new TicketStore(dbB!.db, clock);
    const nodeA = new TeamsNotifier({ store: storeA, channels, cards, messenger: teams.messenger(() => hung.promise), now: clock });
    const nodeB = new TeamsNotifier({ store: storeB, channels, cards, messenger: teams.messenger(), now: clock });

    const ticket = await storeA.create(newTicket());
    await nodeA.onTicketEvent(ticket, { type: "created" });
    await until(() => teams.posts.length === 1);
    now = at(60);
    expect(await nodeB.postWaiting()).toBe(0);
    now = new Date(T0 + TEAMS_POST_CLAIM_MS);
    expect(await nodeB.postWaiting()).toBe(1);
    expect(teams.posts).toEqual([ticket.number, ticket.number]);
    const card = await storeB.teamsCard(ticket.id);
    expect(card).toEqual({ teamId: "team-1", activityId: "activity-1" });
    // Should the first poster come back failing after all, its release changes nothing.
    hung.fail(new Error("socket hang up"));
    await nodeA.idle();
    expect(await storeA.teamsCard(ticket.id)).toEqual(card);
    expect(await storeA.withoutTeamsCard()).toEqual([]);
  });

  it("gives the ticket back when the post fails, so that the next sweep posts it", async () => {
    const store = new TicketStore((await freshDatabase(engine)).db, () => at(0));
    const teams = new RecordingChannel();
    let failing = true;
    const warnings: unknown[] = [];
    const logger = { warn: (obj: unknown) => warnings.push(obj), info: () => undefined } as never;
    const notifier = new TeamsNotifier({
      store,
      channels,
      cards,
      logger,
      now: () => at(0),
      messenger: teams.messenger(async () => {
        if (failing) throw new Error("Teams: 502 Bad Gateway");
      }),
    });

    const ticket = await store.create(newTicket());
    await notifier.onTicketEvent(ticket, { type: "created" });
    await notifier.idle();
    expect(warnings).toMatchObject([{ ticket: ticket.id, code: "handoff.teams_failed" }]);
    expect(await store.teamsCard(ticket.id)).toBeUndefined();
    // Released at once: the next sweep (still at the same moment) need not wait for the claim to run out.
    expect((await store.withoutTeamsCard(at(0))).map((t) => t.id)).toEqual([ticket.id]);
    expect(await notifier.postWaiting()).toBe(0);
    expect(warnings).toMatchObject([{ code: "handoff.teams_failed" }, { ticket: ticket.id, code: "handoff.teams_post_failed" }]);
    failing = false;
    expect(await notifier.postWaiting()).toBe(1);
    expect(teams.posts).toEqual([ticket.number, ticket.number, ticket.number]);
    expect(await store.teamsCard(ticket.id)).toEqual({ teamId: "team-1", activityId: "activity-1" });
  });
});
