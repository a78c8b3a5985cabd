/**
 * A NILUT held as TensorFlow.js variables. Weights are kept transposed ([inputs, outputs]) so
 * the forward pass is a plain matMul; they are converted to and from PyTorch layout at the
 * edges (files, the paper's checkpoint).
 */
import * as tf from '@tensorflow/tfjs';
import type { DenseWeights, NilutArchitecture, NilutWeights } from './architecture.js';
import { inputWidth, layerShapes, shapeProblem } from './architecture.js';
import { dense } from './dense.js';

function transpose(values: Float32Array, rows: number, columns: number): Float32Array {
  const out = new Float32Array(values.length);
  for (let r = 0; r < rows; r++) for (let c = 0; c < columns; c++) out[c * rows + r] = values[r * columns + c];
  return out;
}

export class NilutModel {
  readonly kernels: tf.Variable<tf.Rank.R2>[];
  readonly biases: tf.Variable<tf.Rank.R1>[];

  constructor(readonly weights0: NilutWeights) {
    const problem = shapeProblem(weights0.architecture, weights0.dense);
    if (problem) throw new RangeError(`NILUT weights do not fit their architecture: ${problem}`);
    // tidy frees the initial tensors; the variables (which tidy never disposes) keep their data.
    this.kernels = weights0.dense.map((d) => tf.tidy(() => tf.variable(tf.tensor2d(transpose(d.weight, d.outputs, d.inputs), [d.inputs, d.outputs]))));
    this.biases = weights0.dense.map((d) => tf.tidy(() => tf.variable(tf.tensor1d(d.bias))));
  }

  get architecture(): NilutArchitecture {
    return this.weights0.architecture;
  }

  /** The network on a batch [N, 3+K] (rgb then style weights); returns clamp(net(x) + rgb, 0, 1). */
  forward(x: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => {
      const last = this.kernels.length - 1;
      let h = tf.relu(dense(x, this.kernels[0], this.biases[0]));
      for (let i = 1; i < last; i++) h = tf.tanh(dense(h, this.kernels[i], this.biases[i]));
      const residual = dense(h, this.kernels[last], this.biases[last]);
      const rgb = inputWidth(this.architecture) === 3 ? x : tf.slice(x, [0, 0], [-1, 3]);
      return tf.clipByValue(tf.add(residual, rgb), 0, 1) as tf.Tensor2D;
    });
  }

  /** The same forward pass without the final clamp, for training (the clamp has no gradient). */
  forwardUnclamped(x: tf.Tensor2D): tf.Tensor2D {
    const last = this.kernels.length - 1;
    let h = tf.relu(dense(x, this.kernels[0], this.biases[0]));
    for (let i = 1; i < last; i++) h = tf.tanh(dense(h, this.kernels[i], this.biases[i]));
    const residual = dense(h, this.kernels[last], this.biases[last]);
    const rgb = inputWidth(this.architecture) === 3 ? x : tf.slice(x, [0, 0], [-1, 3]);
    return tf.add(residual, rgb) as tf.Tensor2D;
  }

  /** Current weights in PyTorch layout. */
  async readWeights(): Promise<NilutWeights> {
    const shapes = layerShapes(this.architecture);
    const dense: DenseWeights[] = [];
    for (let i = 0; i < shapes.length; i++) {
      const [outputs, inputs] = shapes[i];
      const kernel = (await this.kernels[i].data()) as Float32Array;
      dense.push({ inputs, outputs, weight: transpose(kernel, inputs, outputs), bias: Float32Array.from(await this.biases[i].data()) });
    }
    return { architecture: this.architecture, dense };
  }

  dispose(): void {
    for (const v of [...this.kernels, ...this.biases]) v.dispose();
  }
}

/**
 * Runs the model over many colours: `rgb` holds N×3 values, `styleWeights` the K blend weights
 * applied to every colour (omit for K = 0). Batched so tensor memory stays bounded.
 */
export async function evaluateModel(model: NilutModel, rgb: Float32Array, styleWeights: readonly number[] = [], batch = 65536): Promise<Float32Array> {
  const k = model.architecture.styles;
  if (styleWeights.length !== k) throw new RangeError(`this model holds ${k} styles but ${styleWeights.length} blend weights were given`);
  const count = rgb.length / 3;
  const out = new Float32Array(count * 3);
  const width = 3 + k;
  for (let start = 0; start < count; start += batch) {
    const n = Math.min(batch, count - start);
    const input = new Float32Array(n * width);
    for (let i = 0; i < n; i++) {
      input[i * width] = rgb[(start + i) * 3];
      input[i * width + 1] = rgb[(start + i) * 3 + 1];
      input[i * width + 2] = rgb[(start + i) * 3 + 2];
      for (let s = 0; s < k; s++) input[i * width + 3 + s] = styleWeights[s];
    }
    const result = tf.tidy(() => model.forward(tf.tensor2d(input, [n, width])));
    out.set((await result.data()) as Float32Array, start * 3);
    result.dispose();
  }
  return out;
}
