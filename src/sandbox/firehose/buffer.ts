/**
 * One delivery stream's buffer: accepted records wait here until the buffer
 * reaches its size hint or its interval has passed since its first record,
 * whichever comes first, and are then sealed into one object's worth of bytes.
 *
 * Records are kept as the Buffers they were decoded into, in arrival order;
 * sealing hands the list on without copying. Size is measured on raw bytes
 * (before compression), as the service does. An object never exceeds the
 * size hint: a record that would overflow it starts the next object.
 */

export interface SealedBatch {
  chunks: Buffer[];
  bytes: number;
  records: number;
  /** Arrival time (epoch ms) of the oldest record: it names the object's time prefix. */
  oldestArrival: number;
}

export class StreamBuffer {
  private chunks: Buffer[] = [];
  private bytes = 0;
  private oldestArrival = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly sizeLimitBytes: number,
    /** Real milliseconds from a buffer's first record to its delivery (the interval divided by timeScale). */
    private readonly intervalMs: number,
    private readonly onSeal: (batch: SealedBatch) => void,
  ) {}

  /** Bytes waiting to be sealed. */
  get pendingBytes(): number {
    return this.bytes;
  }

  append(data: Buffer, arrival: number): void {
    if (this.bytes > 0 && this.bytes + data.length > this.sizeLimitBytes) this.seal();
    if (this.chunks.length === 0) this.start(arrival);
    this.chunks.push(data);
    this.bytes += data.length;
    if (this.bytes >= this.sizeLimitBytes) this.seal();
  }

  /** Seals whatever is buffered now (interval reached, stream deleted, sandbox closing). */
  flush(): void {
    if (this.chunks.length > 0) this.seal();
  }

  /** Stops the interval timer without sealing; for a buffer whose records were already flushed. */
  dispose(): void {
    this.stopTimer();
  }

  private start(arrival: number): void {
    this.oldestArrival = arrival;
    // Interval 0 means "no buffering": deliver what arrived in this turn of the event loop.
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flush();
    }, this.intervalMs);
    this.timer.unref();
  }

  private seal(): void {
    this.stopTimer();
    const batch: SealedBatch = {
      chunks: this.chunks,
      bytes: this.bytes,
      records: this.chunks.length,
      oldestArrival: this.oldestArrival,
    };
    this.chunks = [];
    this.bytes = 0;
    this.onSeal(batch);
  }

  private stopTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
