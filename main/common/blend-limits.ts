/**
 * How many looks one blend of presets may mix, shared by every runtime (no imports: the
 * renderer offers as many sliders as the contract and the library accept). Far more than a
 * look needs; it bounds the work one preview request can ask for.
 */
export const MAX_BLEND_LOOKS = 16;
