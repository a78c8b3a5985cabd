/**
 * Adding EXIF (eXIf chunk, PNG 1.5 extension / PNG 3rd edition), XMP (iTXt with keyword
 * "XML:com.adobe.xmp", XMP spec part 3) and an ICC profile (iCCP) to an encoded PNG, before its
 * first IDAT chunk.
 */
import { crc32, deflateSync } from 'node:zlib';
import { withUprightOrientation } from './exif-orientation.js';

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

export function insertPngMetadata(png: Uint8Array, meta: { exif?: Uint8Array; xmp?: Uint8Array; icc?: Uint8Array }): Uint8Array {
  const chunks: Buffer[] = [];
  // iCCP: profile name, NUL, compression method 0 (zlib), the compressed profile.
  if (meta.icc) chunks.push(chunk('iCCP', Buffer.concat([Buffer.from('ICC profile\0\0', 'latin1'), deflateSync(meta.icc)])));
  if (meta.exif) {
    // eXIf holds the TIFF structure alone, without the JPEG "Exif\0\0" prefix.
    const exif = withUprightOrientation(meta.exif);
    const tiff = Buffer.from(exif.subarray(0, 6)).toString('latin1') === 'Exif\0\0' ? exif.subarray(6) : exif;
    chunks.push(chunk('eXIf', tiff));
  }
  if (meta.xmp) {
    // keyword, NUL, compression flag 0, method 0, empty language tag NUL, empty translated keyword NUL, text.
    chunks.push(chunk('iTXt', Buffer.concat([Buffer.from('XML:com.adobe.xmp\0\0\0\0\0', 'latin1'), meta.xmp])));
  }
  if (chunks.length === 0) return png;
  let p = 8;
  while (p + 8 <= png.length) {
    const length = Buffer.from(png.subarray(p, p + 4)).readUInt32BE(0);
    const type = Buffer.from(png.subarray(p + 4, p + 8)).toString('latin1');
    if (type === 'IDAT') break;
    p += 12 + length;
  }
  return Buffer.concat([png.subarray(0, p), ...chunks, png.subarray(p)]);
}
