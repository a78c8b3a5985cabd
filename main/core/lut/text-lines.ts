/**
 * Shared text handling for the line-oriented LUT formats (.cube, .3dl): turning file bytes
 * into clean text, splitting lines, and strict number parsing that names the line.
 */
import { LutParseError } from './errors.js';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** File bytes → text, refusing binary data; strips a UTF-8 byte-order mark. */
export function decodeLutText(bytes: Uint8Array, fileName: string): string {
  if (bytes.length === 0) throw new LutParseError(fileName, 'is empty');
  const probe = bytes.subarray(0, 64 * 1024);
  if (probe.includes(0)) throw new LutParseError(fileName, 'is binary data, not a text LUT (it contains NUL bytes)');
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw new LutParseError(fileName, 'is not UTF-8 text (is it a binary file?)');
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Lines without their terminators; accepts LF, CRLF and lone CR. */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
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
