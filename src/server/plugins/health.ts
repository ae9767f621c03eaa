/** Liveness and readiness probes. */
import fp from "fastify-plugin";
import type { FastifyPluginAsync } from "fastify";

const healthPlugin: FastifyPluginAsync = async (app) => {
  app.get("/healthz", async () => ({ status: "ok" }));
  app.get("/readyz", async (_req, reply) => {
    const articles = app.hasDecorator("knowledge") ? app.knowledge.articles.length : 0;
    if (articles === 0) return reply.code(503).send({ status: "not_ready", articles });
    return { status: "ready", articles };
  });
};

export default fp(healthPlugin, { name: "health", dependencies: ["knowledge"] });
