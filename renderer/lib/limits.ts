/**
 * The contract's limits the renderer needs, copied rather than imported: contract.ts is a
 * runtime module that pulls in zod, and the renderer imports only its types.
 * Keep in step with LIMITS in main/ipc/contract.ts (a test compares them).
 */
export const LIMITS = {
  /** Below the contract's maxThumbnailsPerCall (200) so each answer arrives in good time. */
  thumbnailsPerCall: 48,
  maxThumbnailsPerCall: 200,
  maxUploadFiles: 500,
  maxUploadBytes: 512 * 1024 * 1024,
  maxPreviewEdge: 4096,
} as const;
