/**
 * The NILUT network (Conde et al., AAAI 2024, §3): an MLP f(rgb, w) → rgb with
 * Linear(3+K, H) ReLU, then L × [Linear(H, H) Tanh], then Linear(H, 3), and the residual output
 * clamp(net(x) + rgb, 0, 1). K = 0 is a single-style NILUT; K ≥ 1 a conditional NILUT whose
 * extra inputs are the style weights.
 */
export interface NilutArchitecture {
  /** K: number of styles (0 = single style, no weight inputs). */
  readonly styles: number;
  /** H: width of the hidden layers. */
  readonly units: number;
  /** L: number of Linear(H, H) Tanh layers. */
  readonly layers: number;
}

/** One Linear layer in PyTorch layout: weight is [outputs, inputs], row-major. */
export interface DenseWeights {
  readonly inputs: number;
  readonly outputs: number;
  readonly weight: Float32Array;
  readonly bias: Float32Array;
}

export interface NilutWeights {
  readonly architecture: NilutArchitecture;
  /** L + 2 layers: input, L hidden, output. */
  readonly dense: readonly DenseWeights[];
}

export function inputWidth(architecture: NilutArchitecture): number {
  return 3 + architecture.styles;
}

/** Shapes [outputs, inputs] of every layer of an architecture, in order. */
export function layerShapes(architecture: NilutArchitecture): Array<[number, number]> {
  const { units, layers } = architecture;
  return [[units, inputWidth(architecture)], ...Array.from({ length: layers }, () => [units, units] as [number, number]), [3, units]];
}

export function parameterCount(architecture: NilutArchitecture): number {
  return layerShapes(architecture).reduce((sum, [o, i]) => sum + o * i + o, 0);
}

/** Checks that `dense` matches the architecture's shapes; returns a problem or undefined. */
export function shapeProblem(architecture: NilutArchitecture, dense: readonly DenseWeights[]): string | undefined {
  const shapes = layerShapes(architecture);
  if (dense.length !== shapes.length)
    return `expected ${shapes.length} layers for K=${architecture.styles}, H=${architecture.units}, L=${architecture.layers} but found ${dense.length}`;
  for (let i = 0; i < shapes.length; i++) {
    const [o, n] = shapes[i];
    const d = dense[i];
    if (d.outputs !== o || d.inputs !== n || d.weight.length !== o * n || d.bias.length !== o) {
      return `layer ${i} is ${d.outputs}×${d.inputs} (weight ${d.weight.length}, bias ${d.bias.length}) where ${o}×${n} was expected`;
    }
  }
  return undefined;
}

/** Reads the architecture off a list of layers (as found in a state dict). */
export function architectureOf(dense: readonly DenseWeights[]): NilutArchitecture {
  if (dense.length < 2) throw new RangeError(`a NILUT has at least 2 layers, not ${dense.length}`);
  return { styles: dense[0].inputs - 3, units: dense[0].outputs, layers: dense.length - 2 };
}
