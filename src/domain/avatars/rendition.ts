import type { ImageFormat } from './image-format.ts';

/** The square thumbnails every avatar gets (cover-cropped, centred). */
export const THUMBNAIL_SIZES = ['100x100', '300x300'] as const;
export type ThumbnailSize = (typeof THUMBNAIL_SIZES)[number];

/** `original` is the upload at full size, auto-rotated and without metadata (never the raw upload). */
export type RenditionName = ThumbnailSize | 'original';
export const RENDITION_NAMES: readonly RenditionName[] = ['original', ...THUMBNAIL_SIZES];

export function thumbnailDimensions(size: ThumbnailSize): { width: number; height: number } {
  const [width, height] = size.split('x').map(Number) as [number, number];
  return { width, height };
}

/** One stored image derived from an upload by the processing worker. */
export interface Rendition {
  readonly name: RenditionName;
  readonly format: ImageFormat;
  readonly key: string;
  readonly width: number;
  readonly height: number;
  readonly bytes: number;
}
