/** The SQLite database under DATA_DIR, opened once and closed with the server. */
import fp from "fastify-plugin";
import type { FastifyPluginAsync } from "fastify";
import type { Config } from "../../config.js";
import { openDatabase, type Db } from "../../storage/database.js";

declare module "fastify" {
  interface FastifyInstance {
    db: Db;
  }
}

export interface DatabasePluginOptions {
  config: Config;
}

const databasePlugin: FastifyPluginAsync<DatabasePluginOptions> = async (app, opts) => {
  const db = openDatabase({ dataDir: opts.config.dataDir });
  app.decorate("db", db);
  app.addHook("onClose", async () => {
    db.close();
  });
};

export default fp(databasePlugin, { name: "database" });
