/**
 * Choosing where NILUTs run: TensorFlow's native library through @tensorflow/tfjs-node when
 * it is installed (users' machines), else WebAssembly (SIMD, single-threaded in Node), else
 * the plain JavaScript cpu backend. The choice is made once per process and reported.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';

export type BackendName = 'tensorflow' | 'wasm' | 'cpu';

export interface BackendInfo {
  readonly name: BackendName;
  readonly tfjsVersion: string;
  /** Why a faster backend was not used, if one was not. */
  readonly fallbackReasons: string[];
  readonly simd?: boolean;
  readonly threads?: boolean;
}

const require = createRequire(import.meta.url);
let chosen: Promise<BackendInfo> | undefined;

async function tryNative(reasons: string[]): Promise<boolean> {
  try {
    // tfjs-node registers the 'tensorflow' backend when it loads.
    await import('@tensorflow/tfjs-node' as string);
    return await tf.setBackend('tensorflow');
  } catch (error) {
    reasons.push(`tfjs-node: ${((error as Error).message ?? String(error)).split('\n')[0]}`);
    return false;
  }
}

async function tryWasm(reasons: string[]): Promise<boolean> {
  try {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    const dist = path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'));
    wasm.setWasmPaths(`${dist}${path.sep}`);
    return await tf.setBackend('wasm');
  } catch (error) {
    reasons.push(`wasm: ${((error as Error).message ?? String(error)).split('\n')[0]}`);
    return false;
  }
}

async function choose(preferred?: BackendName): Promise<BackendInfo> {
  const reasons: string[] = [];
  const order: BackendName[] = preferred ? [preferred] : ['tensorflow', 'wasm', 'cpu'];
  for (const name of order) {
    const ok = name === 'tensorflow' ? await tryNative(reasons) : name === 'wasm' ? await tryWasm(reasons) : await tf.setBackend('cpu');
    if (!ok) continue;
    await tf.ready();
    return {
      name,
      tfjsVersion: tf.version.tfjs,
      fallbackReasons: reasons,
      simd: name === 'wasm' ? tf.env().getBool('WASM_HAS_SIMD_SUPPORT') : undefined,
      threads: name === 'wasm' ? tf.env().getBool('WASM_HAS_MULTITHREAD_SUPPORT') : undefined,
    };
  }
  throw new Error(`no TensorFlow.js backend could start (${reasons.join('; ')})`);
}

/**
 * Initialises the best available backend (once); `NILUT_BACKEND=wasm|cpu|tensorflow` forces
 * one, for tests and comparisons.
 */
export function initBackend(): Promise<BackendInfo> {
  const forced = process.env.NILUT_BACKEND as BackendName | undefined;
  return (chosen ??= choose(forced && ['tensorflow', 'wasm', 'cpu'].includes(forced) ? forced : undefined));
}
