/**
 * The console's "Teams-Kanal" routes under /api/console/teams-channel, behind the console's
 * sign-in check: which team is the navigators', a one-time pairing code, unpairing. The work
 * is done by src/handoff/navigator-pairing.ts.
 */
import fp from "fastify-plugin";
import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Navigator } from "../../auth/navigator.js";
import { CreatedCode, PairingStatus } from "../../handoff/navigator-pairing.js";
import { ErrorBody } from "../errors.js";
import { consoleAuth } from "./console.js";

const ERRORS = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 429: ErrorBody } as const;

/** Creating a code takes no input; a body, if any, must be an empty object (none arrives as null). */
const CreateCodeBody = z.strictObject({}).nullish();

function actor(req: { navigator: Navigator | null }): { id: string; name: string } {
  // The console's onRequest hook has refused every request without one.
  if (!req.navigator) throw new Error("teams-channel: route reached without a navigator");
  return { id: req.navigator.id, name: req.navigator.name };
}

const navigatorPairingPlugin: FastifyPluginAsync = async (app) => {
  await app.register(
    async (api) => {
      api.addHook("onRequest", consoleAuth(app.console.authenticator));
      const r = api.withTypeProvider<ZodTypeProvider>();
      const pairing = app.handoff.channels;
      // A PairingError (configured, too_many_codes, not_paired) answers with its status via src/server/errors.ts.

      r.get("/teams-channel", { schema: { response: { 200: PairingStatus, ...ERRORS } } }, async () => pairing.status());

      r.post("/teams-channel/pairing-code", { schema: { body: CreateCodeBody, response: { 201: CreatedCode, ...ERRORS } } }, async (req, reply) =>
        reply.code(201).send(await pairing.createCode(actor(req))),
      );

      r.delete("/teams-channel", { schema: { response: { 200: PairingStatus, ...ERRORS } } }, async (req) => pairing.unpair(actor(req)));
    },
    { prefix: "/api/console" },
  );
};

export default fp(navigatorPairingPlugin, { name: "navigator-pairing", dependencies: ["database", "handoff", "console"] });
