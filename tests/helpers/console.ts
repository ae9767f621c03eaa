/** Console API calls over real HTTP, and tickets as the bot would create them. */
import { randomUUID } from "node:crypto";
import type { NewTicket } from "../../src/handoff/index.js";
import type { Lotse } from "./bot-harness.js";

export interface ApiResponse {
  status: number;
  headers: Headers;
  body: any;
  text: string;
}

export async function api(lotse: Pick<Lotse, "url">, path: string, token?: string, init: { method?: string; body?: unknown } = {}): Promise<ApiResponse> {
  const headers: Record<string, string> = {};
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  if (init.body !== undefined) headers["content-type"] = "application/json";
  const res = await fetch(`${lotse.url}/api/console${path}`, {
    method: init.method ?? (init.body !== undefined ? "POST" : "GET"),
    headers,
    body: init.body === undefined ? undefined : typeof init.body === "string" ? init.body : JSON.stringify(init.body),
  });
  const text = await res.text();
  let body: unknown = text;
  if (res.headers.get("content-type")?.startsWith("application/json")) body = JSON.parse(text);
  return { status: res.status, headers: res.headers, body, text };
}

export function newTicket(fields: Partial<NewTicket> = {}, serviceUrl = "http://127.0.0.1:9/"): NewTicket {
  const conversationId = randomUUID();
  return {
    name: "Erika Muster",
    organisation: "Bäckerei Muster",
    contact: { kind: "email", value: "erika@example.org" },
    question: "Darf ich eine Person mit Duldung als Aushilfe einstellen?",
    language: "de",
    audience: "employer",
    topics: ["beschaeftigung-duldung"],
    reason: "button",
    channel: "webchat",
    conversationId,
    conversationReference: {
      channelId: "webchat",
      serviceUrl,
      conversation: { id: conversationId },
      user: { id: "user-1", name: "Erika" },
      bot: { id: "lotse-bot", name: "Lotse" },
    },
    consentAt: new Date().toISOString(),
    transcript: [
      { author: "user", text: "Darf ich eine Person mit Duldung einstellen?", at: new Date().toISOString() },
      { author: "bot", text: "Dazu habe ich keine sichere Antwort.", at: new Date().toISOString() },
    ],
    ...fields,
  };
}
