/**
 * One way to write a command-line tool (scripts/*.ts). A command declares its options for
 * node:util `parseArgs` and a zod schema for what they must be; `runCommand` does the rest the
 * same way everywhere:
 *
 * - `--help` / `-h` prints the usage on stdout, exit code 0 (also beside otherwise bad arguments);
 * - bad usage names the argument (`ask: --language: Invalid option: …`, `Unknown option '--bogus'`)
 *   and prints the usage on stderr, exit code 2; so does a configuration src/config.ts refuses;
 * - `Failure` is a problem the command found (invalid content, a name in use): its message on
 *   stderr, exit code 1; anything else thrown is a bug: its stack on stderr, exit code 1;
 * - stdout carries only the result; diagnostics and progress go to stderr.
 *
 * Each script exports `main(argv, io?)` resolving to the exit code, so tests call it in-process
 * with their own `io`; `runIfMain` runs it when the file is executed (tsx or node) and sets
 * `process.exitCode` — never `process.exit`, so pending output is flushed.
 */
import { realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseArgs, type ParseArgsConfig } from "node:util";
import type { z } from "zod";
import { ConfigError } from "../config.js";

/** The exit codes of every command (README "Command-line conventions"). */
export const EXIT = {
  /** Done; for a check: nothing found. */
  ok: 0,
  /** The command ran and found a problem, or failed. */
  failed: 1,
  /** Bad usage or bad configuration; nothing was done. */
  usage: 2,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** Where a command writes and the environment its configuration is read from; tests pass their own. */
export interface Io {
  /** The result, exactly as given (add the newline). */
  stdout: (text: string) => void;
  /** Diagnostics and progress, exactly as given. */
  stderr: (text: string) => void;
  /** For `loadConfig(io.env)`; undefined: the process environment. */
  env?: NodeJS.ProcessEnv;
}

export const processIo = (): Io => ({
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
});

/** Bad usage found after parsing (e.g. two arguments that exclude each other): exit code 2 with the usage. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** A problem the command found and explains in its message (no stack trace): exit code 1. */
export class Failure extends Error {
  override name = "Failure";
}

type Options = NonNullable<ParseArgsConfig["options"]>;

export interface CommandSpec<S extends z.ZodType> {
  /** How the command is called in messages: `content:check`, `navigator`. */
  name: string;
  /** The full help text: the `usage:` line(s), then the options. */
  usage: string;
  /** parseArgs options; `help` (`-h`) is added. */
  options: Options;
  /** When true, the schema gets the positional arguments as `positionals: string[]`. */
  positionals?: boolean;
  /** Validates `{ ...options given, positionals? }`; an issue at an option's path is reported as `--option: message`. */
  schema: S;
}

type Parsed<T> = { kind: "help" } | { kind: "args"; args: T } | { kind: "usage"; messages: string[] };

/** Parses and validates argv; never throws for bad input. */
export function parseCommand<S extends z.ZodType>(spec: CommandSpec<S>, argv: readonly string[]): Parsed<z.output<S>> {
  const options = { ...spec.options, help: { type: "boolean", short: "h" } } satisfies Options;
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options, strict: true, allowPositionals: spec.positionals ?? false });
  } catch (err) {
    // Asking for help wins over a mistake elsewhere on the line.
    if (asksForHelp(argv)) return { kind: "help" };
    // node:util names the argument: "Unknown option '--hots'", "Option '--out <value>' argument missing".
    return { kind: "usage", messages: [(err as Error).message] };
  }
  const { help, ...values } = parsed.values;
  if (help) return { kind: "help" };
  const input = spec.positionals ? { ...values, positionals: parsed.positionals } : values;
  const result = spec.schema.safeParse(input);
  if (result.success) return { kind: "args", args: result.data };
  const messages = result.error.issues.map((issue) => {
    const head = issue.path[0] === undefined ? undefined : String(issue.path[0]);
    if (head === undefined || head === "positionals") return issue.message;
    // The option, not a position inside its parsed value (`--lang`, not `--lang.0`).
    if (head in spec.options) return `--${head}: ${issue.message}`;
    return `${issue.path.join(".")}: ${issue.message}`;
  });
  return { kind: "usage", messages: [...new Set(messages)] };
}

function asksForHelp(argv: readonly string[]): boolean {
  const end = argv.indexOf("--");
  return (end === -1 ? argv : argv.slice(0, end)).some((a) => a === "--help" || a === "-h");
}

/**
 * Parses argv and runs the command with the validated arguments; maps help, bad usage, bad
 * configuration and failures to the exit codes above. Resolves to the exit code.
 */
export async function runCommand<S extends z.ZodType>(
  spec: CommandSpec<S>,
  argv: readonly string[],
  io: Io,
  run: (args: z.output<S>, io: Io) => number | Promise<number>,
): Promise<number> {
  const parsed = parseCommand(spec, argv);
  if (parsed.kind === "help") {
    io.stdout(`${spec.usage.trimEnd()}\n`);
    return EXIT.ok;
  }
  if (parsed.kind === "usage") return usage(spec, io, parsed.messages);
  try {
    return await run(parsed.args, io);
  } catch (err) {
    if (err instanceof UsageError) return usage(spec, io, err.message.split("\n"));
    if (err instanceof ConfigError) {
      io.stderr(`${spec.name}: ${err.message}\n`);
      return EXIT.usage;
    }
    if (err instanceof Failure) {
      io.stderr(`${spec.name}: ${err.message}\n`);
      return EXIT.failed;
    }
    // A bug: the stack is what whoever fixes it needs.
    io.stderr(`${spec.name}: unexpected error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    return EXIT.failed;
  }
}

function usage(spec: CommandSpec<z.ZodType>, io: Io, messages: string[]): number {
  io.stderr(`${messages.map((m) => `${spec.name}: ${m}`).join("\n")}\n\n${spec.usage.trimEnd()}\n`);
  return EXIT.usage;
}

/**
 * Runs `main` when the module is the program (`tsx scripts/x.ts`, `node dist/…/x.js`), not when
 * a test imports it. Sets `process.exitCode` and lets the process end by itself.
 */
export function runIfMain(meta: ImportMeta, main: (argv: string[], io: Io) => number | Promise<number>): void {
  const script = process.argv[1];
  if (!script || realpath(script) !== realpath(fileURLToPath(meta.url))) return;
  Promise.resolve()
    .then(() => main(process.argv.slice(2), processIo()))
    .then(
      (code) => (process.exitCode = code),
      (err: unknown) => {
        process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
        process.exitCode = EXIT.failed;
      },
    );
}

function realpath(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return file;
  }
}
