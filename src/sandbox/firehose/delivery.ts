/**
 * Writes sealed objects to S3 off the request path, and keeps retrying the
 * ones S3 refuses (for example because the bucket does not exist yet), as the
 * real service does for up to 24 hours. Retries back off from one simulated
 * second to one simulated minute; close() makes one last attempt at each and
 * hands back what still could not be written, so the caller can keep it.
 */

/** The S3 service's internal write, as Firehose needs it. */
export interface ObjectSink {
  putObject(request: {
    account: string;
    bucket: string;
    key: string;
    body: Buffer;
    contentType: string;
  }): Promise<void>;
}

/** One object on its way to S3. */
export interface OutgoingObject {
  account: string;
  region: string;
  stream: string;
  bucket: string;
  key: string;
  body: Buffer;
  records: number;
}

/** Told about every outcome, so a stream can show failing delivery in its description. */
export interface DeliveryListener {
  delivered(object: OutgoingObject): void;
  failed(object: OutgoingObject, error: unknown): void;
}

interface Waiting {
  object: OutgoingObject;
  attempts: number;
  timer?: NodeJS.Timeout;
}

const FIRST_RETRY_SECONDS = 1;
const LAST_RETRY_SECONDS = 60;

export class Deliverer {
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly waiting = new Set<Waiting>();
  private closing = false;

  constructor(
    private readonly sink: ObjectSink,
    private readonly timeScale: number,
    private readonly listener: DeliveryListener,
  ) {}

  /** Starts delivering an object, or one still being prepared (compressed). */
  submit(object: OutgoingObject | Promise<OutgoingObject>): void {
    const attempt = Promise.resolve(object).then((ready) => this.attempt({ object: ready, attempts: 0 }));
    this.track(attempt);
  }

  /** Objects waiting for a retry, for a stream's description. */
  waitingFor(account: string, region: string, stream: string): { objects: number; bytes: number } {
    let objects = 0;
    let bytes = 0;
    for (const entry of this.waiting) {
      const { object } = entry;
      if (object.account === account && object.region === region && object.stream === stream) {
        objects++;
        bytes += object.body.length;
      }
    }
    return { objects, bytes };
  }

  /**
   * Waits for every write under way, tries each waiting object once more, and
   * returns the objects that still could not be written. No retries are
   * scheduled afterwards.
   */
  async close(): Promise<OutgoingObject[]> {
    this.closing = true;
    while (this.inFlight.size > 0) await Promise.all(this.inFlight);
    const last = [...this.waiting];
    this.waiting.clear();
    for (const entry of last) if (entry.timer) clearTimeout(entry.timer);
    const failed: OutgoingObject[] = [];
    await Promise.all(
      last.map(async ({ object }) => {
        try {
          await this.sink.putObject(putRequest(object));
          this.listener.delivered(object);
        } catch (error) {
          this.listener.failed(object, error);
          failed.push(object);
        }
      }),
    );
    return failed;
  }

  private track(work: Promise<unknown>): void {
    const tracked = work.catch((error: unknown) => {
      // Preparing an object (compression) failed: nothing can be retried.
      process.emitWarning(`sandbox firehose: could not prepare an object: ${String(error)}`);
    });
    this.inFlight.add(tracked);
    void tracked.finally(() => this.inFlight.delete(tracked));
  }

  private async attempt(entry: Waiting): Promise<void> {
    entry.attempts++;
    try {
      await this.sink.putObject(putRequest(entry.object));
      this.waiting.delete(entry);
      this.listener.delivered(entry.object);
    } catch (error) {
      this.listener.failed(entry.object, error);
      this.waiting.add(entry);
      if (!this.closing) this.scheduleRetry(entry);
    }
  }

  private scheduleRetry(entry: Waiting): void {
    const seconds = Math.min(LAST_RETRY_SECONDS, FIRST_RETRY_SECONDS * 2 ** (entry.attempts - 1));
    entry.timer = setTimeout(
      () => {
        entry.timer = undefined;
        if (!this.closing) this.track(this.attempt(entry));
      },
      (seconds * 1000) / this.timeScale,
    );
    entry.timer.unref();
  }
}

function putRequest(object: OutgoingObject) {
  return {
    account: object.account,
    bucket: object.bucket,
    key: object.key,
    body: object.body,
    contentType: 'application/octet-stream',
  };
}
