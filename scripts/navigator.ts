/**
 * `npm run navigator -- token create NAME`   prints a new personal API token for the console, once
 * `npm run navigator -- token list [--all] [--json]`
 * `npm run navigator -- token revoke NAME|ID`
 */
import { z } from "zod";
import { ApiTokenStore, TokenError, TokenName, type TokenInfo } from "../src/auth/api-tokens.js";
import { EXIT, Failure, processIo, runCommand, runIfMain, type Io } from "../src/cli/command.js";
import { loadConfig } from "../src/config.js";
import { openDatabase } from "../src/storage/database.js";

const Action = z.discriminatedUnion("action", [
  z.strictObject({ action: z.literal("create"), name: TokenName }),
  z.strictObject({ action: z.literal("list"), all: z.boolean(), json: z.boolean() }),
  z.strictObject({ action: z.literal("revoke"), target: z.string().trim().min(1, "give the name or id of the token to revoke") }),
]);

/** `token ACTION [ARG]` and the flags, as one of the actions above; each mistake in the user's words. */
const Args = z
  .strictObject({ all: z.boolean().default(false), json: z.boolean().default(false), positionals: z.array(z.string()) })
  .transform((a, ctx) => {
    const problem = (message: string) => {
      ctx.addIssue({ code: "custom", path: [], message });
      return z.NEVER;
    };
    const [group, action, ...rest] = a.positionals;
    if (group !== "token") return problem(group ? `unknown command "${group}"` : "no command given");
    if (action !== "list" && (a.all || a.json)) return problem("--all and --json belong to token list");
    if (rest.length > 1) return problem(`too many arguments: ${rest.join(" ")} (quote a name with spaces)`);
    if (action === "list" && rest.length > 0) return problem("token list takes no arguments");
    const raw = action === "create" ? { action, name: rest[0] } : action === "revoke" ? { action, target: rest[0] ?? "" } : { action, all: a.all, json: a.json };
    const parsed = Action.safeParse(raw);
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0]!;
    return problem(issue.path[0] === "action" ? (action ? `unknown action "${action}" (create, list or revoke)` : "token needs an action: create, list or revoke") : issue.message);
  });

const COMMAND = {
  name: "navigator",
  usage: `usage: npm run navigator -- token create NAME      a new token for the navigator console, printed once
       npm run navigator -- token list [--all] [--json]   active tokens (--all: revoked ones too)
       npm run navigator -- token revoke NAME|ID
Exit codes: 0 done; 1 the name is in use, no such token, or the database cannot be opened; 2 bad usage or configuration.`,
  options: { all: { type: "boolean" }, json: { type: "boolean" } },
  positionals: true,
  schema: Args,
} as const;

function table(tokens: TokenInfo[]): string {
  if (tokens.length === 0) return "no tokens\n";
  const rows = [["ID", "NAME", "CREATED", "LAST USED", "REVOKED"], ...tokens.map((t) => [t.id, t.name, t.createdAt, t.lastUsedAt ?? "-", t.revokedAt ?? "-"])];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((c, i) => c.padEnd(widths[i]!)).join("  ").trimEnd()).join("\n") + "\n";
}

export function main(argv: string[], io: Io = processIo()): Promise<number> {
  return runCommand(COMMAND, argv, io, async (command) => {
    const config = loadConfig(io.env);
    // The server's own database: SQLite in DATA_DIR, or PostgreSQL with DATABASE_URL.
    const database = await openDatabase({ dataDir: config.dataDir, databaseUrl: config.databaseUrl, poolSize: config.databasePoolSize }).catch((err: unknown) => {
      // An unreachable server or a newer schema is the operator's to fix, not a bug: the message, no stack.
      throw new Failure((err as Error).message);
    });
    try {
      const store = new ApiTokenStore(database.db);
      switch (command.action) {
        case "create": {
          const { token, info } = await store.create(command.name);
          io.stdout(`${token}\n`);
          io.stderr(`token "${info.name}" (id ${info.id}) created; it is shown only now: keep it like a password\n`);
          return EXIT.ok;
        }
        case "list": {
          const tokens = await store.list({ includeRevoked: command.all });
          io.stdout(command.json ? `${JSON.stringify(tokens)}\n` : table(tokens));
          return EXIT.ok;
        }
        case "revoke": {
          const info = await store.revoke(command.target);
          io.stdout(`token "${info.name}" (id ${info.id}) revoked\n`);
          return EXIT.ok;
        }
      }
    } catch (err) {
      if (err instanceof TokenError) throw new Failure(err.message);
      throw err;
    } finally {
      await database.close();
    }
  });
}

runIfMain(import.meta, main);
