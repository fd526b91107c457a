/** Session calls in the order the user made them. An edit is sent at every keystroke and
 * answered later; a call that changes the document waits its turn behind the edits, and a call
 * that only reads it (compare, export, print) waits for them without holding up the next ones. */
export class CallQueue {
  private tail: Promise<unknown> = Promise.resolve();

  /** Runs `job` once every call queued before it has ended (failed ones too). */
  enqueue<T>(job: () => Promise<T>): Promise<T> {
    const next = this.tail.then(job, job);
    this.tail = next.catch(() => undefined);
    return next;
  }

  /** Runs `call` once the calls queued so far have ended; calls queued later do not wait for it. */
  async afterPending<T>(call: () => Promise<T>): Promise<T> {
    await this.tail;
    return call();
  }
}
