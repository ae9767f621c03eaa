/**
 * The vendored Web Chat bundle (src/widget/vendor/, refreshed by scripts/vendor-webchat.ts):
 * served by Lotse itself, so a visitor's browser never contacts a third-party CDN. Its sha384
 * is computed at start and must match the one recorded when it was vendored; the chat page
 * loads it with that hash as Subresource Integrity.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { promisify } from "node:util";
import { brotliCompress, constants as zlibConstants, gzip } from "node:zlib";
import { z } from "zod";

export const VENDOR_DIR = new URL("./vendor/", import.meta.url);

/** src/widget/vendor/webchat.json: what was vendored, from where, with which hash. */
export const VendoredWebChat = z.strictObject({
  package: z.literal("botframework-webchat"),
  version: z.string().regex(/^\d+\.\d+\.\d+$/, "must be a version such as 4.18.1"),
  /** The bundle's file name in src/widget/vendor/, e.g. webchat-4.18.1.js. */
  file: z.string().regex(/^webchat-\d+\.\d+\.\d+\.js$/, "must be webchat-VERSION.js"),
  bytes: z.number().int().positive(),
  /** Base64 SHA-384 of the file, as in an `integrity="sha384-…"` attribute. */
  sha384: z.string().regex(/^[A-Za-z0-9+/]{64}$/, "must be a base64 SHA-384"),
  /** The npm registry's integrity of the tarball it was taken from (checked when vendoring). */
  tarballIntegrity: z.string().min(1),
});
export type VendoredWebChat = z.infer<typeof VendoredWebChat>;

export class VendoredWebChatError extends Error {
  constructor(message: string) {
    super(`widget: ${message}; run \`npx tsx scripts/vendor-webchat.ts\` to vendor Web Chat again`);
    this.name = "VendoredWebChatError";
  }
}

export function sha384Base64(body: Buffer): string {
  return createHash("sha384").update(body).digest("base64");
}

export type Encoding = "br" | "gzip";

export interface WebChatBundle {
  meta: VendoredWebChat;
  /** Versioned, so it can be cached for a year: a new version gets a new URL. */
  url: string;
  /** `sha384-…`, for the script tag's integrity attribute. */
  integrity: string;
  body: Buffer;
  /** The body compressed, made on first use and kept (see `compressor`). */
  compressed(encoding: Encoding): Promise<Buffer>;
}

/**
 * Compressing 3.9 MB costs about 250 ms (brotli quality 9) or 160 ms (gzip 9) of a worker
 * thread: done on the first request that asks for it rather than at every start (tests start
 * Lotse dozens of times). The result, about 0.7 MB (br) or 0.95 MB (gzip) instead of 3.9 MB, is
 * what a phone on a slow connection waits for.
 */
function compressor(body: Buffer): (encoding: Encoding) => Promise<Buffer> {
  const made = new Map<Encoding, Promise<Buffer>>();
  return (encoding) => {
    let p = made.get(encoding);
    if (!p) {
      p =
        encoding === "br"
          ? promisify(brotliCompress)(body, {
              params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 9, [zlibConstants.BROTLI_PARAM_SIZE_HINT]: body.length, [zlibConstants.BROTLI_PARAM_MODE]: zlibConstants.BROTLI_MODE_TEXT },
            })
          : promisify(gzip)(body, { level: 9 });
      made.set(encoding, p);
      p.catch(() => made.delete(encoding)); // a failure is not kept: the next request tries again
    }
    return p;
  };
}

/** Reads and checks the bundle; refuses (throws) when the file is not the one recorded. */
export function loadWebChatBundle(dir: URL = VENDOR_DIR): WebChatBundle {
  let meta: VendoredWebChat;
  try {
    const parsed = VendoredWebChat.safeParse(JSON.parse(readFileSync(new URL("webchat.json", dir), "utf8")));
    if (!parsed.success) throw new Error(parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
    meta = parsed.data;
  } catch (err) {
    throw new VendoredWebChatError(`src/widget/vendor/webchat.json is missing or invalid (${(err as Error).message})`);
  }
  let body: Buffer;
  try {
    body = readFileSync(new URL(meta.file, dir));
  } catch {
    throw new VendoredWebChatError(`src/widget/vendor/${meta.file} is missing`);
  }
  const actual = sha384Base64(body);
  if (actual !== meta.sha384) {
    throw new VendoredWebChatError(`src/widget/vendor/${meta.file} has sha384-${actual}, but webchat.json records sha384-${meta.sha384} — the file was changed`);
  }
  return { meta, url: `/widget/${meta.file}`, integrity: `sha384-${meta.sha384}`, body, compressed: compressor(body) };
}
