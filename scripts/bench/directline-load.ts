/**
 * Many visitors at once on Lotse's Direct Line, each as Web Chat would be: a token, the
 * conversation with its WebSocket stream, then messages one after another, each waiting for
 * the bot's reply on the stream. Checks what a visitor would notice (every message answered,
 * nothing lost or shown twice, watermarks only growing) and measures latency and throughput.
 * Used by `npm run bench` and by tests/directline/load.test.ts.
 */
import { WebSocket } from "ws";
import { percentile, round } from "./util.js";

export interface LoadOptions {
  /** http://host:port of a running Lotse. */
  baseUrl: string;
  conversations: number;
  messages: number;
  questions?: readonly string[];
  /** Per reply; a reply later than this counts as lost. */
  timeoutMs?: number;
}

export interface LoadResult {
  conversations: number;
  messages: number;
  answered: number;
  lost: number;
  duplicates: number;
  watermarkViolations: number;
  /** Requests that were not 2xx (token, conversation start, posts). */
  httpErrors: Record<string, number>;
  wallMs: number;
  /** Visitor messages per second over the whole run. */
  messagesPerSecond: number;
  /** POST of the message → the bot's reply on the stream. */
  replyP50Ms: number;
  replyP99Ms: number;
  replyMaxMs: number;
}

const DEFAULT_QUESTIONS = [
  "Was ist eine Einstiegsqualifizierung?",
  "Darf ich jemanden mit Duldung einstellen?",
  "Gibt es einen Lohnkostenzuschuss?",
  "Wer ist für die Arbeitserlaubnis zuständig?",
  "Wie läuft die Anerkennung eines Berufsabschlusses?",
  "Was ist ein Integrationskurs?",
];

interface Pending {
  sentAt: number;
  resolve: (ms: number) => void;
}

async function visitor(opts: Required<LoadOptions>, index: number, result: LoadResult, latencies: number[]): Promise<void> {
  const error = (what: string) => (result.httpErrors[what] = (result.httpErrors[what] ?? 0) + 1);
  const tokenRes = await fetch(`${opts.baseUrl}/v3/directline/tokens/generate`, { method: "POST" });
  if (!tokenRes.ok) return void error(`token ${tokenRes.status}`);
  const { token, conversationId } = (await tokenRes.json()) as { token: string; conversationId: string };
  const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
  const started = await fetch(`${opts.baseUrl}/v3/directline/conversations`, { method: "POST", headers, body: "{}" });
  if (started.status !== 201) return void error(`start ${started.status}`);
  const { streamUrl } = (await started.json()) as { streamUrl: string };

  const seen = new Set<string>();
  let lastWatermark = 0;
  const pending = new Map<string, Pending>();
  /** When the first reply to each of the visitor's messages arrived. */
  const repliedAt = new Map<string, number>();
  const ws = new WebSocket(streamUrl);
  await new Promise<void>((resolve, reject) => {
    ws.once("open", () => resolve());
    ws.once("error", reject);
  });
  ws.on("message", (data) => {
    const text = data.toString();
    if (!text) return;
    const group = JSON.parse(text) as { activities: { id: string; replyToId?: string; from: { role?: string } }[]; watermark: string };
    const watermark = Number(group.watermark);
    if (!(watermark > lastWatermark)) result.watermarkViolations++;
    lastWatermark = watermark;
    for (const a of group.activities) {
      if (seen.has(a.id)) result.duplicates++;
      seen.add(a.id);
      if (!a.replyToId || a.from.role === "user" || repliedAt.has(a.replyToId)) continue;
      repliedAt.set(a.replyToId, performance.now());
      const waiting = pending.get(a.replyToId);
      if (waiting) {
        pending.delete(a.replyToId);
        waiting.resolve(performance.now() - waiting.sentAt);
      }
    }
  });

  try {
    for (let m = 0; m < opts.messages; m++) {
      const text = opts.questions[(index + m) % opts.questions.length]!;
      const sentAt = performance.now();
      const res = await fetch(`${opts.baseUrl}/v3/directline/conversations/${conversationId}/activities`, {
        method: "POST",
        headers,
        body: JSON.stringify({ type: "message", text, channelData: { clientActivityID: `load-${index}-${m}` } }),
      });
      if (!res.ok) {
        error(`post ${res.status}`);
        result.lost++;
        continue;
      }
      const { id } = (await res.json()) as { id: string };
      // The reply may already have arrived on the stream before the POST returned.
      const ms = repliedAt.has(id)
        ? repliedAt.get(id)! - sentAt
        : await new Promise<number | undefined>((resolve) => {
            const timer = setTimeout(() => {
              pending.delete(id);
              resolve(undefined);
            }, opts.timeoutMs);
            pending.set(id, {
              sentAt,
              resolve: (v) => {
                clearTimeout(timer);
                resolve(v);
              },
            });
          });
      if (ms === undefined) result.lost++;
      else {
        result.answered++;
        latencies.push(ms);
      }
    }
  } finally {
    ws.close();
  }
}

export async function runDirectLineLoad(options: LoadOptions): Promise<LoadResult> {
  const opts: Required<LoadOptions> = { questions: DEFAULT_QUESTIONS, timeoutMs: 30_000, ...options };
  const result: LoadResult = {
    conversations: opts.conversations,
    messages: opts.conversations * opts.messages,
    answered: 0,
    lost: 0,
    duplicates: 0,
    watermarkViolations: 0,
    httpErrors: {},
    wallMs: 0,
    messagesPerSecond: 0,
    replyP50Ms: 0,
    replyP99Ms: 0,
    replyMaxMs: 0,
  };
  const latencies: number[] = [];
  const start = performance.now();
  await Promise.all(
    Array.from({ length: opts.conversations }, (_, i) =>
      visitor(opts, i, result, latencies).catch((err: unknown) => {
        result.httpErrors[`client ${(err as Error).message}`] = (result.httpErrors[`client ${(err as Error).message}`] ?? 0) + 1;
      }),
    ),
  );
  result.wallMs = round(performance.now() - start, 0);
  latencies.sort((a, b) => a - b);
  result.messagesPerSecond = round((result.answered / result.wallMs) * 1000, 1);
  result.replyP50Ms = round(percentile(latencies, 50), 1);
  result.replyP99Ms = round(percentile(latencies, 99), 1);
  result.replyMaxMs = round(latencies.at(-1) ?? Number.NaN, 1);
  return result;
}
