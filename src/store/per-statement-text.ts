/**
 * A test of a statement's SQL text, answered once per text. The hot path repeats a few dozen texts
 * and some are long (the call decision's is ~5 kB), so a pattern scanned on every statement costs
 * more than a lookup: round 10 measured one such scan at 0.7% of a PostgreSQL process's samples
 * (docs/performance.md). Bounded: past the first `maxTexts` (ad-hoc SQL such as filters with
 * varying IN lists) a text is tested each time instead of kept.
 */
export function perStatementText(test: (text: string) => boolean, maxTexts = 1_000): (text: string) => boolean {
  const answers = new Map<string, boolean>();
  return (text) => {
    let answer = answers.get(text);
    if (answer === undefined) {
      answer = test(text);
      if (answers.size < maxTexts) answers.set(text, answer);
    }
    return answer;
  };
}
