import { crc32, deflateSync } from 'node:zlib';
import sharp from 'sharp';

/** Images and hostile files for avatar tests, generated on the fly (nothing binary is committed). */

const RED = { r: 220, g: 20, b: 20 };
const BLUE = { r: 20, g: 40, b: 220 };

/**
 * A 400×200 JPEG stored sideways — left half red, right half blue — with EXIF orientation 6
 * (display rotated 90° clockwise: 200×400, red on top) and a GPS position in its EXIF.
 */
export async function sidewaysJpegWithGps(): Promise<Buffer> {
  const half = (colour: typeof RED) =>
    sharp({ create: { width: 200, height: 200, channels: 3, background: colour } })
      .png()
      .toBuffer();
  return sharp({ create: { width: 400, height: 200, channels: 3, background: RED } })
    .composite([{ input: await half(BLUE), left: 200, top: 0 }])
    .jpeg({ quality: 90 })
    .withMetadata({ orientation: 6 })
    .withExifMerge({
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '51/1 30/1 2610/100',
        GPSLongitudeRef: 'W',
        GPSLongitude: '0/1 7/1 3990/100',
      },
    })
    .toBuffer();
}

/** A photo-like JPEG (noise compresses like a photograph) (2 MP by default). */
export function photoJpeg(width = 1600, height = 1250): Promise<Buffer> {
  return sharp({
    create: {
      width,
      height,
      channels: 3,
      background: '#808080',
      noise: { type: 'gaussian', mean: 128, sigma: 40 },
    },
  })
    .jpeg({ quality: 85 })
    .toBuffer();
}

export function smallPng(width = 320, height = 240): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 4, background: { r: 10, g: 160, b: 90, alpha: 0.5 } } })
    .png()
    .toBuffer();
}

export function smallWebp(width = 320, height = 240): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: BLUE } })
    .webp()
    .toBuffer();
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A tiny, well-formed PNG whose header claims a 100 000 × 100 000 canvas (a decompression bomb). */
export function pngBombHeader(width = 100_000, height = 100_000): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, deflate, no filter, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(Buffer.alloc(1024))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A ZIP archive holding one stored file (enough for any unzip tool to list it). */
export function zipArchive(name = 'payload.html', content = '<script>alert(1)</script>'): Buffer {
  const data = Buffer.from(content);
  const fileName = Buffer.from(name);
  const crc = crc32(data);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(fileName.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(fileName.length, 28);
  const localPart = Buffer.concat([local, fileName, data]);
  const centralPart = Buffer.concat([central, fileName]);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(centralPart.length, 12);
  end.writeUInt32LE(localPart.length, 16);
  return Buffer.concat([localPart, centralPart, end]);
}

export interface BadFile {
  name: string;
  fileName: string;
  contentType: string;
  bytes: Buffer;
  status: number;
  code: string;
}

/** The hostile corpus: each file with the exact answer the upload must give. */
export async function badFileCorpus(): Promise<BadFile[]> {
  const jpeg = await smallJpeg();
  const gif = await sharp({ create: { width: 8, height: 8, channels: 3, background: RED } })
    .gif()
    .toBuffer();
  const heic = Buffer.concat([
    Buffer.from([0, 0, 0, 0x18]),
    Buffer.from('ftypheic\0\0\0\0mif1heic', 'latin1'),
    Buffer.alloc(64),
  ]);
  const huge = Buffer.alloc(11 * 1024 * 1024, 7);
  jpeg.copy(huge, 0, 0, 64);
  return [
    {
      name: 'a truncated JPEG',
      fileName: 'cut.jpg',
      contentType: 'image/jpeg',
      bytes: jpeg.subarray(0, Math.floor(jpeg.length * 0.6)),
      status: 400,
      code: 'avatar.image_truncated',
    },
    {
      name: 'a PNG whose header claims 100000×100000',
      fileName: 'bomb.png',
      contentType: 'image/png',
      bytes: pngBombHeader(),
      status: 400,
      code: 'avatar.too_many_pixels',
    },
    {
      name: 'an SVG with a script',
      fileName: 'evil.svg',
      contentType: 'image/svg+xml',
      bytes: Buffer.from(
        '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(document.cookie)</script></svg>',
      ),
      status: 400,
      code: 'avatar.unsupported_format',
    },
    {
      name: 'an SVG named .png',
      fileName: 'evil.png',
      contentType: 'image/png',
      bytes: Buffer.from(
        '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
      ),
      status: 400,
      code: 'avatar.unsupported_format',
    },
    {
      name: 'a JPEG/ZIP polyglot',
      fileName: 'polyglot.jpg',
      contentType: 'image/jpeg',
      bytes: Buffer.concat([jpeg, zipArchive()]),
      status: 400,
      code: 'avatar.image_trailing_data',
    },
    {
      name: 'a GIF',
      fileName: 'anim.gif',
      contentType: 'image/gif',
      bytes: gif,
      status: 400,
      code: 'avatar.unsupported_format',
    },
    {
      name: 'a HEIC',
      fileName: 'photo.heic',
      contentType: 'image/heic',
      bytes: heic,
      status: 400,
      code: 'avatar.unsupported_format',
    },
    {
      name: 'a text file named .png',
      fileName: 'notes.png',
      contentType: 'image/png',
      bytes: Buffer.from('just some text, not an image\n'),
      status: 400,
      code: 'avatar.unsupported_format',
    },
    {
      name: 'an empty file',
      fileName: 'empty.jpg',
      contentType: 'image/jpeg',
      bytes: Buffer.alloc(0),
      status: 400,
      code: 'avatar.file_empty',
    },
    {
      name: 'an 11 MB file',
      fileName: 'big.jpg',
      contentType: 'image/jpeg',
      bytes: huge,
      status: 413,
      code: 'avatar.too_large',
    },
  ];
}

export function smallJpeg(width = 320, height = 240): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: RED } })
    .jpeg()
    .toBuffer();
}

/** The colour of one pixel of an encoded image. */
export async function pixel(
  image: Uint8Array,
  x: number,
  y: number,
): Promise<{ r: number; g: number; b: number }> {
  const { data, info } = await sharp(image).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const at = (y * info.width + x) * info.channels;
  return { r: data[at]!, g: data[at + 1]!, b: data[at + 2]! };
}

export const isReddish = (c: { r: number; g: number; b: number }) => c.r > 150 && c.b < 100;
export const isBluish = (c: { r: number; g: number; b: number }) => c.b > 150 && c.r < 100;

/** A valid JPEG of exactly `size` bytes: a small image padded with comment (COM) segments. */
export async function jpegOfSize(size: number): Promise<Buffer> {
  const base = await smallJpeg(64, 64);
  let missing = size - base.length;
  const segments: Buffer[] = [];
  while (missing > 0) {
    // A COM segment is 4 bytes of marker and length plus up to 65 533 of text; never leave < 4.
    let total = Math.min(missing, 65_537);
    if (missing - total > 0 && missing - total < 4) total -= 4;
    const segment = Buffer.alloc(total, 0x20);
    segment.set([0xff, 0xfe, (total - 2) >> 8, (total - 2) & 0xff]);
    segments.push(segment);
    missing -= total;
  }
  return Buffer.concat([base.subarray(0, 2), ...segments, base.subarray(2)]);
}
