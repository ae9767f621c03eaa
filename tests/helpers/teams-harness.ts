/**
 * The navigators' Teams team for the handoff tests: installs Lotse into a team (as Teams does
 * with a conversationUpdate), pairs it with a code from the console, and lets navigators click
 * ticket cards and reply in a card's thread — activities with channelId "msteams" and Teams
 * channelData, over real HTTP.
 */
import { randomUUID } from "node:crypto";
import type { Channel, Lotse, Posted, Wire } from "./bot-harness.js";
import { api } from "./console.js";

export const TENANT = "tenant-jobcenter-wuppertal";

export interface Navigator {
  id: string;
  name: string;
  aadObjectId: string;
}

export const ANNA: Navigator = { id: "29:anna", name: "Anna Schmidt", aadObjectId: "aad-anna" };
export const BERND: Navigator = { id: "29:bernd", name: "Bernd Weber", aadObjectId: "aad-bernd" };

export class NavigatorTeam {
  readonly bot = { id: "28:lotse-bot", name: "Lotse" };

  constructor(
    public lotse: Lotse,
    private readonly channel: Channel,
    readonly teamId = "19:lotsen-team@thread.tacv2",
    readonly tenantId = TENANT,
  ) {}

  /** In Teams the General channel has the team's id. */
  get channelId(): string {
    return this.teamId;
  }

  private channelData(): Wire {
    return { team: { id: this.teamId, name: "Lotsen" }, channel: { id: this.channelId, name: "General" }, tenant: { id: this.tenantId } };
  }

  activity(from: Wire, conversationId: string, fields: Wire): Wire {
    return {
      id: `${Date.now()}${Math.floor(Math.random() * 1000)}`,
      timestamp: new Date().toISOString(),
      serviceUrl: this.channel.url,
      channelId: "msteams",
      from,
      recipient: this.bot,
      conversation: { id: conversationId, isGroup: true, conversationType: "channel", tenantId: this.tenantId },
      locale: "de-DE",
      ...fields,
      channelData: { ...this.channelData(), ...(fields.channelData ?? {}) },
    };
  }

  async post(activity: Wire): Promise<{ status: number; body: string; replies: Wire[] }> {
    const before = this.channel.posted.length;
    const res = await fetch(`${this.lotse.url}/api/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(activity),
    });
    const body = await res.text();
    const replies = this.channel.posted.slice(before).filter((p) => p.path.endsWith(`/activities/${activity.id}`)).map((p) => p.activity);
    return { status: res.status, body, replies };
  }

  /** What Teams sends when Lotse is added to the team. */
  install() {
    return this.post(
      this.activity({ id: "29:admin", name: "Admin" }, this.channelId, {
        type: "conversationUpdate",
        membersAdded: [{ id: this.bot.id }],
        channelData: { eventType: "teamMemberAdded" },
      }),
    );
  }

  uninstall() {
    return this.post(
      this.activity({ id: "29:admin", name: "Admin" }, this.channelId, {
        type: "conversationUpdate",
        membersRemoved: [{ id: this.bot.id }],
        channelData: { eventType: "teamMemberRemoved" },
      }),
    );
  }

  /** A new message in the channel (a new thread) that @mentions Lotse, e.g. "koppeln 1234-5678". */
  mention(n: Navigator, text: string) {
    const mention = `<at>${this.bot.name}</at>`;
    return this.post(
      this.activity(this.from(n), this.channelId, {
        type: "message",
        text: `${mention} ${text}`,
        entities: [{ type: "mention", text: mention, mentioned: this.bot }],
      }),
    );
  }

  /** An admin types the console's pairing code in the team. */
  typeCode(code: string, n: Navigator = ADMIN) {
    return this.mention(n, `koppeln ${code}`);
  }

  /**
   * The whole pairing as navigators do it: a code from the console (over its API, with a
   * personal token), Lotse added to the team, the code typed there.
   */
  async pair(): Promise<void> {
    const code = await pairingCode(this.lotse);
    await this.install();
    const res = await this.typeCode(code);
    if (!res.replies.some((r) => /^Gekoppelt/.test(String(r.text)))) throw new Error(`pairing failed: ${JSON.stringify(res.replies.map((r) => r.text))}`);
  }

  private from(n: Navigator): Wire {
    return { id: n.id, name: n.name, aadObjectId: n.aadObjectId };
  }

  /** Action.Submit on the ticket card (posted as the thread's root). */
  click(n: Navigator, cardId: string, value: unknown) {
    return this.post(this.activity(this.from(n), `${this.channelId};messageid=${cardId}`, { type: "message", value, replyToId: cardId }));
  }

  /**
   * Action.Execute on the ticket card (verb "take", "reply" or "close"; `data` is the card's data
   * merged with its inputs): an invoke whose response is the refreshed card.
   */
  execute(n: Navigator, cardId: string, verb: string, data: unknown) {
    return this.invoke(n, cardId, { name: "adaptiveCard/action", value: { action: { type: "Action.Execute", verb, data }, trigger: "manual" } });
  }

  /** Any invoke on the card, e.g. with a broken value or another name; `fields` override the activity's. */
  invoke(n: Navigator, cardId: string, fields: Wire) {
    return this.post(this.activity(this.from(n), `${this.channelId};messageid=${cardId}`, { type: "invoke", replyToId: cardId, ...fields }));
  }

  /** A reply in the card's thread, @mentioning Lotse as Teams requires in channels. */
  reply(n: Navigator, cardId: string, text: string) {
    const mention = `<at>${this.bot.name}</at>`;
    return this.post(
      this.activity(this.from(n), `${this.channelId};messageid=${cardId}`, {
        type: "message",
        text: `${mention} ${text}`,
        entities: [{ type: "mention", text: mention, mentioned: this.bot }],
      }),
    );
  }

  /** A message in the card's thread that does not name Lotse: talk among the navigators. */
  chat(n: Navigator, cardId: string, text: string) {
    return this.post(this.activity(this.from(n), `${this.channelId};messageid=${cardId}`, { type: "message", text }));
  }

  /**
   * New posts Lotse made in the channel itself (ticket cards, the greeting). The SDK may send
   * proactive messages as replies to the continuation activity's made-up id, so the path may
   * end in one; Teams starts a new thread either way when the conversation is the channel.
   */
  posts(): Posted[] {
    const prefix = `/v3/conversations/${this.channelId}/activities`;
    return this.channel.posted.filter((p) => p.method === "POST" && (p.path === prefix || p.path.startsWith(`${prefix}/`)));
  }

  /** The ticket cards, newest last. */
  cards(): Posted[] {
    return this.posts().filter((p) => (p.activity.attachments ?? []).length > 0);
  }

  updates(cardId: string): Wire[] {
    return this.channel.posted.filter((p) => p.method === "PUT" && p.path === `/v3/conversations/${this.channelId}/activities/${cardId}`).map((p) => p.activity);
  }

  thread(cardId: string): Wire[] {
    return this.channel.posted.filter((p) => p.method === "POST" && p.path.startsWith(`/v3/conversations/${this.channelId};messageid=${cardId}/`)).map((p) => p.activity);
  }
}

export const newId = () => randomUUID();

export const ADMIN: Navigator = { id: "29:admin", name: "Admin", aadObjectId: "aad-admin" };

let tokens = 0;

/** A pairing code from the console API, as a signed-in navigator creates it. */
export async function pairingCode(lotse: Lotse): Promise<string> {
  const { token } = await lotse.app.console.tokens.create(`Pairing ${++tokens} ${randomUUID().slice(0, 8)}`);
  const res = await api(lotse, "/teams-channel/pairing-code", token, { method: "POST", body: {} });
  if (res.status !== 201) throw new Error(`pairing code: ${res.status} ${res.text}`);
  return res.body.code as string;
}
