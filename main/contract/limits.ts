/**
 * Limits that keep one call from exhausting the host: contract.ts builds its schemas with them,
 * the bridge sizes its frames by them and the renderer sizes its requests by them. No imports
 * (no zod): the renderer bundles it.
 */
const MiB = 1024 * 1024;
/** Bytes of one uploaded LUT, model or photo (a 256³ .cube is about 450 MB). */
const maxUploadBytes = 512 * MiB;
/** The JSON part of one bridge message: 10,000 paths of a few hundred characters, or a library listing. */
const maxMessageJsonBytes = 16 * MiB;

export const LIMITS = {
  /** Longest edge of a preview, in pixels (a 4K screen's width). */
  maxPreviewEdge: 4096,
  maxThumbnailEdge: 1024,
  maxThumbnailsPerCall: 200,
  maxPathsPerCall: 10_000,
  maxUploadFiles: 500,
  maxUploadBytes,
  /**
   * Bytes of uploads in one call: a drop of more is sent in several calls (the renderer splits
   * it), so one bridge frame never needs to hold more than this plus its JSON.
   */
  maxUploadBytesPerCall: maxUploadBytes,
  maxStyles: 64,
  maxMessageJsonBytes,
  /** Byte arrays in one bridge message: an upload's files or a page of thumbnails. */
  maxMessageBlobs: 500,
  /**
   * One bridge frame: the largest call (uploads of maxUploadBytesPerCall) with its JSON and
   * blob table. The WebSocket server refuses a longer frame from its header, before buffering it.
   */
  maxMessageBytes: maxUploadBytes + maxMessageJsonBytes + 8 + 4 * 500,
} as const;
