/**
 * Limits that keep one call from exhausting the host: contract.ts builds its schemas with them
 * and the renderer sizes its requests by them. No imports (no zod): the renderer bundles it.
 */
export const LIMITS = {
  /** Longest edge of a preview, in pixels (a 4K screen's width). */
  maxPreviewEdge: 4096,
  maxThumbnailEdge: 1024,
  maxThumbnailsPerCall: 200,
  maxPathsPerCall: 10_000,
  maxUploadFiles: 500,
  /** Bytes of one uploaded LUT or model (a 256³ .cube is about 400 MB). */
  maxUploadBytes: 512 * 1024 * 1024,
  maxStyles: 64,
} as const;
