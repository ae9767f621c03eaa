/**
 * `npm run navigator -- token create NAME`   prints a new personal API token for the console, once
 * `npm run navigator -- token list [--all] [--json]`
 * `npm run navigator -- token revoke NAME|ID`
 */
import { parseArgs } from "node:util";
import { z } from "zod";
import { ApiTokenStore, TokenError, TokenName, type TokenInfo } from "../src/auth/api-tokens.js";
import { ConfigError, loadConfig } from "../src/config.js";
import { openDatabase } from "../src/storage/database.js";

const USAGE = `usage: npm run navigator -- token create NAME      a new token for the navigator console, printed once
       npm run navigator -- token list [--all] [--json]   active tokens (--all: revoked ones too)
       npm run navigator -- token revoke NAME|ID`;

const Command = z.discriminatedUnion("action", [
  z.strictObject({ action: z.literal("create"), name: TokenName }),
  z.strictObject({ action: z.literal("list"), all: z.boolean(), json: z.boolean() }),
  z.strictObject({ action: z.literal("revoke"), target: z.string().trim().min(1, "give the name or id of the token to revoke") }),
]);
type Command = z.infer<typeof Command>;

function fail(message: string): number {
  process.stderr.write(`navigator: ${message}\n${USAGE}\n`);
  return 2;
}

function table(tokens: TokenInfo[]): string {
  if (tokens.length === 0) return "no tokens\n";
  const rows = [["ID", "NAME", "CREATED", "LAST USED", "REVOKED"], ...tokens.map((t) => [t.id, t.name, t.createdAt, t.lastUsedAt ?? "-", t.revokedAt ?? "-"])];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((c, i) => c.padEnd(widths[i]!)).join("  ").trimEnd()).join("\n") + "\n";
}

function parseCommand(argv: string[]): Command | string | "help" {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, strict: true, options: { all: { type: "boolean" }, json: { type: "boolean" }, help: { type: "boolean", short: "h" } } });
  } catch (err) {
    return (err as Error).message;
  }
  const { values, positionals } = parsed;
  if (values.help) return "help";
  const [group, action, ...rest] = positionals;
  if (group !== "token") return group ? `unknown command "${group}"` : "no command given";
  if (action !== "list" && (values.all || values.json)) return "--all and --json belong to token list";
  if (rest.length > 1) return `too many arguments: ${rest.join(" ")} (quote a name with spaces)`;
  const raw = action === "create" ? { action, name: rest[0] } : action === "revoke" ? { action, target: rest[0] ?? "" } : { action, all: values.all ?? false, json: values.json ?? false };
  if (action === "list" && rest.length > 0) return "token list takes no arguments";
  const command = Command.safeParse(raw);
  if (!command.success) {
    const issue = command.error.issues[0]!;
    return issue.path[0] === "action" ? (action ? `unknown action "${action}" (create, list or revoke)` : "token needs an action: create, list or revoke") : issue.message;
  }
  return command.data;
}

function main(argv: string[]): number {
  const command = parseCommand(argv);
  if (command === "help") {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (typeof command === "string") return fail(command);

  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`navigator: ${err.message}\n`);
      return 1;
    }
    throw err;
  }
  const db = openDatabase({ dataDir: config.dataDir });
  try {
    const store = new ApiTokenStore(db);
    switch (command.action) {
      case "create": {
        const { token, info } = store.create(command.name);
        process.stdout.write(`${token}\n`);
        process.stderr.write(`token "${info.name}" (id ${info.id}) created; it is shown only now: keep it like a password\n`);
        return 0;
      }
      case "list": {
        const tokens = store.list({ includeRevoked: command.all });
        process.stdout.write(command.json ? `${JSON.stringify(tokens)}\n` : table(tokens));
        return 0;
      }
      case "revoke": {
        const info = store.revoke(command.target);
        process.stdout.write(`token "${info.name}" (id ${info.id}) revoked\n`);
        return 0;
      }
    }
  } catch (err) {
    if (err instanceof TokenError) {
      process.stderr.write(`navigator: ${err.message}\n`);
      return 1;
    }
    throw err;
  } finally {
    db.close();
  }
}

process.exitCode = main(process.argv.slice(2));
