/**
 * Answers a fake server (a carrier, a model) holds until the test lets them go: each request is
 * recorded as it arrives, and the test waits for a count of them instead of for a time.
 */
export interface HeldAnswers {
  /** What each request that arrived was labelled, in arrival order. */
  readonly arrivals: readonly string[];
  /** Records a request and resolves once the test calls answer(). */
  arrive(label?: string): Promise<void>;
  /** Resolves once `n` requests have arrived (at once if they already have). */
  waiting(n: number): Promise<void>;
  /** Lets every held request, and every later one, go. */
  answer(): void;
}

export function heldAnswers(): HeldAnswers {
  let answer!: () => void;
  const answered = new Promise<void>((resolve) => (answer = resolve));
  const arrivals: string[] = [];
  const watchers: { n: number; resolve: () => void }[] = [];
  return {
    arrivals,
    answer,
    arrive: (label = '') => {
      arrivals.push(label);
      for (const w of watchers) if (arrivals.length >= w.n) w.resolve();
      return answered;
    },
    waiting: (n) =>
      new Promise<void>((resolve) => {
        watchers.push({ n, resolve });
        if (arrivals.length >= n) resolve();
      }),
  };
}
