import { MalformedImage } from '#domain/avatars/avatar.errors.ts';
import type { ImageFormat } from '#domain/avatars/image-format.ts';

/**
 * Walks the container of an image (JPEG segments, PNG chunks, WebP RIFF chunks) without
 * decoding it, and refuses what a decoder would quietly tolerate: a file cut short, and
 * bytes after the image's end — where polyglots (JPEG + ZIP, JPEG + HTML…) keep their second
 * format. Any ZIP central directory near the end is refused too, as ZIP readers find it
 * there wherever the rest of the file puts it.
 */
export function checkStructure(format: ImageFormat, bytes: Uint8Array): void {
  const end = format === 'jpeg' ? jpegEnd(bytes) : format === 'png' ? pngEnd(bytes) : webpEnd(bytes);
  if (end !== bytes.length) {
    throw new MalformedImage(
      'avatar.image_trailing_data',
      `The file has ${bytes.length - end} bytes after the end of the image (a polyglot file?).`,
    );
  }
  if (hasZipDirectory(bytes)) {
    throw new MalformedImage('avatar.image_trailing_data', 'The file also contains a ZIP archive.');
  }
}

const truncated = () => new MalformedImage('avatar.image_truncated', 'The image is truncated.');
const malformed = (why: string) =>
  new MalformedImage('avatar.image_malformed', `The image is malformed: ${why}.`);
const u16be = (b: Uint8Array, at: number) => (b[at]! << 8) | b[at + 1]!;
const u32be = (b: Uint8Array, at: number) =>
  ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;
const u32le = (b: Uint8Array, at: number) =>
  ((b[at + 3]! << 24) | (b[at + 2]! << 16) | (b[at + 1]! << 8) | b[at]!) >>> 0;
const ascii = (b: Uint8Array, from: number, to: number) => String.fromCharCode(...b.subarray(from, to));

/** Offset just past the EOI marker. */
function jpegEnd(b: Uint8Array): number {
  let pos = 2; // after SOI
  for (;;) {
    if (pos >= b.length) throw truncated();
    if (b[pos] !== 0xff) throw malformed('expected a marker');
    while (b[pos] === 0xff) pos++; // fill bytes
    if (pos >= b.length) throw truncated();
    const marker = b[pos++]!;
    if (marker === 0xd9) return pos; // EOI
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) continue; // no payload
    if (marker === 0xd8 || marker === 0x00) throw malformed('unexpected marker');
    if (pos + 2 > b.length) throw truncated();
    const length = u16be(b, pos);
    if (length < 2) throw malformed('segment length below 2');
    if (pos + length > b.length) throw truncated();
    pos += length;
    if (marker === 0xda) pos = entropyCodedEnd(b, pos);
  }
}

/** Skips scan data up to the next real marker (FF followed by neither 00 nor RSTn). */
function entropyCodedEnd(b: Uint8Array, from: number): number {
  let pos = from;
  for (;;) {
    pos = b.indexOf(0xff, pos);
    if (pos < 0 || pos + 1 >= b.length) throw truncated();
    const next = b[pos + 1]!;
    if (next === 0x00 || (next >= 0xd0 && next <= 0xd7)) pos += 2;
    else if (next === 0xff) pos += 1;
    else return pos;
  }
}

/** Offset just past the IEND chunk. */
function pngEnd(b: Uint8Array): number {
  let pos = 8; // after the signature
  for (let index = 0; ; index++) {
    if (pos + 8 > b.length) throw truncated();
    const length = u32be(b, pos);
    const type = ascii(b, pos + 4, pos + 8);
    if (!/^[A-Za-z]{4}$/.test(type) || length > 0x7fffffff) throw malformed('invalid chunk');
    if (index === 0 && (type !== 'IHDR' || length !== 13)) throw malformed('IHDR is not the first chunk');
    if (pos + 12 + length > b.length) throw truncated();
    pos += 12 + length;
    if (type === 'IEND') return pos;
  }
}

/** Offset just past the RIFF container, after checking every chunk fits inside it. */
function webpEnd(b: Uint8Array): number {
  if (b.length < 20) throw truncated();
  const end = 8 + u32le(b, 4);
  if (end > b.length) throw truncated();
  if (!/^VP8[ LX]$/.test(ascii(b, 12, 16))) throw malformed('no VP8, VP8L or VP8X chunk first');
  let pos = 12;
  while (pos < end) {
    if (pos + 8 > end) throw truncated();
    const size = u32le(b, pos + 4);
    pos += 8 + size + (size & 1);
    if (pos > end) throw truncated();
  }
  return end;
}

/** A ZIP end-of-central-directory record where ZIP readers look for it (the last 64 KiB + 22 bytes). */
function hasZipDirectory(b: Uint8Array): boolean {
  const from = Math.max(0, b.length - 65_557);
  for (let pos = b.indexOf(0x50, from); pos >= 0 && pos + 4 <= b.length; pos = b.indexOf(0x50, pos + 1)) {
    if (b[pos + 1] === 0x4b && b[pos + 2] === 0x05 && b[pos + 3] === 0x06) return true;
  }
  return false;
}
