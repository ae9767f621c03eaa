/**
 * One error shape: what a caller of the API sees when a service throws an AppError (or one of its
 * kinds), through the real error handler of the server, and that nothing else leaks.
 */
import Fastify, { type FastifyInstance } from "fastify";
import { serializerCompiler, validatorCompiler } from "fastify-type-provider-zod";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AuthError, NotANavigatorError } from "../../src/auth/navigator.js";
import { CurationError } from "../../src/curation/curation-service.js";
import { CurationErrorBody } from "../../src/curation/schemas.js";
import { TokenError } from "../../src/directline/tokens.js";
import { PairingError } from "../../src/handoff/navigator-pairing.js";
import { ticketNotFound, TicketError } from "../../src/handoff/ticket-errors.js";
import { ActivityRejected } from "../../src/server/bot-activity.js";
import { ErrorBody, installErrorHandler } from "../../src/server/errors.js";
import { AppError } from "../../src/util/app-error.js";

const THROWN: Record<string, () => Error> = {
  plain: () => new AppError("gone_fishing", "the service is out", 409),
  params: () => new AppError("too_big", "at most 3", 400, { params: { max: 3 } }),
  ticket: () => ticketNotFound(42),
  taken: () => new TicketError({ code: "taken_by_other", params: { number: "L-0007", takenBy: "Anna" } }),
  unauthorized: () => new AuthError("the token is not valid", "wrong_api_token_secret"),
  notNavigator: () => new NotANavigatorError("signed in, but not as a navigator", "missing_role", "entra:x"),
  dlToken: () => new TokenError("invalid", "the token is not a Direct Line token of this server"),
  dlExpired: () => new TokenError("expired", "the token has expired; start a new conversation"),
  pairing: () => new PairingError("too_many_codes", 429, "at most 5 pairing codes per hour"),
  curation: () => new CurationError(422, "invalid_draft", "the draft has errors", { draftId: 3 }, [{ path: "title.de", severity: "error", code: "empty", message: "must not be empty" }]),
  rejected: () => new ActivityRejected([{ path: "channelData", message: "expected object" }]),
  bug: () => new Error("secret internals at /srv/lotse"),
};

let app: FastifyInstance;

beforeAll(async () => {
  app = Fastify({ logger: false });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);
  // With the routes' declared error schemas, as the real routes have them.
  const schema = { response: { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 429: ErrorBody } };
  app.get("/:kind", { schema }, async (req) => {
    throw THROWN[(req.params as { kind: string }).kind]!();
  });
  app.get("/curation/:kind", { schema: { response: { 422: CurationErrorBody } } }, async (req) => {
    throw THROWN[(req.params as { kind: string }).kind]!();
  });
  await app.ready();
});

afterAll(() => app.close());

async function get(url: string) {
  const res = await app.inject({ url });
  return { status: res.statusCode, body: res.body, auth: res.headers["www-authenticate"] };
}

describe("AppError through the server's error handler", () => {
  it("answers with the error's status and { error: code, message }", async () => {
    expect(await get("/plain")).toEqual({ status: 409, body: '{"error":"gone_fishing","message":"the service is out"}', auth: undefined });
    expect(await get("/params")).toEqual({ status: 400, body: '{"error":"too_big","message":"at most 3","params":{"max":3}}', auth: undefined });
  });

  it("keeps a ticket error's body as the console reads it", async () => {
    expect(await get("/ticket")).toMatchObject({ status: 404, body: '{"error":"not_found","message":"there is no ticket L-0042","params":{"ticketId":42,"number":"L-0042"}}' });
    expect(await get("/taken")).toMatchObject({
      status: 409,
      body: '{"error":"taken_by_other","message":"L-0007 was taken by Anna; only they can reply","params":{"number":"L-0007","takenBy":"Anna"}}',
    });
  });

  it("says how to authenticate on a 401, and tells a signed-in non-navigator it is a 403", async () => {
    expect(await get("/unauthorized")).toEqual({ status: 401, body: '{"error":"unauthorized","message":"the token is not valid"}', auth: 'Bearer realm="lotse-console"' });
    expect(await get("/notNavigator")).toEqual({
      status: 403,
      body: '{"error":"not_a_navigator","message":"signed in, but not as a navigator"}',
      auth: 'Bearer realm="lotse-console", error="insufficient_scope"',
    });
  });

  it("maps Direct Line token refusals to 401 (not ours) and 403 token_expired", async () => {
    expect(await get("/dlToken")).toEqual({
      status: 401,
      body: '{"error":"unauthorized","message":"the token is not a Direct Line token of this server"}',
      auth: 'Bearer realm="directline"',
    });
    expect(await get("/dlExpired")).toEqual({ status: 403, body: '{"error":"token_expired","message":"the token has expired; start a new conversation"}', auth: undefined });
  });

  it("answers pairing, curation and rejected-activity errors in their own shape", async () => {
    expect(await get("/pairing")).toMatchObject({ status: 429, body: '{"error":"too_many_codes","message":"at most 5 pairing codes per hour"}' });
    expect(await get("/curation/curation")).toMatchObject({
      status: 422,
      body: '{"error":"invalid_draft","message":"the draft has errors","params":{"draftId":3},"problems":[{"path":"title.de","severity":"error","code":"empty","message":"must not be empty"}]}',
    });
    expect(await get("/rejected")).toMatchObject({
      status: 400,
      body: '{"error":"bad_request","message":"the request is not valid","details":[{"path":"channelData","message":"expected object"}]}',
    });
  });

  it("tells nothing of an unexpected error", async () => {
    const res = await get("/bug");
    expect(res).toEqual({ status: 500, body: '{"error":"internal","message":"something went wrong on our side"}', auth: undefined });
  });
});

describe("AppError", () => {
  it("is an Error with code, status and params, and its kinds keep their names", () => {
    const err = new AppError("too_big", "at most 3", 400, { params: { max: 3 } });
    expect(err).toBeInstanceOf(Error);
    expect([err.name, err.code, err.status, err.params, err.message]).toEqual(["AppError", "too_big", 400, { max: 3 }, "at most 3"]);
    expect(Object.values(THROWN).filter((make) => make() instanceof AppError).map((make) => make().name)).toEqual([
      "AppError", "AppError", "TicketError", "TicketError", "AuthError", "NotANavigatorError", "TokenError", "TokenError", "PairingError", "CurationError", "ActivityRejected",
    ]);
  });

  it("a ticket error keeps its detail, and the params are a copy in the body", () => {
    const err = ticketNotFound(42);
    expect(err.detail).toEqual({ code: "not_found", params: { ticketId: 42, number: "L-0042" } });
    expect(err.toBody().params).not.toBe(err.params);
  });
});
