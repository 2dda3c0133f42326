/** @module SerialQueue: runs async tasks strictly one at a time, in the order they were queued. */

/** A FIFO of async tasks; a task starts only after the previous one settled. */
export class SerialQueue {
  #tail: Promise<unknown> = Promise.resolve();
  #pending = 0;

  /** Tasks queued or running. */
  get pending(): number {
    return this.#pending;
  }

  /** Queues `task`; resolves or rejects with its outcome. A failing task does not stop later ones. */
  run<T>(task: () => Promise<T> | T): Promise<T> {
    this.#pending++;
    const result = this.#tail.then(() => task());
    this.#tail = result.then(
      () => this.#pending--,
      () => this.#pending--,
    );
    return result;
  }

  /** Resolves when every task queued so far has settled. */
  async idle(): Promise<void> {
    while (this.#pending > 0) await this.#tail;
  }
}
