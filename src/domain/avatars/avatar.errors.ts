import { DomainError } from '../shared/domain-error.ts';
import { formatHint, MAX_PIXELS, MAX_SIDE, MAX_UPLOAD_BYTES } from './avatar-limits.ts';

export class AvatarNotFound extends DomainError {
  constructor(id: string) {
    super('avatar.not_found', 'not_found', `No avatar with id ${id}.`, { avatar_id: id });
  }
}

export class NoCurrentAvatar extends DomainError {
  constructor(userId: string) {
    super('avatar.none', 'not_found', 'This user has no avatar.', { user_id: userId });
  }
}

export class AvatarNotYours extends DomainError {
  constructor() {
    super('avatar.not_owner', 'forbidden', 'Only the owner of an avatar can change it.');
  }
}

export class AvatarNotReady extends DomainError {
  constructor(status: string) {
    super('avatar.not_ready', 'conflict', `The avatar is ${status}; only a ready avatar can be chosen.`, {
      avatar_status: status,
    });
  }
}

/** A thumbnail asked for before the worker made it; clients retry shortly. */
export class RenditionNotReady extends DomainError {
  constructor() {
    super('avatar.rendition_not_ready', 'not_found', 'The avatar is still being processed; retry shortly.', {
      avatar_status: 'processing',
      retry_after: 2,
    });
  }
}

export class AvatarProcessingFailed extends DomainError {
  constructor(reason: string) {
    super('avatar.processing_failed', 'not_found', `The avatar could not be processed: ${reason}`, {
      avatar_status: 'failed',
    });
  }
}

export class AvatarFileMissing extends DomainError {
  constructor() {
    super(
      'avatar.file_missing',
      'invalid',
      'Send the image as a multipart/form-data file part named "file".',
      {
        ...formatHint,
      },
    );
  }
}

export class TooManyFiles extends DomainError {
  constructor() {
    super('avatar.too_many_files', 'invalid', 'Send exactly one file per upload.', { ...formatHint });
  }
}

export class MultipartRequired extends DomainError {
  constructor() {
    super('avatar.multipart_required', 'unsupported', 'Upload the image as multipart/form-data.', {
      ...formatHint,
    });
  }
}

export class AvatarFileEmpty extends DomainError {
  constructor() {
    super('avatar.file_empty', 'invalid', 'The uploaded file is empty.', { ...formatHint });
  }
}

export class AvatarTooLarge extends DomainError {
  constructor() {
    super('avatar.too_large', 'too_large', `An avatar is at most ${MAX_UPLOAD_BYTES} bytes (10 MiB).`, {
      max_size: MAX_UPLOAD_BYTES,
    });
  }
}

export class UnsupportedImageFormat extends DomainError {
  constructor(detected: string | null) {
    const what = detected ? `a ${detected} file` : 'not a recognised image';
    super('avatar.unsupported_format', 'invalid', `The file is ${what}; send a JPEG, PNG or WebP image.`, {
      ...formatHint,
      detected_type: detected,
    });
  }
}

/** The content starts like a supported image but is not a well-formed one. */
export class MalformedImage extends DomainError {
  constructor(
    code: 'avatar.image_truncated' | 'avatar.image_trailing_data' | 'avatar.image_malformed',
    detail: string,
  ) {
    super(code, 'invalid', detail, { ...formatHint });
  }
}

export class TooManyPixels extends DomainError {
  constructor(width: number, height: number) {
    super(
      'avatar.too_many_pixels',
      'invalid',
      `The image is ${width}×${height} pixels; at most ${MAX_PIXELS} pixels and ${MAX_SIDE} per side are accepted.`,
      { ...formatHint, width, height, max_pixels: MAX_PIXELS, max_side: MAX_SIDE },
    );
  }
}
