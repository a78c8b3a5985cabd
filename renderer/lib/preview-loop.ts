/**
 * Keeps a live preview responsive while a slider is dragged: at most one request in flight and
 * only the newest waiting behind it (intermediate positions are dropped, not queued), and a
 * frame is drawn only if nothing newer was drawn and the loop was not reset since it was asked
 * for (a frame of the previous preset or photo never lands on the next one).
 *
 * Main may abandon a render because another caller's request overtook it (it answers
 * 'cancelled'). When that was this loop's newest request, nothing newer will come to replace
 * it, so the loop asks again (a few times), or the screen would keep a stale draft for good.
 */
export interface Frame<Res> {
  readonly seq: number;
  readonly value: Res;
}

/** How often the newest request is asked again after main abandoned it. */
const MAX_RETRIES = 3;

export class PreviewLoop<Req, Res> {
  private seq = 0;
  private generation = 0;
  private drawnSeq = 0;
  private inFlight = false;
  private pending: { seq: number; request: Req; retries: number } | null = null;
  private disposed = false;

  constructor(
    private readonly fetchFrame: (request: Req) => Promise<Res>,
    private readonly draw: (frame: Frame<Res>) => void,
    private readonly fail: (error: unknown) => void,
    /** Told when the loop starts or stops waiting for main (for a busy indicator). */
    private readonly busyChanged: (busy: boolean) => void = () => {},
    /** Whether a failure means "abandoned by main, worth asking again" rather than an error. */
    private readonly abandoned: (error: unknown) => boolean = () => false,
  ) {}

  request(request: Req): void {
    if (this.disposed) return;
    this.pending = { seq: ++this.seq, request, retries: 0 };
    if (!this.inFlight) this.next();
  }

  /** Forgets the pending request and every frame still on its way (the look or photo changed). */
  reset(): void {
    this.generation++;
    this.pending = null;
  }

  dispose(): void {
    this.reset();
    this.disposed = true;
  }

  private next(): void {
    const job = this.pending;
    if (!job || this.disposed) return;
    this.pending = null;
    if (!this.inFlight) this.busyChanged(true);
    this.inFlight = true;
    const generation = this.generation;
    this.fetchFrame(job.request)
      .then(
        (value) => {
          if (generation === this.generation && !this.disposed && job.seq > this.drawnSeq) {
            this.drawnSeq = job.seq;
            this.draw({ seq: job.seq, value });
          }
        },
        (error: unknown) => {
          if (generation !== this.generation || this.disposed) return;
          const newest = this.pending === null && job.seq === this.seq;
          if (this.abandoned(error)) {
            if (newest && job.retries < MAX_RETRIES) this.pending = { ...job, retries: job.retries + 1 };
            else if (newest) this.fail(error);
            return;
          }
          this.fail(error);
        },
      )
      .finally(() => {
        this.inFlight = false;
        this.next();
        if (!this.inFlight) this.busyChanged(false);
      });
  }
}
