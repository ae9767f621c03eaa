/**
 * The official Direct Line client (botframework-directlinejs) in Node, pointed at a running
 * Lotse: what Web Chat uses in the browser, with xhr2 and ws standing in for the browser's
 * XMLHttpRequest and WebSocket.
 */
import { createRequire } from "node:module";
import { WebSocket } from "ws";

const require = createRequire(import.meta.url);
const g = globalThis as Record<string, unknown>;
g.XMLHttpRequest ??= require("xhr2");
g.WebSocket ??= WebSocket;

// Loaded after the globals exist: the library captures them when it is first evaluated.
const { DirectLine, ConnectionStatus } = require("botframework-directlinejs") as typeof import("botframework-directlinejs");
export { ConnectionStatus, DirectLine };

export type Wire = Record<string, any>;

export interface Visitor {
  dl: InstanceType<typeof DirectLine>;
  received: Wire[];
  /** Resolves with the first activity (after those already seen when called) that matches. */
  next(match: (a: Wire) => boolean, timeoutMs?: number): Promise<Wire>;
  /** Sends a message and waits for its id. */
  say(text: string, extra?: Wire): Promise<string>;
  click(value: Wire): Promise<string>;
  end(): void;
}

export interface VisitorOptions {
  domain: string;
  token: string;
  conversationId?: string;
  watermark?: string;
  webSocket: boolean;
}

export function connectVisitor(opts: VisitorOptions): Visitor {
  const dl = new DirectLine({
    domain: opts.domain,
    token: opts.token,
    webSocket: opts.webSocket,
    pollingInterval: 200,
    ...(opts.conversationId ? { conversationId: opts.conversationId } : {}),
    ...(opts.watermark !== undefined ? { watermark: opts.watermark } : {}),
  });
  const received: Wire[] = [];
  const waiters: { from: number; match: (a: Wire) => boolean; resolve: (a: Wire) => void }[] = [];
  let cursor = 0;
  dl.activity$.subscribe({
    next: (a: Wire) => {
      received.push(a);
      for (const w of [...waiters]) {
        if (received.length - 1 >= w.from && w.match(a)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(a);
        }
      }
    },
    // end() makes the stream fail with "conversation ended"; that is how it says goodbye.
    error: () => undefined,
  });
  const next = (match: (a: Wire) => boolean, timeoutMs = 10_000) =>
    new Promise<Wire>((resolve, reject) => {
      const found = received.slice(cursor).find(match);
      if (found) {
        cursor = received.indexOf(found) + 1;
        return resolve(found);
      }
      const timer = setTimeout(() => reject(new Error(`no matching activity within ${timeoutMs} ms; got ${received.length}: ${received.map((a) => a.type + ":" + (a.text ?? a.attachments?.[0]?.contentType ?? "")).join(" | ")}`)), timeoutMs);
      waiters.push({
        from: cursor,
        match,
        resolve: (a) => {
          clearTimeout(timer);
          cursor = received.indexOf(a) + 1;
          resolve(a);
        },
      });
    });
  const post = (activity: Wire) =>
    new Promise<string>((resolve, reject) => {
      dl.postActivity({ from: { id: "ignored-by-server", name: "Besucherin" }, ...activity } as never).subscribe({ next: resolve, error: reject });
    });
  return {
    dl,
    received,
    next,
    say: (text, extra = {}) => post({ type: "message", text, channelData: { clientActivityID: `c-${Math.random().toString(36).slice(2)}` }, ...extra }),
    click: (value) => post({ type: "message", value }),
    end: () => dl.end(),
  };
}

/** A widget session: POST /api/widget/token, as the chat page does. */
export async function widgetToken(baseUrl: string): Promise<{ token: string; conversationId: string; domain: string; expires_in: number }> {
  const res = await fetch(`${baseUrl}/api/widget/token`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
  if (!res.ok) throw new Error(`widget token: ${res.status} ${await res.text()}`);
  return (await res.json()) as never;
}
