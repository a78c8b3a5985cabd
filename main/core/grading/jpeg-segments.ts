/**
 * Carrying metadata segments from an original JPEG into a newly encoded one, byte for byte.
 * sharp encodes graded pixels from a raw buffer, which has no metadata, and its EXIF API takes
 * text fields only; copying the original APP segments keeps everything (maker notes, GPS,
 * Extended XMP split over several segments, Photoshop/IPTC) exactly. JPEG marker syntax: ITU-T
 * T.81 Annex B; EXIF in APP1 (CIPA DC-008); XMP and Extended XMP in APP1 (XMP spec part 3).
 */
import { withUprightOrientation } from './exif-orientation.js';

const SOI = 0xd8,
  SOS = 0xda,
  APP1 = 0xe1,
  APP13 = 0xed;
const EXIF_ID = 'Exif\0\0';
const XMP_ID = 'http://ns.adobe.com/xap/1.0/\0';
const XMP_EXT_ID = 'http://ns.adobe.com/xmp/extension/\0';
const PHOTOSHOP_ID = 'Photoshop 3.0\0';

export interface JpegSegment {
  readonly marker: number;
  /** Payload after the two length bytes. */
  readonly payload: Uint8Array;
}

function startsWith(payload: Uint8Array, id: string): boolean {
  return payload.length >= id.length && Buffer.from(payload.subarray(0, id.length)).toString('latin1') === id;
}

/** The header segments before the scan data, or [] when `bytes` is not a JPEG. */
export function readJpegSegments(bytes: Uint8Array): JpegSegment[] {
  if (bytes[0] !== 0xff || bytes[1] !== SOI) return [];
  const segments: JpegSegment[] = [];
  let p = 2;
  while (p + 4 <= bytes.length) {
    if (bytes[p] !== 0xff) break;
    const marker = bytes[p + 1];
    if (marker === 0xff) {
      p++;
      continue;
    }
    if (marker === SOS) break;
    const length = (bytes[p + 2] << 8) | bytes[p + 3];
    if (length < 2 || p + 2 + length > bytes.length) break;
    segments.push({ marker, payload: bytes.subarray(p + 4, p + 2 + length) });
    p += 2 + length;
  }
  return segments;
}

/** EXIF (orientation reset), XMP, Extended XMP and Photoshop/IPTC segments worth carrying over. */
export function metadataSegments(original: readonly JpegSegment[]): JpegSegment[] {
  const kept: JpegSegment[] = [];
  for (const s of original) {
    if (s.marker === APP1 && startsWith(s.payload, EXIF_ID)) kept.push({ marker: APP1, payload: withUprightOrientation(s.payload) });
    else if (s.marker === APP1 && (startsWith(s.payload, XMP_ID) || startsWith(s.payload, XMP_EXT_ID))) kept.push(s);
    else if (s.marker === APP13 && startsWith(s.payload, PHOTOSHOP_ID)) kept.push(s);
  }
  return kept;
}

/** Segments built from sharp's metadata buffers, for a JPEG made from a non-JPEG original. */
export function segmentsFromMetadata(meta: { exif?: Uint8Array; xmp?: Uint8Array; iptc?: Uint8Array }): JpegSegment[] {
  const out: JpegSegment[] = [];
  if (meta.exif) {
    const exif = startsWith(meta.exif, EXIF_ID) ? meta.exif : Buffer.concat([Buffer.from(EXIF_ID, 'latin1'), meta.exif]);
    out.push({ marker: APP1, payload: withUprightOrientation(exif) });
  }
  if (meta.xmp) out.push({ marker: APP1, payload: Buffer.concat([Buffer.from(XMP_ID, 'latin1'), meta.xmp]) });
  if (meta.iptc && startsWith(meta.iptc, PHOTOSHOP_ID)) out.push({ marker: APP13, payload: meta.iptc });
  return out.filter((s) => s.payload.length + 2 <= 0xffff);
}

const APP2 = 0xe2;
const ICC_ID = 'ICC_PROFILE\0';
/** Largest ICC payload per APP2 segment: 65535 − 2 (length) − 12 (id) − 2 (sequence, count). */
const ICC_CHUNK = 65519;

/** An ICC profile as APP2 ICC_PROFILE segments (ICC.1 Annex B.4), split when it is large. */
export function iccSegments(icc: Uint8Array): JpegSegment[] {
  const count = Math.ceil(icc.length / ICC_CHUNK);
  return Array.from({ length: count }, (_, i) => ({
    marker: APP2,
    payload: Buffer.concat([Buffer.from(ICC_ID, 'latin1'), Buffer.from([i + 1, count]), icc.subarray(i * ICC_CHUNK, (i + 1) * ICC_CHUNK)]),
  }));
}

/**
 * `encoded` with `segments` inserted after its SOI and any APP0 (JFIF) header, and with any
 * EXIF/XMP segments the encoder wrote itself removed so nothing is duplicated.
 */
export function insertJpegSegments(encoded: Uint8Array, segments: readonly JpegSegment[]): Uint8Array {
  if (segments.length === 0) return encoded;
  const app0: Uint8Array[] = [];
  const others: Uint8Array[] = [];
  let p = 2;
  for (const s of readJpegSegments(encoded)) {
    const bytes = encoded.subarray(p, p + s.payload.length + 4);
    p += bytes.length;
    if (s.marker === 0xe0) app0.push(bytes);
    else if (s.marker !== APP1) others.push(bytes);
  }
  return Buffer.concat([encoded.subarray(0, 2), ...app0, ...segments.map(encodeSegment), ...others, encoded.subarray(p)]);
}

function encodeSegment(s: JpegSegment): Uint8Array {
  const head = Buffer.from([0xff, s.marker, ((s.payload.length + 2) >> 8) & 0xff, (s.payload.length + 2) & 0xff]);
  return Buffer.concat([head, s.payload]);
}
