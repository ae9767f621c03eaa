/**
 * The database, opened (and migrated) once and closed with the server: SQLite under DATA_DIR,
 * or PostgreSQL when DATABASE_URL is set. `app.db` is the query builder the repositories use.
 */
import fp from "fastify-plugin";
import type { FastifyPluginAsync } from "fastify";
import type { Config } from "../../config.js";
import { openDatabase, type Db, type LotseDatabase } from "../../storage/database.js";
import { createLeadership, type Leadership } from "../../storage/coordination.js";
import { createSignals, signalsReady, type Signals } from "../../storage/signals.js";

declare module "fastify" {
  interface FastifyInstance {
    database: LotseDatabase;
    db: Db;
    /** Wake-ups between the nodes sharing the database (src/storage/signals.ts). */
    signals: Signals;
    /** Jobs that run on one node at a time (src/storage/coordination.ts). */
    leadership: Leadership;
  }
}

export interface DatabasePluginOptions {
  config: Config;
}

const databasePlugin: FastifyPluginAsync<DatabasePluginOptions> = async (app, opts) => {
  const { dataDir, databaseUrl, databasePoolSize } = opts.config;
  const database = await openDatabase({ dataDir, databaseUrl, poolSize: databasePoolSize });
  app.log.info({ engine: database.engine, location: database.location }, "database ready");
  app.decorate("database", database);
  app.decorate("db", database.db);
  const signals = createSignals(database, app.log);
  await signalsReady(signals);
  app.decorate("signals", signals);
  app.decorate("leadership", createLeadership(database));
  app.addHook("onClose", async () => {
    await signals.close();
    await database.close();
  });
};

export default fp(databasePlugin, { name: "database" });
