/** The only image formats Rookery accepts and serves (decided by content, never by name). */
export const IMAGE_FORMATS = ['jpeg', 'png', 'webp'] as const;
export type ImageFormat = (typeof IMAGE_FORMATS)[number];

const mimeTypes: Record<ImageFormat, string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
};

const extensions: Record<ImageFormat, string> = { jpeg: 'jpg', png: 'png', webp: 'webp' };

/** Shown to clients in every format error, so they know what to send instead. */
export const SUPPORTED_MIME_TYPES: readonly string[] = IMAGE_FORMATS.map((f) => mimeTypes[f]);

export function mimeTypeOf(format: ImageFormat): string {
  return mimeTypes[format];
}

export function extensionOf(format: ImageFormat): string {
  return extensions[format];
}

export function formatOfMimeType(mimeType: string): ImageFormat {
  const format = IMAGE_FORMATS.find((f) => mimeTypes[f] === mimeType);
  if (!format) throw new Error(`not an avatar MIME type: ${mimeType}`);
  return format;
}
