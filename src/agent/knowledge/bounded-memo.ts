/**
 * A function remembered per string key, forgetting everything once `limit` keys are held. The
 * agent's English readers (stems, lemmas, roles, passages, tokens) see the same few thousand
 * strings again and again within a reply and across replies; the bound keeps odd input (a huge
 * knowledge base, a stream of unique texts) from growing a long-running server's memory. Clearing
 * at once is simpler than LRU and costs one recomputation per key after a clear.
 */
export function boundedMemo<V>(limit: number, compute: (key: string) => V): (key: string) => V {
  const remembered = new Map<string, V>();
  return (key) => {
    let value = remembered.get(key);
    if (value === undefined) {
      value = compute(key);
      if (remembered.size >= limit) remembered.clear();
      remembered.set(key, value);
    }
    return value;
  };
}
