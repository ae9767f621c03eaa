/**
 * The one shape of an error a request can end in: a stable `code` (the API's `error` field and
 * the key an edge words it with), `params` for that wording, and the HTTP `status`. Services
 * throw it (or a subclass: TicketError, CurationError, PairingError, …) without knowing HTTP
 * beyond the number; the server's error handler (src/server/errors.ts) turns every AppError into
 * `{ error: code, message, params? }`, so routes just throw. `message` is an English sentence for
 * developers and logs; people see the edge's wording of `code`. Zod-free and Fastify-free.
 *
 * ConfigError and the CLIs' errors are not AppErrors: they end a start or a command, not a request.
 */
export type AppErrorParams = Record<string, unknown>;

export interface AppErrorOptions<P extends AppErrorParams = AppErrorParams> {
  params?: P;
  /** Response headers the status needs, e.g. `www-authenticate` on a 401. */
  headers?: Readonly<Record<string, string>>;
  cause?: unknown;
}

/** What the error handler answers with (ErrorBody in src/server/errors.ts). */
export interface AppErrorBody {
  error: string;
  message: string;
  params?: AppErrorParams;
}

export class AppError<C extends string = string, P extends AppErrorParams = AppErrorParams> extends Error {
  readonly code: C;
  readonly status: number;
  readonly params: P | undefined;
  readonly headers: Readonly<Record<string, string>> | undefined;

  constructor(code: C, message: string, status: number, options: AppErrorOptions<P> = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "AppError";
    this.code = code;
    this.status = status;
    this.params = options.params;
    this.headers = options.headers;
  }

  /** The response body; subclasses add fields their API declares (a curation error's `problems`). */
  toBody(): AppErrorBody {
    return { error: this.code, message: this.message, ...(this.params ? { params: { ...this.params } } : {}) };
  }
}
