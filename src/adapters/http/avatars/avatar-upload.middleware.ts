import { createHash } from 'node:crypto';
import { Writable } from 'node:stream';
import type { Middleware } from 'koa';
import { koaBody } from 'koa-body';
import { MAX_UPLOAD_BYTES } from '#domain/avatars/avatar-limits.ts';
import {
  AvatarFileMissing,
  AvatarTooLarge,
  MultipartRequired,
  TooManyFiles,
} from '#domain/avatars/avatar.errors.ts';
import { DomainError } from '#domain/shared/domain-error.ts';
import { drainRequest } from '../lingering-drain.ts';

export interface AvatarUploadFile {
  fileName: string;
  bytes: Uint8Array;
}

/** Room for the multipart framing around the file (boundaries, part headers, a few fields). */
const FRAMING_BYTES = 64 * 1024;
/**
 * What of a refused body is still read and discarded, so that the client, still sending,
 * reads the 413 instead of a reset (see drainRequest): up to twice an allowed upload (a
 * refused request costs at most twice an accepted one) and a few seconds.
 */
const DRAIN = { maxBytes: 2 * (MAX_UPLOAD_BYTES + FRAMING_BYTES), maxMs: 5_000 };

class MalformedForm extends DomainError {
  constructor(why: string) {
    super('avatar.form_invalid', 'invalid', `The multipart form is not valid: ${why}.`);
  }
}

/** formidable's error codes (FormidableError.js) → the avatar contract's errors. */
function translate(error: Error & { code?: unknown }): Error {
  switch (error.code) {
    case 1009: // biggerThanTotalMaxFileSize: counted while streaming
    case 1016: // biggerThanMaxFileSize
      return new AvatarTooLarge();
    case 1015:
      return new TooManyFiles();
    case 1006:
    case 1007:
      return new MalformedForm('too many or too large fields; send only the file');
    case 1002:
      return new MalformedForm('the upload was aborted');
    case 1011:
    case 1012:
    case 1013:
      return new MalformedForm('malformed multipart body');
    default:
      return error;
  }
}

/**
 * Parses `multipart/form-data` with the body parser's limits set to the avatar contract's:
 * one file of at most 10 MiB, counted as it streams in (the request is refused the moment
 * it goes over, not after buffering it), a few small fields, nothing written to disk.
 * Puts the `file` part into `ctx.state.upload`, and its name and SHA-256 into
 * `ctx.request.body` (so that an `Idempotency-Key` reused with another file is told apart).
 */
export function avatarUpload(): Middleware {
  const buffers = new WeakMap<object, Buffer[]>();
  const parse = koaBody({
    multipart: true,
    json: false,
    urlencoded: false,
    text: false,
    parsedMethods: ['POST'] as never,
    formidable: {
      maxFiles: 1,
      maxFileSize: MAX_UPLOAD_BYTES,
      maxTotalFileSize: MAX_UPLOAD_BYTES,
      maxFields: 10,
      maxFieldsSize: 16 * 1024,
      allowEmptyFiles: true, // an empty file gets the contract's own error below
      minFileSize: 0,
      fileWriteStreamHandler: (file?: object) => {
        const chunks: Buffer[] = [];
        if (file) buffers.set(file, chunks);
        return new Writable({
          write(chunk: Buffer, _encoding, done) {
            chunks.push(chunk);
            done();
          },
        });
      },
    },
    onError: (error) => {
      throw translate(error as Error & { code?: unknown });
    },
  });

  return async (ctx, next) => {
    if (!ctx.is('multipart/form-data')) throw new MultipartRequired();
    const declared = Number(ctx.get('Content-Length') || 0);
    if (declared > DRAIN.maxBytes) {
      ctx.set('Connection', 'close'); // far too large: do not read any of it
      throw new AvatarTooLarge();
    }
    try {
      if (declared > MAX_UPLOAD_BYTES + FRAMING_BYTES) throw new AvatarTooLarge();
      await parse(ctx, async () => {});
    } catch (error) {
      // Read and discard a bounded rest so that the client, still sending, gets the answer;
      // beyond that bound the connection is closed instead.
      if (!(await drainRequest(ctx.req, DRAIN))) ctx.set('Connection', 'close');
      throw error;
    }
    const files = (ctx.request as { files?: Record<string, unknown> }).files ?? {};
    const part = files.file as { originalFilename?: string | null } | undefined;
    if (!part) throw new AvatarFileMissing();
    if (Array.isArray(part)) throw new TooManyFiles();
    const upload: AvatarUploadFile = {
      fileName: part.originalFilename ?? '',
      bytes: Buffer.concat(buffers.get(part) ?? []),
    };
    ctx.state.upload = upload;
    // What the request asks for, for `Idempotency-Key` fingerprints: the file by its digest.
    ctx.request.body = {
      file_name: upload.fileName,
      file_sha256: createHash('sha256').update(upload.bytes).digest('hex'),
    };
    await next();
  };
}
