import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateText, stepCountIs, streamText, tool, type LanguageModel } from 'ai';
import { createOpenAI } from '@ai-sdk/openai';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { createAnthropic } from '@ai-sdk/anthropic';
import { z } from 'zod';
import {
  completionTokensFor,
  countWords,
  promptTokensFor,
  startScriptedModelServer,
  type ScriptedModelServer,
} from './scripted-model-server.js';

const API_KEY = 'test-key';

// The Anthropic provider warns on every call for an unknown model id ("maxOutputTokens ... compatibility mode").
globalThis.AI_SDK_LOG_WARNINGS = false;

const providers: Array<{ name: string; model: (baseURL: string) => LanguageModel }> = [
  { name: 'openai (.chat)', model: (baseURL) => createOpenAI({ baseURL, apiKey: API_KEY }).chat('gpt-4o-mini') },
  {
    name: 'openai-compatible',
    model: (baseURL) => createOpenAICompatible({ name: 'local', baseURL, apiKey: API_KEY }).chatModel('llama3'),
  },
  { name: 'anthropic', model: (baseURL) => createAnthropic({ baseURL, apiKey: API_KEY })('claude-test') },
];

let server: ScriptedModelServer;

beforeEach(async () => {
  server = await startScriptedModelServer();
});

afterEach(async () => {
  await server.close();
});

describe.each(providers)('scripted model server with $name', ({ model }) => {
  it('returns the scripted text, records the prompt and reports deterministic usage', async () => {
    server.script({ text: 'Hi there, how can we help?' });

    const result = await generateText({
      model: model(server.url),
      system: 'You are the front desk of Acme Plumbing.',
      messages: [{ role: 'user', content: 'Do you fix leaks today?' }],
      maxRetries: 0,
    });

    expect(result.text).toBe('Hi there, how can we help?');
    expect(server.requests).toHaveLength(1);
    const request = server.requests[0]!;
    expect(request.system).toBe('You are the front desk of Acme Plumbing.');
    expect(request.messages).toEqual([{ role: 'user', content: 'Do you fix leaks today?' }]);
    expect(request.tools).toEqual([]);
    expect(request.stream).toBe(false);
    expect(request.body).toMatchObject({ messages: expect.any(Array) });

    // prompt = 8 words of system + 5 words of the message; completion = 6 words of the reply
    expect(result.usage.inputTokens).toBe(13);
    expect(result.usage.outputTokens).toBe(6);
    expect(request.usage).toEqual({ promptTokens: 13, completionTokens: 6 });
    expect(promptTokensFor(request)).toBe(13);
  });

  it('runs a scripted tool call through the SDK tool loop', async () => {
    const calls: Array<{ reason: string }> = [];
    server.script(
      { toolCalls: [{ name: 'handoff', args: { reason: 'customer wants a human' } }] },
      { text: 'A person will text you shortly.' },
    );

    const result = await generateText({
      model: model(server.url),
      system: 'Be brief.',
      prompt: 'Let me talk to a person',
      tools: {
        handoff: tool({
          description: 'Hand the conversation to a human',
          inputSchema: z.object({ reason: z.string() }),
          execute: async ({ reason }) => {
            calls.push({ reason });
            return { ok: true };
          },
        }),
      },
      stopWhen: stepCountIs(3),
      maxRetries: 0,
    });

    expect(calls).toEqual([{ reason: 'customer wants a human' }]);
    expect(result.text).toBe('A person will text you shortly.');
    expect(result.steps).toHaveLength(2);
    expect(server.requests).toHaveLength(2);

    const [first, second] = server.requests;
    expect(first!.tools).toEqual(['handoff']);
    expect(second!.system).toBe('Be brief.');
    expect(second!.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'tool']);
    expect(second!.messages[1]!.toolCalls).toEqual([{ name: 'handoff', args: { reason: 'customer wants a human' } }]);
    expect(JSON.parse(second!.messages[2]!.content)).toEqual({ ok: true });

    const toolCallWords = countWords('handoff {"reason":"customer wants a human"}');
    expect(first!.usage?.completionTokens).toBe(toolCallWords);
    expect(result.totalUsage.outputTokens).toBe(toolCallWords + 6);
  });

  it('makes generateText throw on a scripted error', async () => {
    server.script({ error: { status: 500, message: 'model exploded' } });
    await expect(
      generateText({ model: model(server.url), prompt: 'hello', maxRetries: 0 }),
    ).rejects.toThrow(/model exploded/);
  });

  it('streams text', async () => {
    server.script({ text: 'Streaming works fine here.' });
    const result = streamText({ model: model(server.url), prompt: 'hello', maxRetries: 0 });
    let text = '';
    for await (const delta of result.textStream) text += delta;
    expect(text).toBe('Streaming works fine here.');
    expect(await result.text).toBe('Streaming works fine here.');
    expect(server.requests[0]!.stream).toBe(true);
  });

  it('streams a tool call through the tool loop', async () => {
    server.script(
      { text: 'One moment.', toolCalls: [{ name: 'handoff', args: { reason: 'angry' } }] },
      { text: 'Done.' },
    );
    const seen: string[] = [];
    const result = streamText({
      model: model(server.url),
      prompt: 'hello',
      tools: {
        handoff: tool({
          inputSchema: z.object({ reason: z.string() }),
          execute: async ({ reason }) => {
            seen.push(reason);
            return 'handed off';
          },
        }),
      },
      stopWhen: stepCountIs(3),
      maxRetries: 0,
    });
    expect(await result.text).toBe('Done.');
    expect(seen).toEqual(['angry']);
    expect((await result.steps).length).toBe(2);
    expect(server.requests[1]!.messages.at(-1)).toMatchObject({ role: 'tool' });
  });
});

describe('scripted model server', () => {
  const compatible = (baseURL: string, includeUsage = false) =>
    createOpenAICompatible({ name: 'local', baseURL, apiKey: API_KEY, includeUsage }).chatModel('llama3');

  it('reports usage in a final stream chunk when stream_options.include_usage is set', async () => {
    server.script({ text: 'four words right here' });
    const result = streamText({ model: compatible(server.url, true), prompt: 'one two three', maxRetries: 0 });
    expect(await result.text).toBe('four words right here');
    const usage = await result.usage;
    expect(usage.inputTokens).toBe(3);
    expect(usage.outputTokens).toBe(4);
    expect(server.requests[0]!.body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
  });

  it('computes a reply from the request', async () => {
    server.script({ reply: (request) => ({ text: `you said: ${request.messages.at(-1)?.content ?? ''}` }) });
    const result = await generateText({ model: compatible(server.url), prompt: 'ping', maxRetries: 0 });
    expect(result.text).toBe('you said: ping');
  });

  it('fails loudly when the script runs out, and honours setDefault', async () => {
    await expect(generateText({ model: compatible(server.url), prompt: 'x', maxRetries: 0 })).rejects.toThrow(
      /script ran out/,
    );
    server.setDefault({ text: 'default answer' });
    const result = await generateText({ model: compatible(server.url), prompt: 'x', maxRetries: 0 });
    expect(result.text).toBe('default answer');
    expect(server.pendingSteps).toBe(0);
  });

  // A close() that waited on the hung connection would never settle: the test's timeout is the failure.
  it('hangs until the client aborts, and close() still completes', async () => {
    server.script({ hang: true });
    const call = generateText({
      model: compatible(server.url),
      prompt: 'are you there?',
      maxRetries: 0,
      abortSignal: AbortSignal.timeout(200),
    });
    const requests = await server.waitForRequests(1, { timeoutMs: 2000 });
    expect(requests[0]!.messages).toEqual([{ role: 'user', content: 'are you there?' }]);
    await expect(call).rejects.toThrow();
    await server.close();
  });

  it('close() destroys a hung connection the client never aborts', async () => {
    server.script({ hang: true });
    const call = generateText({ model: compatible(server.url), prompt: 'hello?', maxRetries: 0 });
    const settled = call.then(
      () => 'resolved',
      () => 'rejected',
    );
    await server.waitForRequests(1);
    await server.close();
    expect(await settled).toBe('rejected');
  });

  it('waitForRequests resolves on arrival and times out otherwise', async () => {
    await expect(server.waitForRequests(1, { timeoutMs: 50 })).rejects.toThrow(/waited 50 ms for 1 request/);
    server.script({ text: 'a' }, { text: 'b' });
    const waiting = server.waitForRequests(2, { timeoutMs: 2000 });
    await generateText({ model: compatible(server.url), prompt: 'first', maxRetries: 0 });
    await generateText({ model: compatible(server.url), prompt: 'second', maxRetries: 0 });
    const requests = await waiting;
    expect(requests.map((r) => r.messages[0]?.content)).toEqual(['first', 'second']);
  });

  it('records the headers and path', async () => {
    server.script({ text: 'ok' });
    await generateText({
      model: createAnthropic({ baseURL: server.url, apiKey: 'sk-ant-test' })('claude-test'),
      prompt: 'hi',
      maxRetries: 0,
    });
    const request = server.requests[0]!;
    expect(request.path).toBe('/v1/messages');
    expect(request.api).toBe('anthropic-messages');
    expect(request.headers['x-api-key']).toBe('sk-ant-test');
    expect(request.model).toBe('claude-test');
  });

  it('counts tokens deterministically', () => {
    expect(countWords('  one two\nthree ')).toBe(3);
    expect(countWords('')).toBe(0);
    expect(promptTokensFor({ system: 'a b', messages: [{ role: 'user', content: 'c d e' }] })).toBe(5);
    expect(completionTokensFor({ text: 'x y', toolCalls: [{ name: 'handoff', args: { reason: 'r s' } }] })).toBe(5);
  });
});
