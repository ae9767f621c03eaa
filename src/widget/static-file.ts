/**
 * Files the widget serves from memory: read (and compressed, when small) once at start, sent
 * with an ETag, compressed as the browser accepts. No path from a request ever reaches the disk.
 */
import { createHash } from "node:crypto";
import type { FastifyReply, FastifyRequest } from "fastify";
import { brotliCompressSync, constants as zlibConstants, gzipSync } from "node:zlib";
import type { Encoding } from "./vendor.js";

export interface StaticFile {
  body: Buffer;
  type: string;
  etag: string;
  /** Compressed forms: given for small files, made on demand for the large one. */
  compressed?: (encoding: Encoding) => Buffer | Promise<Buffer>;
}

export const TYPES = {
  js: "text/javascript; charset=utf-8",
  css: "text/css; charset=utf-8",
  html: "text/html; charset=utf-8",
} as const;

export function etagOf(body: Buffer): string {
  return `"${createHash("sha256").update(body).digest("base64url").slice(0, 22)}"`;
}

/** A small text file with its compressed forms made now (microseconds for a few KB). */
export function smallFile(body: Buffer, type: string): StaticFile {
  const br = brotliCompressSync(body, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11 } });
  const gz = gzipSync(body, { level: 9 });
  return { body, type, etag: etagOf(body), compressed: (encoding) => (encoding === "br" ? br : gz) };
}

/** The best encoding the request accepts: brotli, then gzip; `;q=0` refuses one. */
export function acceptedEncoding(header: string | undefined): Encoding | undefined {
  if (!header) return undefined;
  const accepted = new Map<string, number>();
  for (const part of header.toLowerCase().split(",")) {
    const [name = "", ...params] = part.trim().split(";");
    const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    accepted.set(name.trim(), q === undefined ? 1 : Number(q));
  }
  const ok = (name: string) => (accepted.get(name) ?? accepted.get("*") ?? 0) > 0;
  if (ok("br")) return "br";
  if (ok("gzip")) return "gzip";
  return undefined;
}

function notModified(req: FastifyRequest, etag: string): boolean {
  const header = req.headers["if-none-match"];
  if (!header) return false;
  return header === "*" || header.split(",").some((t) => t.trim().replace(/^W\//, "") === etag);
}

export async function sendStatic(req: FastifyRequest, reply: FastifyReply, file: StaticFile, cacheControl: string): Promise<FastifyReply> {
  reply.header("cache-control", cacheControl).header("etag", file.etag).header("x-content-type-options", "nosniff");
  if (file.compressed) reply.header("vary", "accept-encoding");
  if (notModified(req, file.etag)) return reply.code(304).send();
  const encoding = file.compressed && acceptedEncoding(req.headers["accept-encoding"]);
  reply.type(file.type);
  if (!encoding) return reply.send(file.body);
  return reply.header("content-encoding", encoding).send(await file.compressed!(encoding));
}
