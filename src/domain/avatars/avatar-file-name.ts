import { MAX_FILE_NAME_LENGTH } from './avatar-limits.ts';
import { extensionOf, type ImageFormat } from './image-format.ts';

/** Keeps only a base name fit to show back; a blank one becomes `avatar.<ext>`. */
export function cleanFileName(raw: string, format: ImageFormat): string {
  const base = raw.split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}]/gu, '')
    .trim();
  const name = [...cleaned].slice(0, MAX_FILE_NAME_LENGTH).join('');
  return name.length > 0 ? name : `avatar.${extensionOf(format)}`;
}
