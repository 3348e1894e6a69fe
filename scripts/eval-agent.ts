/**
 * `npm run eval:agent`: scores the agent on realistic customer texts for the sample business
 * (src/agent/eval/cases.ts): questions the knowledge base answers, out-of-scope questions,
 * prompt-injection attempts, opt-outs in words, booking requests and asks for a person.
 *
 * Always scores the offline `builtin` provider. Also scores a real model when one is configured:
 *   EVAL_PROVIDER=openai|anthropic|openai-compatible EVAL_MODEL=… EVAL_BASE_URL=… EVAL_API_KEY=…
 * The model runs through the product's own pipeline (knowledge retrieval, system prompt, tools in
 * dry-run, guardrails) via the dashboard's test-chat service, with nothing sent.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { updateAgentSettings, type Provider } from '../src/agent/agent-settings.js';
import { latestContactText, respondBuiltin, type BuiltinMessage, type BuiltinReply } from '../src/agent/builtin-responder.js';
import { EVAL_CASES, type EvalCase } from '../src/agent/eval/cases.js';
import { SAMPLE_BUSINESS, SAMPLE_BUSINESS_HOURS_TEXT, SAMPLE_KNOWLEDGE } from '../src/agent/eval/sample-business.js';
import { scoreReply, summarize, type EvalSummary, type ScoredCase } from '../src/agent/eval/score.js';
import { addKnowledgeEntry } from '../src/agent/knowledge-base.js';
import { buildBm25Index, searchBm25 } from '../src/agent/knowledge/bm25.js';
import { chunkKnowledgeEntry } from '../src/agent/knowledge/chunk-text.js';
import { testAgent } from '../src/agent/test-agent.js';
import { loadConfig } from '../src/config.js';
import { startRuntime } from '../src/runtime.js';
import { createWorkspace, updateWorkspace } from '../src/services/workspaces.js';

const messagesOf = (c: EvalCase): BuiltinMessage[] => [
  ...(c.history ?? []),
  ...c.text.split('\n').map((text) => ({ role: 'contact' as const, text })),
];

function evalBuiltin(): EvalSummary {
  const index = buildBm25Index(
    SAMPLE_KNOWLEDGE.flatMap((e) => chunkKnowledgeEntry(e).map((c) => ({ id: `${e.title}#${c.ordinal}`, title: e.title, text: c.text }))),
  );
  const results: ScoredCase[] = EVAL_CASES.map((c) => {
    const messages = messagesOf(c);
    const passages = searchBm25(index, latestContactText(messages), { limit: 3 });
    const reply = respondBuiltin({
      businessName: SAMPLE_BUSINESS.businessName,
      businessHoursText: SAMPLE_BUSINESS_HOURS_TEXT,
      isOpenNow: c.isOpenNow ?? true,
      messages,
      passages,
      // As in production: each question of a several-question text is looked up on its own.
      search: (query) => searchBm25(index, query, { limit: 3 }),
    });
    const used = reply.kind === 'answer' ? (reply.usedPassages ?? []) : [];
    const sources = [...passages.map((p) => p.text), ...used.map((p) => p.text), SAMPLE_BUSINESS_HOURS_TEXT, SAMPLE_BUSINESS.businessName];
    return { case: c, reply, score: scoreReply(c, reply, { sources }) };
  });
  return summarize(results);
}

async function evalModel(provider: Provider): Promise<EvalSummary> {
  const dir = mkdtempSync(join(tmpdir(), 'textback-eval-'));
  const config = loadConfig({
    DATABASE_URL: `sqlite:${join(dir, 'eval.sqlite')}`,
    DATA_DIR: dir,
    ROLE: 'worker',
    ADMIN_TOKEN: randomBytes(16).toString('hex'),
    SECRET_KEY: randomBytes(32).toString('base64'),
    LOG_LEVEL: 'silent',
    // The evaluated model may well be a local one (Ollama): the operator running the eval allows it.
    ALLOW_PRIVATE_MODEL_URLS: 'true',
  });
  const runtime = await startRuntime(config, { logger: pino({ level: 'silent' }), startWorkerLoop: false });
  try {
    const ctx = runtime.ctx;
    const ws = await createWorkspace(ctx, { name: 'eval', businessName: SAMPLE_BUSINESS.businessName, timezone: SAMPLE_BUSINESS.timezone });
    await updateWorkspace(ctx, ws.id, { businessHours: structuredClone(SAMPLE_BUSINESS.businessHours) as never });
    for (const entry of SAMPLE_KNOWLEDGE) await addKnowledgeEntry(ctx, ws.id, entry);
    await updateAgentSettings(ctx, ws.id, {
      enabled: true,
      timeoutSeconds: 60,
      model: { provider, name: process.env.EVAL_MODEL ?? '', baseUrl: process.env.EVAL_BASE_URL ?? null, apiKey: process.env.EVAL_API_KEY ?? null },
    });
    const results: ScoredCase[] = [];
    for (const c of EVAL_CASES) {
      const messages = messagesOf(c).map((m) => ({ role: m.role, text: m.text }));
      const out = await testAgent(ctx, ws.id, { messages });
      // A model's reply has no answer/clarify label: a non-handoff reply counts as the kind the case
      // expects, and is judged on its words, its invented facts and whether it handed off.
      const expected = c.expect.kind === 'opt_out' ? 'handoff' : c.expect.kind;
      const reply: BuiltinReply = out.handoff
        ? { kind: 'handoff', text: out.reply, reason: out.handoff.reason as never }
        : expected === 'answer'
          ? { kind: 'answer', text: out.reply, usedPassage: c.expect.passageTitle ?? '' }
          : { kind: expected === 'handoff' ? 'clarify' : expected, text: out.reply };
      const sources = [...out.passages.map((p) => p.text), SAMPLE_BUSINESS_HOURS_TEXT, SAMPLE_BUSINESS.businessName];
      results.push({ case: c, reply, score: scoreReply(c, reply, { sources }) });
      process.stderr.write('.');
    }
    process.stderr.write('\n');
    return summarize(results);
  } finally {
    await runtime.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

function print(name: string, s: EvalSummary): void {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  console.log(`\n## ${name}: ${s.correct}/${s.total} correct (${pct(s.accuracy)}), invented facts: ${s.inventedFactCount}`);
  console.log(`handoff precision ${pct(s.handoff.precision)}, recall ${pct(s.handoff.recall)}\n`);
  console.log('| category | correct | accuracy |\n|---|---|---|');
  for (const [category, b] of Object.entries(s.byCategory)) console.log(`| ${category} | ${b!.correct}/${b!.total} | ${pct(b!.accuracy)} |`);
  if (s.failures.length) {
    console.log('\nFailures:');
    for (const f of s.failures) console.log(`- ${f.id}: ${f.notes} — "${f.reply}"`);
  }
}

async function main() {
  print('builtin', evalBuiltin());
  const provider = process.env.EVAL_PROVIDER as Provider | undefined;
  if (provider && provider !== 'builtin') print(`${provider} ${process.env.EVAL_MODEL ?? ''}`.trim(), await evalModel(provider));
  else console.log('\n(Set EVAL_PROVIDER, EVAL_MODEL, EVAL_BASE_URL and EVAL_API_KEY to score a real model as well.)');
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
