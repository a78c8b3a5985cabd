/**
 * Shared text handling for the line-oriented LUT formats (.cube, .3dl): turning file bytes
 * into clean text, splitting lines, and strict number parsing that names the line.
 */
import { LutParseError } from './errors.js';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
/** Bytes looked at for NUL: a text LUT has none, a binary file almost always does within them. */
const BINARY_PROBE = 64 * 1024;

/** Refuses a file whose first bytes hold NUL: binary data, not a text LUT. */
export function refuseBinary(firstBytes: Uint8Array, fileName: string): void {
  if (firstBytes.subarray(0, BINARY_PROBE).includes(0)) throw new LutParseError(fileName, 'is binary data, not a text LUT (it contains NUL bytes)');
}

/** UTF-8 bytes → text, refusing anything that is not UTF-8 (a byte-order mark is kept). */
export function decodeUtf8(bytes: Uint8Array, fileName: string): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw new LutParseError(fileName, 'is not UTF-8 text (is it a binary file?)');
  }
}

/** Text without the UTF-8 byte-order mark it may start with. */
export function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** File bytes → text, refusing binary data; strips a UTF-8 byte-order mark. */
export function decodeLutText(bytes: Uint8Array, fileName: string): string {
  if (bytes.length === 0) throw new LutParseError(fileName, 'is empty');
  refuseBinary(bytes, fileName);
  return withoutBom(decodeUtf8(bytes, fileName));
}

/** The part of a line before a `#` comment, trimmed. */
export function stripComment(line: string): string {
  const hash = line.indexOf('#');
  return (hash === -1 ? line : line.slice(0, hash)).trim();
}

export function tokens(content: string): string[] {
  return content.split(/[\s]+/).filter((t) => t !== '');
}

// Decimal and scientific notation as written by Resolve, Nuke, OCIO and colour-science.
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

export function isNumberToken(token: string): boolean {
  return NUMBER.test(token);
}

const FLOAT32_MAX = 3.4028234663852886e38;

/** A finite number from a token, or a LutParseError naming the file, line and token. */
export function parseNumber(token: string, fileName: string, line: number): number {
  if (!NUMBER.test(token)) {
    const what = /^[+-]?(nan|inf|infinity)$/i.test(token) ? 'is not a finite number' : 'is not a number';
    throw new LutParseError(fileName, `"${token.slice(0, 40)}" ${what}`, line);
  }
  const value = Number(token);
  // LUT values are stored as float32; anything beyond its range would silently become infinite.
  if (!(Math.abs(value) <= FLOAT32_MAX)) throw new LutParseError(fileName, `"${token.slice(0, 40)}" is too large for a LUT value`, line);
  return value;
}

/** An integer in [min, max] from a token, checked before anything is allocated with it. */
export function parseIntegerInRange(token: string | undefined, min: number, max: number, what: string, fileName: string, line: number): number {
  if (token === undefined) throw new LutParseError(fileName, `${what} has no value`, line);
  if (!/^[+-]?\d+$/.test(token)) throw new LutParseError(fileName, `${what} must be a whole number, not "${token.slice(0, 40)}"`, line);
  const value = Number(token);
  if (value < min || value > max) throw new LutParseError(fileName, `${what} ${token.slice(0, 40)} is outside ${min}..${max}`, line);
  return value;
}

const SPACE = 0x20,
  TAB = 0x09,
  PLUS = 0x2b,
  MINUS = 0x2d,
  DOT = 0x2e,
  ZERO = 0x30,
  NINE = 0x39,
  LOWER_E = 0x65,
  UPPER_E = 0x45;

const isDigit = (c: number) => c >= ZERO && c <= NINE;

/** 10^0 … 10^22: every one exact in a double, which the fast conversion below relies on. */
const EXACT_POWERS_OF_TEN = Array.from({ length: 23 }, (_, k) => 10 ** k);
/** Digits a mantissa may have and still be exact in a double (below 2^53). */
const EXACT_DIGITS = 15;

/** The value of the last number numberEnd scanned (a field, not a returned object: this runs 50 M times for a 256³ .cube). */
let scannedValue = 0;

/**
 * Where the number starting at `i` of `line` ends if it matches NUMBER, else -1; its value is
 * left in scannedValue. A mantissa of up to 15 digits scaled by 10^±22 at most is converted
 * here: both are exact doubles, so one multiplication or division rounds correctly and gives
 * exactly what Number() gives (Clinger's fast path, "How to read floating point numbers
 * accurately", 1990). Anything longer goes to Number() itself.
 */
function numberEnd(line: string, start: number): number {
  let i = start;
  let c = line.charCodeAt(i);
  const negative = c === MINUS;
  if (c === PLUS || c === MINUS) c = line.charCodeAt(++i);
  let digits = 0,
    significant = 0,
    mantissa = 0,
    scale = 0;
  const digit = () => {
    if (significant > 0 || c !== ZERO) significant++;
    mantissa = mantissa * 10 + (c - ZERO);
    digits++;
    c = line.charCodeAt(++i);
  };
  while (isDigit(c)) digit();
  if (c === DOT) {
    c = line.charCodeAt(++i);
    while (isDigit(c)) {
      digit();
      scale--;
    }
  }
  if (digits === 0) return -1;
  if (c === LOWER_E || c === UPPER_E) {
    c = line.charCodeAt(++i);
    const negativeExponent = c === MINUS;
    if (c === PLUS || c === MINUS) c = line.charCodeAt(++i);
    if (!isDigit(c)) return -1;
    let exponent = 0;
    for (; isDigit(c); c = line.charCodeAt(++i)) exponent = Math.min(exponent * 10 + (c - ZERO), 1e6);
    scale += negativeExponent ? -exponent : exponent;
  }
  if (significant > EXACT_DIGITS || scale > 22 || scale < -22) scannedValue = Number(line.slice(start, i));
  else {
    const magnitude = scale >= 0 ? mantissa * EXACT_POWERS_OF_TEN[scale] : mantissa / EXACT_POWERS_OF_TEN[-scale];
    scannedValue = negative ? -magnitude : magnitude;
  }
  return i;
}

/**
 * The fast path for a data row: when `line` is exactly `count` numbers (as NUMBER accepts them,
 * within float32's range) between spaces or tabs, writes them to `target` at `offset` and says
 * true. Anything else (a comment, another separator, a bad token) says false and is left to the
 * general parse, which names the problem. A 256³ .cube is 16.8 M rows, so this is most of a read.
 */
export function scanNumberRow(line: string, count: number, target: Float32Array, offset: number): boolean {
  const length = line.length;
  let i = 0;
  for (let k = 0; k < count; k++) {
    while (i < length && (line.charCodeAt(i) === SPACE || line.charCodeAt(i) === TAB)) i++;
    if (k > 0 && !(i > 0 && (line.charCodeAt(i - 1) === SPACE || line.charCodeAt(i - 1) === TAB))) return false;
    const end = numberEnd(line, i);
    if (end === -1 || !(Math.abs(scannedValue) <= FLOAT32_MAX)) return false;
    target[offset + k] = scannedValue;
    i = end;
  }
  while (i < length && (line.charCodeAt(i) === SPACE || line.charCodeAt(i) === TAB)) i++;
  return i === length;
}

/**
 * The same for a row of `count` whole numbers from 0 to `max` (a .3dl lattice row), into
 * `target` at `offset`; false leaves the row to the general parse.
 */
export function scanIntegerRow(line: string, count: number, max: number, target: Int32Array, offset: number): boolean {
  const length = line.length;
  let i = 0;
  for (let k = 0; k < count; k++) {
    const gapStart = i;
    while (i < length && (line.charCodeAt(i) === SPACE || line.charCodeAt(i) === TAB)) i++;
    if (k > 0 && i === gapStart) return false;
    let value = 0;
    const digitsStart = i;
    for (let c = line.charCodeAt(i); isDigit(c) && value <= max; c = line.charCodeAt(++i)) value = value * 10 + (c - ZERO);
    if (i === digitsStart || value > max) return false;
    target[offset + k] = value;
  }
  while (i < length && (line.charCodeAt(i) === SPACE || line.charCodeAt(i) === TAB)) i++;
  return i === length;
}
