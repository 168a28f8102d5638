import { describe, expect, it } from '@jest/globals';
import sharp from 'sharp';
import { SharpImageProcessor } from '#adapters/images/sharp-image-processor.ts';
import { MalformedImage, UnsupportedImageFormat } from '#domain/avatars/avatar.errors.ts';
import {
  badFileCorpus,
  isBluish,
  isReddish,
  pixel,
  pngBombHeader,
  sidewaysJpegWithGps,
  smallJpeg,
  smallPng,
  smallWebp,
  zipArchive,
} from '../../../support/avatars/image-corpus.ts';

const images = new SharpImageProcessor();

describe('SharpImageProcessor.inspect', () => {
  it.each([
    ['JPEG', smallJpeg, 'jpeg'],
    ['PNG', smallPng, 'png'],
    ['WebP', smallWebp, 'webp'],
  ] as const)('recognises a %s by its content and reads its size', async (_, make, format) => {
    expect(await images.inspect(await make(320, 240))).toEqual({ format, width: 320, height: 240 });
  });

  it('reports the size as displayed, with the EXIF orientation applied', async () => {
    expect(await images.inspect(await sidewaysJpegWithGps())).toEqual({
      format: 'jpeg',
      width: 200,
      height: 400,
    });
  });

  it('reads the claimed size of a decompression bomb without decoding it', async () => {
    const started = performance.now();
    expect(await images.inspect(pngBombHeader())).toEqual({ format: 'png', width: 100_000, height: 100_000 });
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('refuses every hostile file of the corpus that is not about size limits', async () => {
    for (const bad of await badFileCorpus()) {
      if (['avatar.too_many_pixels', 'avatar.file_empty', 'avatar.too_large'].includes(bad.code)) continue;
      await expect(images.inspect(bad.bytes)).rejects.toMatchObject({ code: bad.code });
    }
  });

  it('names what a refused file looks like', async () => {
    const gif = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#000' } })
      .gif()
      .toBuffer();
    await expect(images.inspect(gif)).rejects.toMatchObject({ details: { detected_type: 'image/gif' } });
    await expect(images.inspect(Buffer.from('<svg/>'))).rejects.toBeInstanceOf(UnsupportedImageFormat);
  });

  it('refuses a ZIP hidden inside a JPEG comment as well as one appended', async () => {
    const jpeg = await smallJpeg();
    const zip = zipArchive();
    const comment = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from([(zip.length + 2) >> 8, (zip.length + 2) & 0xff]),
      zip,
    ]);
    const hidden = Buffer.concat([jpeg.subarray(0, 2), comment, jpeg.subarray(2)]);
    await expect(images.inspect(hidden)).rejects.toMatchObject({ code: 'avatar.image_trailing_data' });
  });

  it.each([
    ['a PNG cut inside a chunk', async () => (await smallPng()).subarray(0, 60), 'avatar.image_truncated'],
    [
      'a PNG with bytes after IEND',
      async () => Buffer.concat([await smallPng(), Buffer.from('<html>')]),
      'avatar.image_trailing_data',
    ],
    ['a WebP cut short', async () => (await smallWebp()).subarray(0, 30), 'avatar.image_truncated'],
    [
      'a WebP with bytes after its RIFF',
      async () => Buffer.concat([await smallWebp(), Buffer.from('xx')]),
      'avatar.image_trailing_data',
    ],
    [
      'a JPEG without its end marker',
      async () => (await smallJpeg()).subarray(0, -2),
      'avatar.image_truncated',
    ],
    ['a JPEG signature only', async () => Buffer.from([0xff, 0xd8, 0xff]), 'avatar.image_truncated'],
  ])('refuses %s', async (_, make, code) => {
    const error = await images.inspect(await make()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MalformedImage);
    expect(error).toMatchObject({ code });
  });
});

describe('SharpImageProcessor.render', () => {
  it('crops to an exact square, centred, with the orientation applied and no metadata left', async () => {
    const source = await sidewaysJpegWithGps();
    expect((await sharp(source).metadata()).exif).toBeDefined(); // the input does carry GPS

    const thumb = await images.render(source, { format: 'jpeg', size: { width: 300, height: 300 } });

    expect(thumb).toMatchObject({ format: 'jpeg', width: 300, height: 300 });
    const metadata = await sharp(thumb.bytes).metadata();
    expect([metadata.width, metadata.height, metadata.exif, metadata.xmp, metadata.orientation]).toEqual([
      300,
      300,
      undefined,
      undefined,
      undefined,
    ]);
    // Displayed 200×400 with red on top: after rotation the top is red, the bottom blue.
    expect(isReddish(await pixel(thumb.bytes, 290, 10))).toBe(true);
    expect(isBluish(await pixel(thumb.bytes, 10, 290))).toBe(true);
  });

  it('converts between formats at full size', async () => {
    const png = await images.render(await smallJpeg(320, 240), { format: 'png' });
    expect(png).toMatchObject({ format: 'png', width: 320, height: 240 });
    expect((await sharp(png.bytes).metadata()).format).toBe('png');
    const webp = await images.render(png.bytes, { format: 'webp' });
    expect((await sharp(webp.bytes).metadata()).format).toBe('webp');
  });

  it('fails as a malformed image when the pixels cannot be decoded', async () => {
    const jpeg = await smallJpeg();
    const garbled = Buffer.from(jpeg);
    garbled.fill(0x00, 200, jpeg.length - 2);
    await expect(
      images.render(garbled, { format: 'jpeg', size: { width: 100, height: 100 } }),
    ).rejects.toBeInstanceOf(MalformedImage);
  });
});
