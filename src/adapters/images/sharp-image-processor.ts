import sharp, { type Sharp } from 'sharp';
import type {
  ImageInfo,
  ImageProcessor,
  RenderedImage,
  RenderOptions,
} from '#application/avatars/image-processor.ts';
import { MAX_PIXELS } from '#domain/avatars/avatar-limits.ts';
import { MalformedImage, UnsupportedImageFormat } from '#domain/avatars/avatar.errors.ts';
import type { ImageFormat } from '#domain/avatars/image-format.ts';
import { acceptedFormatOf, describeOther } from './image-signature.ts';
import { checkStructure } from './image-structure.ts';

/**
 * Encoders write no metadata: sharp drops EXIF (GPS included), XMP, IPTC and comments
 * unless asked to keep them, and it is never asked here. JPEG has no alpha channel, so
 * transparency is flattened onto white rather than black.
 */
const encode: Record<ImageFormat, (image: Sharp) => Sharp> = {
  jpeg: (image) => image.flatten({ background: '#ffffff' }).jpeg({ quality: 85 }),
  png: (image) => image.png({ compressionLevel: 6 }),
  webp: (image) => image.webp({ quality: 82 }),
};

/** libvips through sharp, behind the content checks that run before any decoder sees the bytes. */
export class SharpImageProcessor implements ImageProcessor {
  async inspect(bytes: Uint8Array): Promise<ImageInfo> {
    const format = acceptedFormatOf(bytes);
    if (!format) throw new UnsupportedImageFormat(describeOther(bytes));
    checkStructure(format, bytes);
    // Header only: no pixel is decoded here, so a huge claimed canvas costs nothing.
    const metadata = await sharp(bytes, { limitInputPixels: false })
      .metadata()
      .catch((error: unknown) => {
        throw new MalformedImage(
          'avatar.image_malformed',
          `The image header cannot be read: ${message(error)}.`,
        );
      });
    if (metadata.format !== format)
      throw new MalformedImage('avatar.image_malformed', 'The image header is inconsistent.');
    const { width, height } = metadata.autoOrient ?? metadata;
    return { format, width: width ?? 0, height: height ?? 0 };
  }

  async render(bytes: Uint8Array, { format, size }: RenderOptions): Promise<RenderedImage> {
    let image = sharp(bytes, { limitInputPixels: MAX_PIXELS, failOn: 'error' }).autoOrient();
    if (size) image = image.resize(size.width, size.height, { fit: 'cover', position: 'centre' });
    try {
      const { data, info } = await encode[format](image).toBuffer({ resolveWithObject: true });
      return {
        bytes: new Uint8Array(data.buffer, data.byteOffset, data.length),
        format,
        width: info.width,
        height: info.height,
      };
    } catch (error) {
      throw new MalformedImage('avatar.image_malformed', `The image cannot be decoded: ${message(error)}.`);
    }
  }
}

function message(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!.slice(0, 200);
}
