/** @module The clock both sides of the event-latency benchmark use: wall-clock µs, comparable between processes of one machine. */

/** Wall-clock µs since the epoch. */
export const wallUs = (): number => Math.round((performance.timeOrigin + performance.now()) * 1000);
