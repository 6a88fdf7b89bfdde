/*
 * How sidecars hear each other. A frame published here reaches the other
 * sidecars, which hand it to their local uWS topic. The database stays the
 * truth: a lost broker message is recovered by the client's `since`.
 */
export interface Broker {
  /** Send a pre-serialised frame to the other sidecars (never back to this one). */
  publish(topic: string, frame: string): void;
  /** Frames the other sidecars published. */
  onMessage(handler: (topic: string, frame: string) => void): void;
  close(): Promise<void>;
}
