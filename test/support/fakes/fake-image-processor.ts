import type {
  ImageInfo,
  ImageProcessor,
  RenderedImage,
  RenderOptions,
} from '#application/avatars/image-processor.ts';

/**
 * Stands in for sharp in use-case tests: `inspect` answers what the test set (or throws
 * its error), `render` returns bytes that name what was asked, so tests can tell the
 * renditions apart.
 */
export class FakeImageProcessor implements ImageProcessor {
  info: ImageInfo = { format: 'jpeg', width: 640, height: 480 };
  inspectError: Error | null = null;
  renderError: Error | null = null;
  readonly renders: RenderOptions[] = [];

  async inspect(): Promise<ImageInfo> {
    if (this.inspectError) throw this.inspectError;
    return this.info;
  }

  async render(bytes: Uint8Array, options: RenderOptions): Promise<RenderedImage> {
    if (this.renderError) throw this.renderError;
    this.renders.push(options);
    const size = options.size ?? { width: this.info.width, height: this.info.height };
    const label = `${options.format}:${size.width}x${size.height}:from:${bytes.length}`;
    return { bytes: new TextEncoder().encode(label), format: options.format, ...size };
  }
}
