/**
 * Fresh NILUT weights, reproducible from a seed. PyTorch's nn.Linear default (the paper's code
 * relies on it): weight and bias uniform in ±1/√fan_in (Kaiming-uniform with a = √5).
 */
import { seededRandom } from '../lut/image-pair.js';
import type { DenseWeights, NilutArchitecture, NilutWeights } from './architecture.js';
import { layerShapes } from './architecture.js';

export function initialWeights(architecture: NilutArchitecture, seed: number): NilutWeights {
  const random = seededRandom(seed);
  const dense: DenseWeights[] = layerShapes(architecture).map(([outputs, inputs]) => {
    const bound = 1 / Math.sqrt(inputs);
    const uniform = () => (random() * 2 - 1) * bound;
    return { outputs, inputs, weight: Float32Array.from({ length: outputs * inputs }, uniform), bias: Float32Array.from({ length: outputs }, uniform) };
  });
  return { architecture, dense };
}
