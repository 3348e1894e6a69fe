/**
 * A scripted fake LLM server for tests, over real HTTP (`node:http`).
 *
 * It speaks just enough of two wire protocols for the Vercel AI SDK providers to work against it:
 *   - OpenAI Chat Completions  `POST /v1/chat/completions` (JSON and `stream: true` SSE), used by
 *     `createOpenAI({ baseURL, apiKey }).chat(id)` and `createOpenAICompatible({ name, baseURL, apiKey }).chatModel(id)`;
 *   - Anthropic Messages       `POST /v1/messages` (JSON and `stream: true` SSE), used by
 *     `createAnthropic({ baseURL, apiKey })(id)`.
 *   - OpenAI Embeddings        `POST /v1/embeddings` (`input` a string or an array of strings), used by
 *     `createOpenAI(...).embeddingModel(id)` and `createOpenAICompatible(...).embeddingModel(id)` through `embed`/`embedMany`.
 *     Embeddings are not scripted (they do not consume steps): each input goes through the embedder
 *     (`setEmbedder`; by default a deterministic 64-dimension hashed bag of words), and every call is
 *     recorded in `embeddingRequests`.
 * Give every provider `server.url` (`http://127.0.0.1:<port>/v1`) as its `baseURL`.
 *
 * Replies come from a script: `server.script(...steps)` queues steps that are consumed in order, one per
 * request (whatever the path). When the queue is empty the default step is used (`setDefault`); out of the box
 * that is a 500 error saying the script ran out, so a test that makes more calls than it scripted fails loudly.
 *
 * Usage numbers are deterministic (see `countWords`, `promptTokensFor`, `completionTokensFor`):
 *   prompt tokens     = words in the system prompt + words in every flattened message;
 *   completion tokens = words in the reply text + for each tool call, words in `${name} ${JSON.stringify(args)}`.
 * The numbers reported for each request are also stored on its `RecordedRequest.usage`.
 */
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

export interface ScriptedToolCall {
  name: string;
  args: Record<string, unknown>;
}

export type ScriptStep =
  | { text: string }
  | { toolCalls: ScriptedToolCall[]; text?: string }
  | { error: { status: number; message?: string } }
  | { hang: true }
  | { reply: (request: RecordedRequest) => ScriptStep | Promise<ScriptStep> };

export type ModelApi = 'openai-chat' | 'anthropic-messages';

export interface RecordedMessage {
  /** Provider-neutral: OpenAI `tool` messages and Anthropic `tool_result` blocks both become `tool`. */
  role: 'user' | 'assistant' | 'tool';
  /** Text parts joined with '\n'; for `tool` messages, the tool result as sent (JSON string for object results). */
  content: string;
  /** Tool calls the assistant made in this message (assistant messages only). */
  toolCalls?: ScriptedToolCall[];
  /** For `tool` messages: the id of the tool call this result answers. */
  toolCallId?: string;
}

export interface RecordedRequest {
  /** 0-based, in arrival order. */
  index: number;
  api: ModelApi;
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** The parsed JSON request body. */
  body: unknown;
  model: string | undefined;
  stream: boolean;
  /** All system prompt text (OpenAI `system`/`developer` messages, Anthropic `system`), joined with '\n\n'. */
  system: string;
  /** Conversation without system messages, flattened to text. */
  messages: RecordedMessage[];
  /** Names of the tools offered. */
  tools: string[];
  /** The usage reported in the response; set once a successful reply has been sent. */
  usage?: { promptTokens: number; completionTokens: number };
}

export interface ScriptedModelServer {
  /** OpenAI-style base URL to give providers, e.g. `http://127.0.0.1:4567/v1`. */
  readonly url: string;
  readonly port: number;
  /** Every request received so far (recorded before the reply is chosen, so hung requests appear too). */
  readonly requests: RecordedRequest[];
  /** Number of queued script steps not consumed yet. */
  readonly pendingSteps: number;
  /** Queue replies, consumed in order, one per request. */
  script(...steps: ScriptStep[]): void;
  /** The step used when the queue is empty. Default: a 500 error saying the script ran out. */
  setDefault(step: ScriptStep): void;
  /** Resolves (with all requests so far) once at least `n` requests have arrived; rejects after `timeoutMs` (default 5000). */
  waitForRequests(n: number, opts?: { timeoutMs?: number }): Promise<RecordedRequest[]>;
  /** Every /v1/embeddings call so far: the model asked for and the inputs. */
  readonly embeddingRequests: Array<{ model: string | undefined; input: string[] }>;
  /** How /v1/embeddings turns one input into a vector. */
  setEmbedder(embedder: (text: string) => number[]): void;
  /** Make /v1/embeddings answer with this HTTP error status until called with null. */
  failEmbeddings(status: number | null): void;
  /** Hold each /v1/embeddings answer until the promise `hold(inputs)` returns settles (null: answer at once). */
  holdEmbeddings(hold: ((input: string[]) => Promise<void>) | null): void;
  /** Forget queued steps, recorded requests, embedding calls, a custom default and a custom embedder. */
  reset(): void;
  /** Stops listening and destroys every open connection (including hung ones). Idempotent. */
  close(): Promise<void>;
}

// ---------------------------------------------------------------------------------------------------------------
// Token accounting (exported so tests can compute the expected numbers)

export function countWords(text: string): number {
  const trimmed = text.trim();
  return trimmed === '' ? 0 : trimmed.split(/\s+/).length;
}

export function promptTokensFor(request: Pick<RecordedRequest, 'system' | 'messages'>): number {
  return request.messages.reduce((sum, m) => sum + countWords(m.content), countWords(request.system));
}

export function completionTokensFor(reply: { text?: string; toolCalls?: ScriptedToolCall[] }): number {
  let n = countWords(reply.text ?? '');
  for (const call of reply.toolCalls ?? []) n += countWords(`${call.name} ${JSON.stringify(call.args)}`);
  return n;
}

// ---------------------------------------------------------------------------------------------------------------
// Request parsing

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function arr(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function parseArgs(value: unknown): Record<string, unknown> {
  if (isObject(value)) return value;
  if (typeof value === 'string') {
    try {
      const parsed: unknown = JSON.parse(value);
      if (isObject(parsed)) return parsed;
    } catch {
      // fall through
    }
  }
  return {};
}

/** Text of a content value that is a string or an array of `{ type: 'text', text }` parts (other parts ignored). */
function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  return arr(content)
    .map((part) => (isObject(part) && part['type'] === 'text' ? (str(part['text']) ?? '') : ''))
    .filter((t) => t !== '')
    .join('\n');
}

interface ParsedPrompt {
  model: string | undefined;
  stream: boolean;
  system: string;
  messages: RecordedMessage[];
  tools: string[];
}

function parseOpenAIChat(body: Json): ParsedPrompt {
  const system: string[] = [];
  const messages: RecordedMessage[] = [];
  for (const raw of arr(body['messages'])) {
    if (!isObject(raw)) continue;
    const role = str(raw['role']);
    const content = textOf(raw['content']);
    if (role === 'system' || role === 'developer') {
      system.push(content);
    } else if (role === 'tool') {
      const toolCallId = str(raw['tool_call_id']);
      messages.push({ role: 'tool', content, ...(toolCallId !== undefined ? { toolCallId } : {}) });
    } else if (role === 'assistant') {
      const toolCalls = arr(raw['tool_calls']).flatMap((c): ScriptedToolCall[] => {
        if (!isObject(c) || !isObject(c['function'])) return [];
        const fn = c['function'];
        return [{ name: str(fn['name']) ?? '', args: parseArgs(fn['arguments']) }];
      });
      messages.push({ role: 'assistant', content, ...(toolCalls.length > 0 ? { toolCalls } : {}) });
    } else {
      messages.push({ role: 'user', content });
    }
  }
  const tools = arr(body['tools']).flatMap((t) =>
    isObject(t) && isObject(t['function']) && typeof t['function']['name'] === 'string' ? [t['function']['name']] : [],
  );
  return { model: str(body['model']), stream: body['stream'] === true, system: system.join('\n\n'), messages, tools };
}

function parseAnthropicMessages(body: Json): ParsedPrompt {
  const system = textOf(body['system']);
  const messages: RecordedMessage[] = [];
  for (const raw of arr(body['messages'])) {
    if (!isObject(raw)) continue;
    const role = str(raw['role']) === 'assistant' ? 'assistant' : 'user';
    const content = raw['content'];
    if (typeof content === 'string') {
      messages.push({ role, content });
      continue;
    }
    const texts: string[] = [];
    const toolCalls: ScriptedToolCall[] = [];
    for (const block of arr(content)) {
      if (!isObject(block)) continue;
      const type = block['type'];
      if (type === 'text') {
        texts.push(str(block['text']) ?? '');
      } else if (type === 'tool_use') {
        toolCalls.push({ name: str(block['name']) ?? '', args: parseArgs(block['input']) });
      } else if (type === 'tool_result') {
        const toolCallId = str(block['tool_use_id']);
        messages.push({ role: 'tool', content: textOf(block['content']), ...(toolCallId !== undefined ? { toolCallId } : {}) });
      }
    }
    if (texts.length > 0 || toolCalls.length > 0) {
      messages.push({ role, content: texts.join('\n'), ...(toolCalls.length > 0 ? { toolCalls } : {}) });
    }
  }
  const tools = arr(body['tools']).flatMap((t) => (isObject(t) && typeof t['name'] === 'string' ? [t['name']] : []));
  return { model: str(body['model']), stream: body['stream'] === true, system, messages, tools };
}

// ---------------------------------------------------------------------------------------------------------------
// Response writing

interface Reply {
  text: string;
  toolCalls: ScriptedToolCall[];
}

interface ReplyContext {
  request: RecordedRequest;
  body: Json;
  promptTokens: number;
  completionTokens: number;
}

function sendJson(res: ServerResponse, status: number, payload: unknown): void {
  const data = JSON.stringify(payload);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) });
  res.end(data);
}

function sendError(res: ServerResponse, api: ModelApi | undefined, status: number, message: string): void {
  if (api === 'anthropic-messages') {
    const type = status === 429 ? 'rate_limit_error' : status >= 500 ? 'api_error' : 'invalid_request_error';
    sendJson(res, status, { type: 'error', error: { type, message } });
  } else {
    const type = status >= 500 ? 'server_error' : 'invalid_request_error';
    sendJson(res, status, { error: { message, type, param: null, code: null } });
  }
}

/** Split text into word-ish chunks that keep their whitespace, so the client has to concatenate deltas. */
function chunksOf(text: string): string[] {
  return text.match(/\s*\S+\s*/g) ?? (text === '' ? [] : [text]);
}

function startSse(res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
}

function writeOpenAI(res: ServerResponse, reply: Reply, ctx: ReplyContext): void {
  const id = `chatcmpl-scripted-${ctx.request.index}`;
  const created = Math.floor(Date.now() / 1000);
  const model = ctx.request.model ?? 'scripted-model';
  const finishReason = reply.toolCalls.length > 0 ? 'tool_calls' : 'stop';
  const usage = {
    prompt_tokens: ctx.promptTokens,
    completion_tokens: ctx.completionTokens,
    total_tokens: ctx.promptTokens + ctx.completionTokens,
  };
  const toolCalls = reply.toolCalls.map((call, i) => ({
    id: `call_${ctx.request.index}_${i}`,
    type: 'function' as const,
    function: { name: call.name, arguments: JSON.stringify(call.args) },
  }));

  if (!ctx.request.stream) {
    sendJson(res, 200, {
      id,
      object: 'chat.completion',
      created,
      model,
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            content: reply.text === '' && toolCalls.length > 0 ? null : reply.text,
            ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
          },
          finish_reason: finishReason,
        },
      ],
      usage,
    });
    return;
  }

  startSse(res);
  const base = { id, object: 'chat.completion.chunk', created, model };
  const send = (payload: unknown): void => {
    res.write(`data: ${JSON.stringify(payload)}\n\n`);
  };
  send({ ...base, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] });
  for (const piece of chunksOf(reply.text)) {
    send({ ...base, choices: [{ index: 0, delta: { content: piece }, finish_reason: null }] });
  }
  toolCalls.forEach((call, i) => {
    // First delta names the call, the arguments follow in two pieces (as OpenAI does).
    send({
      ...base,
      choices: [
        {
          index: 0,
          delta: { tool_calls: [{ index: i, id: call.id, type: 'function', function: { name: call.function.name, arguments: '' } }] },
          finish_reason: null,
        },
      ],
    });
    const args = call.function.arguments;
    const cut = Math.ceil(args.length / 2);
    for (const part of [args.slice(0, cut), args.slice(cut)]) {
      if (part === '') continue;
      send({ ...base, choices: [{ index: 0, delta: { tool_calls: [{ index: i, function: { arguments: part } }] }, finish_reason: null }] });
    }
  });
  send({ ...base, choices: [{ index: 0, delta: {}, finish_reason: finishReason }] });
  const streamOptions = ctx.body['stream_options'];
  if (isObject(streamOptions) && streamOptions['include_usage'] === true) {
    send({ ...base, choices: [], usage });
  }
  res.end('data: [DONE]\n\n');
}

function writeAnthropic(res: ServerResponse, reply: Reply, ctx: ReplyContext): void {
  const id = `msg_scripted_${ctx.request.index}`;
  const model = ctx.request.model ?? 'scripted-model';
  const stopReason = reply.toolCalls.length > 0 ? 'tool_use' : 'end_turn';
  const toolUses = reply.toolCalls.map((call, i) => ({
    type: 'tool_use' as const,
    id: `toolu_scripted_${ctx.request.index}_${i}`,
    name: call.name,
    input: call.args,
  }));

  if (!ctx.request.stream) {
    sendJson(res, 200, {
      id,
      type: 'message',
      role: 'assistant',
      model,
      content: [...(reply.text !== '' || toolUses.length === 0 ? [{ type: 'text', text: reply.text }] : []), ...toolUses],
      stop_reason: stopReason,
      stop_sequence: null,
      usage: { input_tokens: ctx.promptTokens, output_tokens: ctx.completionTokens },
    });
    return;
  }

  startSse(res);
  const send = (event: string, payload: Json): void => {
    res.write(`event: ${event}\ndata: ${JSON.stringify({ type: event, ...payload })}\n\n`);
  };
  send('message_start', {
    message: {
      id,
      type: 'message',
      role: 'assistant',
      model,
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: { input_tokens: ctx.promptTokens, output_tokens: 1 },
    },
  });
  let index = 0;
  if (reply.text !== '' || toolUses.length === 0) {
    send('content_block_start', { index, content_block: { type: 'text', text: '' } });
    for (const piece of chunksOf(reply.text)) {
      send('content_block_delta', { index, delta: { type: 'text_delta', text: piece } });
    }
    send('content_block_stop', { index });
    index++;
  }
  for (const use of toolUses) {
    send('content_block_start', { index, content_block: { type: 'tool_use', id: use.id, name: use.name, input: {} } });
    const json = JSON.stringify(use.input);
    const cut = Math.ceil(json.length / 2);
    for (const part of [json.slice(0, cut), json.slice(cut)]) {
      if (part === '') continue;
      send('content_block_delta', { index, delta: { type: 'input_json_delta', partial_json: part } });
    }
    send('content_block_stop', { index });
    index++;
  }
  send('message_delta', {
    delta: { stop_reason: stopReason, stop_sequence: null },
    usage: { output_tokens: ctx.completionTokens },
  });
  send('message_stop', {});
  res.end();
}

// ---------------------------------------------------------------------------------------------------------------
// Server

const API_BY_PATH: Record<string, ModelApi> = {
  '/v1/chat/completions': 'openai-chat',
  '/v1/messages': 'anthropic-messages',
};

/** The default embedder: words hashed into 64 buckets, L2-normalised. Deterministic. */
export function hashedBagOfWords(text: string): number[] {
  const v = new Array<number>(64).fill(0);
  for (const word of text.toLowerCase().match(/[a-z0-9]+/g) ?? []) {
    let h = 0;
    for (let i = 0; i < word.length; i++) h = (h * 31 + word.charCodeAt(i)) >>> 0;
    v[h % 64] = (v[h % 64] ?? 0) + 1;
  }
  const norm = Math.sqrt(v.reduce((s, x) => s + x * x, 0)) || 1;
  return v.map((x) => x / norm);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function outOfScriptStep(): ScriptStep {
  return {
    reply: (request) => ({
      error: {
        status: 500,
        message:
          `scripted model server: the script ran out (request #${request.index + 1}, ${request.method} ${request.path}). ` +
          'Queue more steps with server.script(...) or set a default with server.setDefault(...).',
      },
    }),
  };
}

export async function startScriptedModelServer(opts: { port?: number } = {}): Promise<ScriptedModelServer> {
  const queue: ScriptStep[] = [];
  let defaultStep: ScriptStep = outOfScriptStep();
  const requests: RecordedRequest[] = [];
  const embeddingRequests: Array<{ model: string | undefined; input: string[] }> = [];
  let embedder: (text: string) => number[] = hashedBagOfWords;
  let embeddingFailure: number | null = null;
  let embeddingHold: ((input: string[]) => Promise<void>) | null = null;
  const sockets = new Set<Socket>();
  const waiters = new Set<{ n: number; resolve: () => void; reject: (error: Error) => void }>();
  let closed = false;
  let closing: Promise<void> | undefined;

  const notify = (): void => {
    for (const waiter of waiters) {
      if (requests.length >= waiter.n) waiter.resolve();
    }
  };

  async function resolveStep(step: ScriptStep, request: RecordedRequest, depth = 0): Promise<Exclude<ScriptStep, { reply: unknown }>> {
    if ('reply' in step) {
      if (depth > 10) throw new Error('scripted model server: reply() steps nested too deeply');
      return resolveStep(await step.reply(request), request, depth + 1);
    }
    return step;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const api = API_BY_PATH[path];
    const raw = await readBody(req);
    if (req.method === 'POST' && path === '/v1/embeddings') {
      await handleEmbeddings(res, raw);
      return;
    }
    if (req.method !== 'POST' || api === undefined) {
      sendError(res, api, 404, `scripted model server: no route for ${req.method ?? '?'} ${path}`);
      return;
    }
    let body: Json;
    try {
      const parsed: unknown = JSON.parse(raw);
      if (!isObject(parsed)) throw new Error('body is not a JSON object');
      body = parsed;
    } catch (error) {
      sendError(res, api, 400, `scripted model server: invalid JSON body (${(error as Error).message})`);
      return;
    }

    const prompt = api === 'openai-chat' ? parseOpenAIChat(body) : parseAnthropicMessages(body);
    const request: RecordedRequest = {
      index: requests.length,
      api,
      method: req.method,
      path,
      headers: req.headers,
      body,
      ...prompt,
    };
    requests.push(request);
    const scripted = queue.length > 0 ? queue.shift() : undefined;
    notify();

    const step = await resolveStep(scripted ?? defaultStep, request);
    if (res.destroyed || closed) return;

    if ('hang' in step) {
      // Never answer: the client's abort (or close()) destroys the socket.
      return;
    }
    if ('error' in step) {
      sendError(res, api, step.error.status, step.error.message ?? `scripted model server: scripted ${step.error.status} error`);
      return;
    }
    const reply: Reply = { text: step.text ?? '', toolCalls: 'toolCalls' in step ? step.toolCalls : [] };
    const promptTokens = promptTokensFor(request);
    const completionTokens = completionTokensFor(reply);
    request.usage = { promptTokens, completionTokens };
    const ctx: ReplyContext = { request, body, promptTokens, completionTokens };
    if (api === 'openai-chat') writeOpenAI(res, reply, ctx);
    else writeAnthropic(res, reply, ctx);
  }

  /** OpenAI's embeddings shape: `{ object: 'list', data: [{ object: 'embedding', index, embedding }], model, usage }`. */
  async function handleEmbeddings(res: ServerResponse, raw: string): Promise<void> {
    let body: Json;
    try {
      const parsed: unknown = JSON.parse(raw);
      if (!isObject(parsed)) throw new Error('body is not a JSON object');
      body = parsed;
    } catch (error) {
      sendError(res, 'openai-chat', 400, `scripted model server: invalid JSON body (${(error as Error).message})`);
      return;
    }
    const input = typeof body.input === 'string' ? [body.input] : arr(body.input).map((x) => String(x));
    embeddingRequests.push({ model: str(body.model), input });
    if (embeddingHold) await embeddingHold(input);
    if (embeddingFailure !== null) {
      sendError(res, 'openai-chat', embeddingFailure, `scripted model server: scripted ${embeddingFailure} embeddings error`);
      return;
    }
    const tokens = input.reduce((n, t) => n + countWords(t), 0);
    const payload = {
      object: 'list',
      data: input.map((text, index) => ({ object: 'embedding', index, embedding: embedder(text) })),
      model: str(body.model) ?? 'scripted-embedding',
      usage: { prompt_tokens: tokens, total_tokens: tokens },
    };
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(payload));
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent || res.destroyed) {
        res.destroy();
        return;
      }
      sendError(res, undefined, 500, `scripted model server: ${error instanceof Error ? error.message : String(error)}`);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('scripted model server: unexpected address');
  const port = address.port;

  return {
    url: `http://127.0.0.1:${port}/v1`,
    port,
    requests,
    embeddingRequests,
    setEmbedder(fn) {
      embedder = fn;
    },
    holdEmbeddings(hold) {
      embeddingHold = hold;
    },
    failEmbeddings(status) {
      embeddingFailure = status;
    },
    get pendingSteps() {
      return queue.length;
    },
    script(...steps) {
      queue.push(...steps);
    },
    setDefault(step) {
      defaultStep = step;
    },
    waitForRequests(n, { timeoutMs = 5000 } = {}) {
      if (requests.length >= n) return Promise.resolve(requests);
      if (closed) return Promise.reject(new Error('scripted model server: closed'));
      return new Promise<RecordedRequest[]>((resolve, reject) => {
        const waiter = {
          n,
          resolve: () => {
            clearTimeout(timer);
            waiters.delete(waiter);
            resolve(requests);
          },
          reject: (error: Error) => {
            clearTimeout(timer);
            waiters.delete(waiter);
            reject(error);
          },
        };
        const timer = setTimeout(
          () => waiter.reject(new Error(`scripted model server: waited ${timeoutMs} ms for ${n} request(s), got ${requests.length}`)),
          timeoutMs,
        );
        waiters.add(waiter);
      });
    },
    reset() {
      queue.length = 0;
      requests.length = 0;
      embeddingRequests.length = 0;
      embedder = hashedBagOfWords;
      embeddingFailure = null;
      embeddingHold = null;
      defaultStep = outOfScriptStep();
    },
    close() {
      if (closing) return closing;
      closed = true;
      for (const waiter of [...waiters]) waiter.reject(new Error('scripted model server: closed'));
      closing = new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
      return closing;
    },
  };
}
