/**
 * The load of `npm run bench:capacity`, as people would produce it:
 *
 * - **Turns**: visitors in a closed loop, each holding conversations one after another through
 *   POST /api/messages (`expectReplies`, unauthenticated local mode, as `npm run bench:bot`).
 *   A conversation asks three questions; a "Did you mean …?" is answered by tapping its first
 *   article, and the second answer gets "helpful" feedback — four to six turns, each reading and
 *   writing the conversation's state, the feedback one also a feedback row, the unanswered
 *   question a row of its own. With several nodes every turn goes to the next node in turn, as a
 *   load balancer without sticky sessions sends it. (autocannon cannot follow the replies nor
 *   switch nodes within a conversation, hence a small driver on node:http with keep-alive.)
 * - **Held**: Direct Line conversations open on every node the whole time, each with its
 *   WebSocket stream, each sending a message every few seconds and waiting for the reply on its
 *   stream — the open web chats of a busy hour. Their messages also go round-robin over the nodes,
 *   so with two nodes the reply often reaches the stream from the other node.
 */
import http from "node:http";
import { randomUUID } from "node:crypto";
import { WebSocket } from "ws";
import { percentile, round } from "./util.js";

/**
 * Eight questions of the dev set (tests/eval/questions.yaml, copied verbatim; never the
 * holdout): German and English, typed as people type, one outside Lotse's scope.
 */
export const QUESTIONS = [
  "darf ich nen geflüchteten mit duldung einstellen",
  "can I employ a ukrainian refugee straight away",
  "wie beantrage ich eine arbeitserlaubnis fuer meinen neuen mitarbeiter",
  "bewerber hat aufenthaltsgestattung darf der arbeiten",
  "wer zahlt den integrationskurs",
  "wie stelle ich einen gefluechteten als azubi ein",
  "anerkennung berufsabschluss ihk",
  "steuererklaerung elster frist",
] as const;

export interface Target {
  url: string;
  agent: http.Agent;
}

export function targets(urls: readonly string[], connections: number): Target[] {
  return urls.map((url) => ({ url, agent: new http.Agent({ keepAlive: true, maxSockets: connections }) }));
}

interface HttpResult {
  status: number;
  body: string;
}

function request(target: Target, method: string, path: string, body: string | undefined, headers: Record<string, string> = {}): Promise<HttpResult> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${target.url}${path}`,
      { method, agent: target.agent, headers: { ...(body === undefined ? {} : { "content-type": "application/json", "content-length": Buffer.byteLength(body) }), ...headers }, timeout: 30_000 },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
        res.on("error", reject);
      },
    );
    req.on("timeout", () => req.destroy(new Error("timeout after 30 s")));
    req.on("error", reject);
    req.end(body);
  });
}

// --- turns through POST /api/messages -----------------------------------------------------------

type TurnKind = "answer" | "clarify" | "none" | "feedback" | "other";

interface Reply {
  activities?: Array<{ text?: string; attachments?: Array<{ contentType?: string; content?: unknown }>; suggestedActions?: { actions?: Array<{ value?: unknown }> } }>;
}

/** What the reply was, and the button a person would press next. */
export function readReply(reply: Reply): { kind: TurnKind; show?: unknown; feedback?: unknown } {
  const activities = reply.activities ?? [];
  const card = activities.flatMap((a) => a.attachments ?? []).find((a) => a.contentType === "application/vnd.microsoft.card.adaptive");
  if (card) return { kind: "answer", feedback: findValue(card.content, (v) => v.action === "feedback" && v.helpful === true) };
  const show = activities.flatMap((a) => a.suggestedActions?.actions ?? []).map((a) => a.value).find((v) => (v as { action?: unknown } | undefined)?.action === "show");
  if (show) return { kind: "clarify", show };
  return { kind: activities.length > 0 ? "none" : "other" };
}

function findValue(node: unknown, match: (v: Record<string, unknown>) => boolean): Record<string, unknown> | undefined {
  if (Array.isArray(node)) {
    for (const item of node) {
      const found = findValue(item, match);
      if (found) return found;
    }
  } else if (node && typeof node === "object") {
    const obj = node as Record<string, unknown>;
    if (match(obj)) return obj;
    for (const value of Object.values(obj)) {
      const found = findValue(value, match);
      if (found) return found;
    }
  }
  return undefined;
}

interface TurnSample {
  start: number;
  end: number;
  ok: boolean;
  kind: TurnKind | "error";
  error?: string;
}

export interface TurnFigures {
  /** Turns completed inside the measured window. */
  turns: number;
  turnsPerSecond: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Conversations begun inside the window, and the mean turns of the finished ones. */
  conversations: number;
  turnsPerConversation: number;
  /** What the turns were: an answer card, a "Did you mean …?", no answer, feedback. */
  mix: Record<string, number>;
  /** Turns that failed (status, error), by reason. */
  errors: Record<string, number>;
}

export class TurnLoad {
  private running = true;
  private readonly samples: TurnSample[] = [];
  private readonly conversationStarts: number[] = [];
  private readonly conversationTurns: number[] = [];
  private next = 0;
  private conversationCount = 0;
  private readonly visitors: Promise<void>[];

  constructor(
    private readonly nodes: Target[],
    connections: number,
    private readonly runId: string,
  ) {
    this.visitors = Array.from({ length: connections }, (_, v) => this.visitor(v));
  }

  /** Lets every visitor finish its turn in flight, then resolves. */
  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.visitors);
  }

  private async visitor(v: number): Promise<void> {
    while (this.running) {
      const k = this.conversationCount++;
      this.conversationStarts.push(performance.now());
      const turns = await this.conversation(v, k);
      this.conversationTurns.push(turns);
    }
  }

  private async conversation(v: number, k: number): Promise<number> {
    const conversationId = `capacity-${this.runId}-${v}-${k}`;
    const userId = `user-${this.runId}-${v}-${k}`;
    let turns = 0;
    let lastFeedback: unknown;
    const turn = async (content: { text: string } | { value: unknown }, feedback = false): Promise<ReturnType<typeof readReply> | undefined> => {
      if (!this.running) return undefined;
      turns++;
      const target = this.nodes[this.next++ % this.nodes.length]!;
      const body = JSON.stringify({
        type: "message",
        id: randomUUID(),
        timestamp: new Date().toISOString(),
        serviceUrl: "http://127.0.0.1:9/",
        channelId: "emulator",
        from: { id: userId, name: "Visitor", role: "user" },
        recipient: { id: "bot", name: "Lotse", role: "bot" },
        conversation: { id: conversationId },
        locale: "de-DE",
        textFormat: "plain",
        deliveryMode: "expectReplies",
        ...content,
      });
      const start = performance.now();
      try {
        const res = await request(target, "POST", "/api/messages", body);
        const end = performance.now();
        if (res.status !== 200) {
          this.samples.push({ start, end, ok: false, kind: "error", error: `HTTP ${res.status}` });
          return undefined;
        }
        const reply = readReply(JSON.parse(res.body) as Reply);
        this.samples.push({ start, end, ok: true, kind: feedback ? "feedback" : reply.kind });
        return reply;
      } catch (err) {
        this.samples.push({ start, end: performance.now(), ok: false, kind: "error", error: (err as Error).message });
        return undefined;
      }
    };
    const ask = async (question: string) => {
      let reply = await turn({ text: question });
      // "Did you mean …?": the person taps the first article offered.
      if (reply?.kind === "clarify") reply = await turn({ value: reply.show });
      if (reply?.kind === "answer") lastFeedback = reply.feedback;
    };
    await ask(QUESTIONS[k % QUESTIONS.length]!);
    await ask(QUESTIONS[(k + 3) % QUESTIONS.length]!);
    if (lastFeedback) await turn({ value: lastFeedback }, true);
    await ask(QUESTIONS[(k + 5) % QUESTIONS.length]!);
    return turns;
  }

  /** Turns answered since the start, warm-up included. */
  answered(): number {
    return this.samples.filter((s) => s.ok).length;
  }

  figures(windowStart: number, windowEnd: number): TurnFigures {
    const inWindow = this.samples.filter((s) => s.start >= windowStart && s.end <= windowEnd);
    const ok = inWindow.filter((s) => s.ok);
    const latencies = ok.map((s) => s.end - s.start).sort((a, b) => a - b);
    const mix: Record<string, number> = {};
    for (const s of ok) mix[s.kind] = (mix[s.kind] ?? 0) + 1;
    const errors: Record<string, number> = {};
    for (const s of inWindow.filter((x) => !x.ok)) errors[s.error ?? "?"] = (errors[s.error ?? "?"] ?? 0) + 1;
    const finished = this.conversationTurns.filter((t) => t > 0);
    return {
      turns: ok.length,
      turnsPerSecond: round((ok.length / (windowEnd - windowStart)) * 1000, 1),
      p50Ms: round(percentile(latencies, 50), 1),
      p90Ms: round(percentile(latencies, 90), 1),
      p99Ms: round(percentile(latencies, 99), 1),
      maxMs: round(latencies.at(-1) ?? Number.NaN, 1),
      conversations: this.conversationStarts.filter((t) => t >= windowStart && t <= windowEnd).length,
      turnsPerConversation: round(finished.reduce((a, b) => a + b, 0) / Math.max(1, finished.length), 2),
      mix,
      errors,
    };
  }
}

/** One turn must come back as an answer card before anything is measured: error responses are fast. */
export async function checkTurn(target: Target): Promise<void> {
  const body = JSON.stringify({
    type: "message",
    id: randomUUID(),
    serviceUrl: "http://127.0.0.1:9/",
    channelId: "emulator",
    from: { id: "check", role: "user" },
    recipient: { id: "bot", role: "bot" },
    conversation: { id: `capacity-check-${randomUUID()}` },
    locale: "de-DE",
    text: QUESTIONS[2],
    deliveryMode: "expectReplies",
  });
  const res = await request(target, "POST", "/api/messages", body);
  const kind = res.status === 200 ? readReply(JSON.parse(res.body) as Reply).kind : undefined;
  if (kind !== "answer" && kind !== "clarify") throw new Error(`${target.url} did not answer a turn (HTTP ${res.status}: ${res.body.slice(0, 200)})`);
}

// --- Direct Line conversations held open ---------------------------------------------------------

interface Held {
  node: number;
  conversationId: string;
  token: string;
  ws: WebSocket;
  /** Activity id → its sample, while the reply is awaited. */
  pending: Map<string, number>;
  /** Replies that reached the stream before the POST of their message returned: activity id → when. */
  early: Map<string, number>;
}

interface MessageSample {
  sent: number;
  replied?: number;
  error?: string;
}

export interface HeldFigures {
  /** Conversations opened per node, and how many still had their stream open at the end. */
  openedPerNode: number[];
  openAtEndPerNode: number[];
  /** Messages sent inside the window (all nodes), answered on the stream, and lost. */
  messages: number;
  answered: number;
  lost: number;
  messagesPerSecond: number;
  /** POST of the message → the bot's reply on the stream. */
  replyP50Ms: number;
  replyP99Ms: number;
  /** Seconds it took to open all of them (tokens, conversations, streams). */
  openSeconds: number;
  errors: Record<string, number>;
}

export class HeldConversations {
  private readonly held: Held[] = [];
  private readonly samples: MessageSample[] = [];
  private readonly errors: Record<string, number> = {};
  private readonly timers: NodeJS.Timeout[] = [];
  private next = 0;
  private stopped = false;
  /** Messages whose POST has not returned yet. */
  private inflight = 0;
  private openSeconds = 0;
  private openedPerNode: number[];

  constructor(private readonly nodes: Target[]) {
    this.openedPerNode = nodes.map(() => 0);
  }

  private error(what: string): void {
    this.errors[what] = (this.errors[what] ?? 0) + 1;
  }

  /** Opens `perNode` conversations on every node, a few at a time (as visitors arrive, not all in one instant). */
  async open(perNode: number): Promise<void> {
    const started = performance.now();
    const jobs = this.nodes.flatMap((_, node) => Array.from({ length: perNode }, () => node));
    const parallel = 16;
    for (let i = 0; i < jobs.length; i += parallel) {
      await Promise.all(
        jobs.slice(i, i + parallel).map((node) =>
          this.openOne(node).then(
            (held) => {
              this.held.push(held);
              this.openedPerNode[node]!++;
            },
            (err: unknown) => this.error(`open: ${(err as Error).message}`),
          ),
        ),
      );
    }
    this.openSeconds = round((performance.now() - started) / 1000, 1);
  }

  private async openOne(node: number): Promise<Held> {
    const target = this.nodes[node]!;
    const tokenRes = await request(target, "POST", "/v3/directline/tokens/generate", "{}");
    if (tokenRes.status !== 200) throw new Error(`token HTTP ${tokenRes.status}`);
    const { token } = JSON.parse(tokenRes.body) as { token: string };
    const started = await request(target, "POST", "/v3/directline/conversations", "{}", { authorization: `Bearer ${token}` });
    if (started.status !== 201) throw new Error(`start HTTP ${started.status}`);
    const { conversationId, streamUrl } = JSON.parse(started.body) as { conversationId: string; streamUrl: string };
    const ws = new WebSocket(streamUrl);
    await new Promise<void>((resolve, reject) => {
      ws.once("open", () => resolve());
      ws.once("error", reject);
    });
    const held: Held = { node, conversationId, token, ws, pending: new Map(), early: new Map() };
    ws.on("error", () => undefined);
    ws.on("message", (data) => {
      const text = data.toString();
      if (!text) return;
      const group = JSON.parse(text) as { activities: Array<{ replyToId?: string; from?: { role?: string } }> };
      for (const a of group.activities) {
        if (!a.replyToId || a.from?.role === "user") continue;
        const sample = held.pending.get(a.replyToId);
        if (sample === undefined) {
          if (!held.early.has(a.replyToId)) held.early.set(a.replyToId, performance.now());
          continue;
        }
        held.pending.delete(a.replyToId);
        this.samples[sample]!.replied ??= performance.now();
      }
    });
    return held;
  }

  /** Every conversation sends a message every `everyMs`, the first at a random moment within that time. */
  startMessages(everyMs: number): void {
    for (const held of this.held) {
      const send = () => void this.send(held);
      const first = setTimeout(() => {
        send();
        this.timers.push(setInterval(send, everyMs));
      }, Math.random() * everyMs);
      this.timers.push(first);
    }
  }

  private async send(held: Held): Promise<void> {
    if (this.stopped || held.ws.readyState !== WebSocket.OPEN) return;
    const target = this.nodes[this.next++ % this.nodes.length]!;
    const text = QUESTIONS[this.next % QUESTIONS.length]!;
    const index = this.samples.push({ sent: performance.now() }) - 1;
    this.inflight++;
    try {
      const res = await request(target, "POST", `/v3/directline/conversations/${held.conversationId}/activities`, JSON.stringify({ type: "message", from: { id: `visitor-${held.conversationId}` }, text }), {
        authorization: `Bearer ${held.token}`,
      });
      if (res.status !== 200) {
        this.samples[index]!.error = `post HTTP ${res.status}`;
        return;
      }
      const { id } = JSON.parse(res.body) as { id: string };
      const early = held.early.get(id);
      if (early === undefined) held.pending.set(id, index);
      else {
        held.early.delete(id);
        this.samples[index]!.replied = early;
      }
    } catch (err) {
      this.samples[index]!.error = `post ${(err as Error).message}`;
    } finally {
      this.inflight--;
    }
  }

  /** No new messages; waits up to `drainMs` for the replies still on their way. */
  async stop(drainMs = 10_000): Promise<void> {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    const until = performance.now() + drainMs;
    while (performance.now() < until && (this.inflight > 0 || this.held.some((h) => h.pending.size > 0))) await new Promise((r) => setTimeout(r, 50));
  }

  /** Messages answered since the start, warm-up included. */
  answered(): number {
    return this.samples.filter((s) => s.replied !== undefined).length;
  }

  openNow(): number[] {
    return this.nodes.map((_, node) => this.held.filter((h) => h.node === node && h.ws.readyState === WebSocket.OPEN).length);
  }

  figures(windowStart: number, windowEnd: number, openAtEndPerNode: number[]): HeldFigures {
    const inWindow = this.samples.filter((s) => s.sent >= windowStart && s.sent <= windowEnd);
    const answered = inWindow.filter((s) => s.replied !== undefined);
    const latencies = answered.map((s) => s.replied! - s.sent).sort((a, b) => a - b);
    const errors = { ...this.errors };
    for (const s of inWindow) if (s.error) errors[s.error] = (errors[s.error] ?? 0) + 1;
    return {
      openedPerNode: this.openedPerNode,
      openAtEndPerNode,
      messages: inWindow.length,
      answered: answered.length,
      lost: inWindow.length - answered.length,
      messagesPerSecond: round((inWindow.length / (windowEnd - windowStart)) * 1000, 1),
      replyP50Ms: round(percentile(latencies, 50), 1),
      replyP99Ms: round(percentile(latencies, 99), 1),
      openSeconds: this.openSeconds,
      errors,
    };
  }

  close(): void {
    for (const h of this.held) h.ws.close();
  }
}
