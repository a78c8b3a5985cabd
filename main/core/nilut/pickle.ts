/**
 * A safe reader for the subset of Python's pickle format (protocols 2–5) that PyTorch state
 * dicts use. It never executes anything: GLOBAL may only name the few callables a state dict
 * needs (OrderedDict, tensor rebuilding, storage types), and those are interpreted here as
 * plain data constructors. Anything else is refused with a PickleError naming the opcode or
 * the global. Opcode semantics: CPython Lib/pickletools.py.
 */
export class PickleError extends Error {
  override readonly name = 'PickleError';
}

/** A storage reference from BINPERSID: ('storage', type, key, location, numel). */
export interface StorageRef {
  readonly kind: 'storage';
  readonly dtype: string;
  readonly key: string;
  readonly numel: number;
}

/** A tensor built by torch._utils._rebuild_tensor_v2. */
export interface TensorRef {
  readonly kind: 'tensor';
  readonly storage: StorageRef;
  readonly offset: number;
  readonly shape: number[];
  readonly stride: number[];
}

export type PickleValue =
  null | boolean | number | string | Uint8Array | PickleValue[] | Map<PickleValue, PickleValue> | StorageRef | TensorRef | Callable | Tuple;

interface Callable {
  readonly kind: 'callable';
  readonly name: string;
}

/** Python tuples are kept apart from lists only so REDUCE can take its arguments from one. */
class Tuple extends Array<PickleValue> {}

const ALLOWED_GLOBALS = new Set([
  'collections OrderedDict',
  'torch._utils _rebuild_tensor_v2',
  'torch._utils _rebuild_parameter',
  'torch FloatStorage',
  'torch HalfStorage',
  'torch DoubleStorage',
  'torch LongStorage',
  'torch IntStorage',
  'torch BoolStorage',
  'torch ByteStorage',
  'torch._tensor _rebuild_from_type_v2',
]);

const MARK = Symbol('mark');
type StackItem = PickleValue | typeof MARK;

function asTuple(items: PickleValue[]): Tuple {
  const t = new Tuple();
  t.push(...items);
  return t;
}

function call(fn: PickleValue, args: PickleValue): PickleValue {
  if (!fn || typeof fn !== 'object' || !('kind' in fn) || fn.kind !== 'callable') throw new PickleError('REDUCE on something that is not an allowed callable');
  const a = args as PickleValue[];
  switch (fn.name) {
    case 'collections OrderedDict':
      return new Map();
    case 'torch._utils _rebuild_tensor_v2': {
      const [storage, offset, shape, stride] = a as [StorageRef, number, number[], number[]];
      if (!storage || storage.kind !== 'storage') throw new PickleError('_rebuild_tensor_v2 without a storage');
      return { kind: 'tensor', storage, offset, shape: [...shape], stride: [...stride] };
    }
    case 'torch._utils _rebuild_parameter':
      return a[0];
    case 'torch._tensor _rebuild_from_type_v2':
      return call(a[0], a[2]);
    default:
      throw new PickleError(`refusing to call ${fn.name}`);
  }
}

/** Parses a pickle; returns the top-level value. */
export function readPickle(bytes: Uint8Array): PickleValue {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const stack: StackItem[] = [];
  const memo = new Map<number, PickleValue>();
  let p = 0;
  const need = (n: number) => {
    if (p + n > bytes.length) throw new PickleError('truncated pickle');
  };
  const u8 = () => {
    need(1);
    return bytes[p++];
  };
  const u16 = () => {
    need(2);
    const v = view.getUint16(p, true);
    p += 2;
    return v;
  };
  const u32 = () => {
    need(4);
    const v = view.getUint32(p, true);
    p += 4;
    return v;
  };
  const text = (n: number) => {
    need(n);
    const s = new TextDecoder().decode(bytes.subarray(p, p + n));
    p += n;
    return s;
  };
  const line = () => {
    const end = bytes.indexOf(0x0a, p);
    if (end < 0) throw new PickleError('truncated pickle');
    const s = new TextDecoder().decode(bytes.subarray(p, end));
    p = end + 1;
    return s;
  };
  const pop = (): PickleValue => {
    const v = stack.pop();
    if (v === undefined || v === MARK) throw new PickleError('stack underflow');
    return v;
  };
  const popMark = (): PickleValue[] => {
    const at = stack.lastIndexOf(MARK);
    if (at < 0) throw new PickleError('MARK missing');
    const items = stack.splice(at) as PickleValue[];
    items.shift();
    return items;
  };
  const top = (): PickleValue => {
    const v = stack[stack.length - 1];
    if (v === undefined || v === MARK) throw new PickleError('stack underflow');
    return v;
  };
  const setItems = (target: PickleValue, items: PickleValue[]) => {
    if (!(target instanceof Map)) throw new PickleError('SETITEM on something that is not a dict');
    for (let i = 0; i + 1 < items.length; i += 2) target.set(items[i], items[i + 1]);
  };

  for (;;) {
    const op = u8();
    switch (op) {
      case 0x80:
        u8();
        break; // PROTO
      case 0x95:
        need(8);
        p += 8;
        break; // FRAME
      case 0x2e:
        return pop(); // STOP
      case 0x7d:
        stack.push(new Map());
        break; // EMPTY_DICT
      case 0x5d:
        stack.push([]);
        break; // EMPTY_LIST
      case 0x29:
        stack.push(asTuple([]));
        break; // EMPTY_TUPLE
      case 0x28:
        stack.push(MARK);
        break; // MARK
      case 0x74:
        stack.push(asTuple(popMark()));
        break; // TUPLE
      case 0x85:
        stack.push(asTuple([pop()]));
        break; // TUPLE1
      case 0x86: {
        const b = pop();
        const a = pop();
        stack.push(asTuple([a, b]));
        break;
      } // TUPLE2
      case 0x87: {
        const c = pop();
        const b = pop();
        const a = pop();
        stack.push(asTuple([a, b, c]));
        break;
      } // TUPLE3
      case 0x4e:
        stack.push(null);
        break; // NONE
      case 0x88:
        stack.push(true);
        break; // NEWTRUE
      case 0x89:
        stack.push(false);
        break; // NEWFALSE
      case 0x4b:
        stack.push(u8());
        break; // BININT1
      case 0x4d:
        stack.push(u16());
        break; // BININT2
      case 0x4a: {
        need(4);
        stack.push(view.getInt32(p, true));
        p += 4;
        break;
      } // BININT
      case 0x8a: {
        const n = u8();
        need(n);
        let v = 0n;
        for (let i = n - 1; i >= 0; i--) v = (v << 8n) | BigInt(bytes[p + i]);
        if (n > 0 && bytes[p + n - 1] & 0x80) v -= 1n << BigInt(8 * n);
        p += n;
        stack.push(Number(v));
        break;
      } // LONG1
      case 0x47: {
        need(8);
        stack.push(view.getFloat64(p, false));
        p += 8;
        break;
      } // BINFLOAT (big-endian)
      case 0x58:
        stack.push(text(u32()));
        break; // BINUNICODE
      case 0x8c:
        stack.push(text(u8()));
        break; // SHORT_BINUNICODE
      case 0x55:
        stack.push(text(u8()));
        break; // SHORT_BINSTRING
      case 0x54:
        stack.push(text(u32()));
        break; // BINSTRING
      case 0x43: {
        const n = u8();
        need(n);
        stack.push(bytes.slice(p, p + n));
        p += n;
        break;
      } // SHORT_BINBYTES
      case 0x42: {
        const n = u32();
        need(n);
        stack.push(bytes.slice(p, p + n));
        p += n;
        break;
      } // BINBYTES
      case 0x71:
        memo.set(u8(), top());
        break; // BINPUT
      case 0x72:
        memo.set(u32(), top());
        break; // LONG_BINPUT
      case 0x94:
        memo.set(memo.size, top());
        break; // MEMOIZE
      case 0x68:
      case 0x6a: {
        const i = op === 0x68 ? u8() : u32();
        if (!memo.has(i)) throw new PickleError(`memo ${i} unknown`);
        stack.push(memo.get(i)!);
        break;
      } // BINGET, LONG_BINGET
      case 0x61: {
        const v = pop();
        const list = top();
        if (!Array.isArray(list)) throw new PickleError('APPEND to a non-list');
        list.push(v);
        break;
      } // APPEND
      case 0x65: {
        const items = popMark();
        const list = top();
        if (!Array.isArray(list)) throw new PickleError('APPENDS to a non-list');
        list.push(...items);
        break;
      } // APPENDS
      case 0x73: {
        const v = pop();
        const k = pop();
        setItems(top(), [k, v]);
        break;
      } // SETITEM
      case 0x75: {
        const items = popMark();
        setItems(top(), items);
        break;
      } // SETITEMS
      case 0x63: {
        // GLOBAL
        const name = `${line()} ${line()}`;
        if (!ALLOWED_GLOBALS.has(name)) throw new PickleError(`refusing global ${name}: not part of a tensor state dict`);
        stack.push({ kind: 'callable', name });
        break;
      }
      case 0x93: {
        // STACK_GLOBAL
        const n = pop();
        const m = pop();
        const name = `${String(m)} ${String(n)}`;
        if (!ALLOWED_GLOBALS.has(name)) throw new PickleError(`refusing global ${name}: not part of a tensor state dict`);
        stack.push({ kind: 'callable', name });
        break;
      }
      case 0x52: {
        const args = pop();
        const fn = pop();
        stack.push(call(fn, args));
        break;
      } // REDUCE
      case 0x62:
        pop();
        break; // BUILD: state of an OrderedDict (its _metadata); not needed
      case 0x51: {
        // BINPERSID
        const pid = pop() as PickleValue[];
        if (!Array.isArray(pid) || pid[0] !== 'storage') throw new PickleError('unknown persistent id');
        const type = pid[1] as Callable;
        stack.push({ kind: 'storage', dtype: type.name.split(' ')[1], key: String(pid[2]), numel: Number(pid[4]) });
        break;
      }
      default:
        throw new PickleError(`unsupported pickle opcode 0x${op.toString(16)} at byte ${p - 1}`);
    }
  }
}
