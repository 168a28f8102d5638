import { SUPPORTED_MIME_TYPES } from './image-format.ts';

/** Largest accepted upload: 10 MiB (the avatar contract's `max_size`). */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

/**
 * Largest accepted image, checked from the header before any pixel is decoded, so a small
 * file that claims a huge canvas (a decompression bomb) costs nothing. 40 MP covers every
 * phone camera's default mode; a side over 16 383 px is also beyond what WebP can encode.
 */
export const MAX_PIXELS = 40_000_000;
export const MAX_SIDE = 16_383;

/** Longest kept client file name (the name is only ever shown back, never used as a key). */
export const MAX_FILE_NAME_LENGTH = 255;

/** What every upload error tells the client, so it can fix the request. */
export const formatHint = { supported_formats: SUPPORTED_MIME_TYPES } as const;
