/**
 * How many pixels a batch holds in memory at once. Each photo in flight costs about 6–7 bytes
 * per pixel (decoded pixels, the shared copy the LUT workers write into, the encoder's buffer:
 * two 268-MP PNGs graded at once peaked at 3.45 GB), so the batch's parallel workers wait for
 * room rather than decoding side by side whatever the folder holds. A photo larger than the
 * whole budget still runs, alone: refusing it would fail a photo the machine can grade.
 */

/** Pixels in flight across a batch's workers: 2 × a 12-MP photo many times over, one 268-MP scan alone. */
export const BATCH_PIXEL_BUDGET = 256e6;

export class PixelBudget {
  private inFlight = 0;
  private readonly waiting: { pixels: number; start: () => void }[] = [];

  constructor(readonly limit = BATCH_PIXEL_BUDGET) {}

  /** Resolves when `pixels` fit beside what is in flight (or nothing is); call the returned release when done. */
  async acquire(pixels: number): Promise<() => void> {
    if (!this.fits(pixels) || this.waiting.length > 0) await new Promise<void>((start) => this.waiting.push({ pixels, start }));
    this.inFlight += pixels;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.inFlight -= pixels;
      this.startWaiting();
    };
  }

  get pixelsInFlight(): number {
    return this.inFlight;
  }

  private fits(pixels: number): boolean {
    return this.inFlight === 0 || this.inFlight + pixels <= this.limit;
  }

  /** First come, first served: a large photo waiting is not overtaken by small ones for ever. */
  private startWaiting(): void {
    let reserved = this.inFlight;
    while (this.waiting.length > 0) {
      const { pixels } = this.waiting[0];
      if (!(reserved === 0 || reserved + pixels <= this.limit)) break;
      reserved += pixels;
      this.waiting.shift()!.start();
    }
  }
}
