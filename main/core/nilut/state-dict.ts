/**
 * Turning a PyTorch state dict of the paper's NILUT (`net.0.weight`, `net.0.bias`, `net.2.*`,
 * … — nn.Sequential indices, activations in between) into our layer list.
 */
import type { DenseWeights, NilutWeights } from './architecture.js';
import { architectureOf } from './architecture.js';
import { ModelFileError } from './model-errors.js';
import { architectureProblem, weightsProblem } from './model-bounds.js';

export interface NamedTensor {
  readonly shape: number[];
  readonly data: Float32Array;
}

export function denseFromStateDict(tensors: Map<string, NamedTensor>, fileName: string): NilutWeights {
  const indices = [...tensors.keys()]
    .map((key) => /^(?:module\.)?net\.(\d+)\.weight$/.exec(key)?.[1])
    .filter((v): v is string => v !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
  if (indices.length < 2) throw new ModelFileError(fileName, 'has no net.N.weight tensors: it is not a NILUT state dict');
  const prefix = tensors.has(`net.${indices[0]}.weight`) ? 'net' : 'module.net';
  const dense: DenseWeights[] = indices.map((i) => {
    const weight = tensors.get(`${prefix}.${i}.weight`)!;
    const bias = tensors.get(`${prefix}.${i}.bias`);
    if (weight.shape.length !== 2) throw new ModelFileError(fileName, `${prefix}.${i}.weight has shape [${weight.shape}], not [out, in]`);
    if (!bias || bias.shape.length !== 1 || bias.shape[0] !== weight.shape[0])
      throw new ModelFileError(fileName, `${prefix}.${i}.bias is missing or does not match its weight`);
    return { outputs: weight.shape[0], inputs: weight.shape[1], weight: Float32Array.from(weight.data), bias: Float32Array.from(bias.data) };
  });
  for (let i = 1; i < dense.length; i++) {
    if (dense[i].inputs !== dense[i - 1].outputs)
      throw new ModelFileError(fileName, `layer ${i} takes ${dense[i].inputs} inputs but layer ${i - 1} gives ${dense[i - 1].outputs}`);
  }
  if (dense[dense.length - 1].outputs !== 3) throw new ModelFileError(fileName, `the last layer gives ${dense[dense.length - 1].outputs} outputs, not RGB`);
  if (dense[0].inputs < 3) throw new ModelFileError(fileName, `the first layer takes ${dense[0].inputs} inputs, fewer than RGB`);
  const architecture = architectureOf(dense);
  const problem = architectureProblem(architecture) ?? weightsProblem(dense);
  if (problem) throw new ModelFileError(fileName, problem);
  return { architecture, dense };
}
