/**
 * Reading a line-oriented LUT (.cube, .3dl) in chunks, so that memory follows the lattice the
 * file declares and not the file's length: the bytes are cut into lines chunk by chunk (a line
 * terminator is ASCII, so a cut never splits a UTF-8 character), each line handed to the
 * format's reader and dropped. Two budgets are checked as the bytes arrive: a line may not be
 * longer than READ_LIMITS.textLutLineChars, and the file may not hold more bytes than its
 * declared rows need plus a header (the reader's allowedBytes), so `LUT_3D_SIZE 2` followed by
 * 120 M blank lines is refused after a megabyte instead of filling the heap.
 */
import { formatBytes, READ_LIMITS } from '../read-limits.js';
import { LutParseError } from './errors.js';
import { decodeUtf8, refuseBinary, withoutBom } from './text-lines.js';

/** What a format's reader does with lines: take them one by one, then build the LUT. */
export interface LineReader<T> {
  readLine(raw: string, line: number): void;
  /** Bytes the file may hold, given what it has declared so far (its lattice size, once read). */
  allowedBytes(): number;
  finish(): T;
}

/** The bytes a text LUT declaring `rows` data rows may hold: its rows and a header. */
export function allowedTextLutBytes(rows: number): number {
  return Math.min(READ_LIMITS.textLutBytes, READ_LIMITS.textLutHeaderBytes + rows * READ_LIMITS.textLutRowBytes);
}

const LF = 0x0a;
const CR = 0x0d;
const EMPTY = new Uint8Array(0);

function lastTerminator(bytes: Uint8Array, from: number): number {
  for (let i = bytes.length - 1; i >= from; i--) if (bytes[i] === LF || bytes[i] === CR) return i;
  return -1;
}

/** `a` then `b`, in a new array: a chunk's bytes are overwritten by the next chunk, so what is kept is copied. */
function joined(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

class LineSplitter<T> {
  /** The last line's bytes so far: it has no terminator yet. Never longer than a line may be. */
  private carry: Uint8Array = EMPTY;
  /** The last piece ended on CR: an LF starting the next chunk is the rest of its CRLF. */
  private pendingCr = false;
  private lines = 0;
  private bytes = 0;

  constructor(
    private readonly fileName: string,
    private readonly reader: LineReader<T>,
  ) {}

  push(chunk: Uint8Array): void {
    if (this.bytes === 0) refuseBinary(chunk, this.fileName);
    this.bytes += chunk.length;
    const allowed = this.reader.allowedBytes();
    if (this.bytes > allowed) {
      throw new LutParseError(
        this.fileName,
        `holds more than ${formatBytes(allowed)}, more than the data rows its size declares and a header take (refused after line ${this.lines})`,
      );
    }
    const start = this.pendingCr && chunk[0] === LF ? 1 : 0;
    this.pendingCr = false;
    const last = lastTerminator(chunk, start);
    if (last === -1) {
      this.carry = joined(this.carry, chunk.subarray(start));
      this.checkCarry();
      return;
    }
    // A CRLF ending the piece is cut as a whole, so the split below sees no empty last line.
    const end = chunk[last] === LF && last > start && chunk[last - 1] === CR ? last - 1 : last;
    this.pendingCr = chunk[last] === CR;
    this.deliver(this.carry.length === 0 ? chunk.subarray(start, end) : joined(this.carry, chunk.subarray(start, end)));
    this.carry = chunk.slice(last + 1);
    this.checkCarry();
  }

  end(): T {
    if (this.bytes === 0) throw new LutParseError(this.fileName, 'is empty');
    if (this.carry.length > 0) this.deliver(this.carry);
    return this.reader.finish();
  }

  private checkCarry(): void {
    if (this.carry.length > READ_LIMITS.textLutLineChars) this.tooLong(this.lines + 1);
  }

  private tooLong(line: number): never {
    throw new LutParseError(this.fileName, `has a line longer than ${READ_LIMITS.textLutLineChars} characters`, line);
  }

  private deliver(piece: Uint8Array): void {
    const decoded = decodeUtf8(piece, this.fileName);
    const text = this.lines === 0 ? withoutBom(decoded) : decoded;
    const lines = text.indexOf('\r') === -1 ? text.split('\n') : text.split(/\r\n|\r|\n/);
    for (const line of lines) {
      this.lines++;
      if (line.length > READ_LIMITS.textLutLineChars) this.tooLong(this.lines);
      this.reader.readLine(line, this.lines);
    }
  }
}

/** Feeds a text LUT's bytes, chunk by chunk, to a format's reader; `fileName` labels every error. */
export async function readTextLut<T>(chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, fileName: string, reader: LineReader<T>): Promise<T> {
  const splitter = new LineSplitter(fileName, reader);
  for await (const chunk of chunks) splitter.push(chunk);
  return splitter.end();
}

/** Bytes already in memory as chunks, so they are decoded a chunk at a time like a file's. */
export function* chunksOf(bytes: Uint8Array, chunkBytes = 1024 * 1024): Generator<Uint8Array> {
  for (let o = 0; o < bytes.length; o += chunkBytes) yield bytes.subarray(o, o + chunkBytes);
}

/** A whole text's lines to a reader (no byte budget: the text is already in memory). */
export function readTextLines<T>(text: string, reader: LineReader<T>): T {
  const lines = text.split(/\r\n|\r|\n/);
  for (let i = 0; i < lines.length; i++) reader.readLine(lines[i], i + 1);
  return reader.finish();
}
