/**
 * Calls to /api/console with the navigator's bearer token: a personal API token kept in this
 * tab's sessionStorage, or inside Teams a Teams SSO token. API errors arrive as
 * `{ error, message, params }` and are worded here from the locale by their code.
 */
import { t, tMaybe } from "./i18n.js";
import { teams } from "./teams.js";

export const TOKEN_KEY = "lotse.console.token";

/** The sign-in is missing or was refused: the page shows the sign-in form instead of an error. */
export class SignInNeeded extends Error {}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code?: string,
    readonly params: Record<string, unknown> = {},
    /** The whole error body, for routes that send more (problems of an invalid draft …). */
    readonly body: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

let onSignInNeeded: (reason?: string) => void = () => {};
/** What to do when the server refuses the token (main shows the sign-in form). */
export function whenSignInNeeded(handler: (reason?: string) => void): void {
  onSignInNeeded = handler;
}

export function storedToken(): string | null {
  return sessionStorage.getItem(TOKEN_KEY);
}
export function storeToken(token: string | null): void {
  if (token) sessionStorage.setItem(TOKEN_KEY, token);
  else sessionStorage.removeItem(TOKEN_KEY);
}

async function bearerToken(): Promise<string> {
  const stored = storedToken();
  if (stored) return stored;
  const sdk = teams();
  if (sdk) return sdk.authentication.getAuthToken();
  throw new SignInNeeded();
}

export interface CallOptions {
  method?: "GET" | "POST" | "PUT" | "DELETE";
  body?: unknown;
  signal?: AbortSignal;
}

async function send(path: string, { method = "GET", body, signal }: CallOptions): Promise<Response> {
  const token = await bearerToken();
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (body !== undefined) headers["content-type"] = "application/json";
  let res: Response;
  try {
    res = await fetch(`/api/console${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal });
  } catch (err) {
    if (signal?.aborted) throw err;
    throw new ApiError(0, t("networkError"), "network");
  }
  if (res.status === 401) {
    storeToken(null);
    onSignInNeeded(t("sessionExpired"));
    throw new SignInNeeded();
  }
  if (!res.ok) {
    const err = (await res.json().catch(() => ({}))) as Record<string, unknown>;
    const code = typeof err.error === "string" ? err.error : undefined;
    const params = err.params && typeof err.params === "object" ? (err.params as Record<string, unknown>) : {};
    throw new ApiError(res.status, typeof err.message === "string" ? err.message : res.statusText, code, params, err);
  }
  return res;
}

/** The route's JSON answer; 204 gives undefined. */
export async function call<T>(path: string, options: CallOptions = {}): Promise<T> {
  const res = await send(path, options);
  return (res.status === 204 ? undefined : await res.json()) as T;
}

/** The response itself, for downloads. */
export function callRaw(path: string): Promise<Response> {
  return send(path, {});
}

/** The wording's key for a ticket error, as ticketErrorKey in src/handoff/ticket-errors.ts decides it. */
function errorVariant(code: string, params: Record<string, unknown>): string {
  if (code === "already_taken" && params.byYou === true) return "already_taken_by_you";
  if (code === "invalid" && typeof params.problem === "string" && params.problem !== "invalid") return `invalid_${params.problem}`;
  return code;
}

/** A parameter as text: a person ({ id, name }) by name. */
function paramText(value: unknown): string {
  if (typeof value === "string" || typeof value === "number") return String(value);
  if (value && typeof value === "object" && "name" in value && typeof value.name === "string") return value.name;
  return JSON.stringify(value);
}

/** An error as the navigator reads it: the locale's wording for its code, else the server's message. */
export function errorText(err: unknown): string {
  if (err instanceof ApiError) {
    const vars = Object.fromEntries(Object.entries(err.params).map(([k, v]) => [k, paramText(v)]));
    const variant = err.code && errorVariant(err.code, err.params);
    return (variant && tMaybe(`error.${variant}`, vars)) || (err.code && tMaybe(`error.${err.code}`, vars)) || err.message;
  }
  return err instanceof Error ? err.message : String(err);
}
