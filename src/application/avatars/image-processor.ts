import type { ImageFormat } from '#domain/avatars/image-format.ts';
import { token } from '../shared/token.ts';

export interface ImageInfo {
  format: ImageFormat;
  /** As displayed, i.e. with the EXIF orientation applied. */
  width: number;
  height: number;
}

export interface RenderedImage {
  bytes: Uint8Array;
  format: ImageFormat;
  width: number;
  height: number;
}

export interface RenderOptions {
  format: ImageFormat;
  /** Cover-crops (centred) to exactly this size; the full image when absent. */
  size?: { width: number; height: number };
}

/** Reads and re-encodes images. */
export interface ImageProcessor {
  /**
   * Decides the format from the content's signature and structure (never the name or the
   * declared type) and reads the dimensions from the header without decoding any pixel.
   * Throws `UnsupportedImageFormat` or `MalformedImage`.
   */
  inspect(bytes: Uint8Array): Promise<ImageInfo>;
  /**
   * Decodes (bounded to the accepted pixel count), applies the EXIF orientation, and
   * encodes a new image carrying no metadata at all (no EXIF, GPS, XMP, comments).
   * Throws `MalformedImage` when the pixels cannot be decoded.
   */
  render(bytes: Uint8Array, options: RenderOptions): Promise<RenderedImage>;
}
export const ImageProcessor = token<ImageProcessor>('ImageProcessor');
