/**
 * `npm run eval:agent`: scores the agent on realistic customer texts for the sample business
 * (src/agent/eval/cases.ts, the TUNING set): questions the knowledge base answers, out-of-scope
 * questions, prompt-injection attempts, opt-outs in words, booking requests and asks for a person.
 * Then scores the builtin on the HELD-OUT sets (src/agent/eval/held-out/, then, each written later
 * by an independent evaluator, src/agent/eval/held-out-b/, src/agent/eval/held-out-c/ and
 * src/agent/eval/held-out-d/: three other trades each, never read while tuning) and prints only their aggregates, each set on its
 * own, per business and per category;
 * `npm run eval:agent -- --show-held-out-failures` also prints its failing cases, for a final review;
 * `npm run eval:agent -- --tuning-only` scores the tuning set alone (what a tuner runs).
 *
 * Always scores the offline `builtin` provider. Also scores a real model when one is configured:
 *   EVAL_PROVIDER=openai|anthropic|openai-compatible EVAL_MODEL=… EVAL_BASE_URL=… EVAL_API_KEY=…
 * The model runs through the product's own pipeline (knowledge retrieval, system prompt, tools in
 * dry-run, guardrails) via the dashboard's test-chat service, with nothing sent: on the tuning set,
 * then (unless --tuning-only) on each held-out set, aggregates only, like the builtin's.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { updateAgentSettings, type Provider } from '../src/agent/agent-settings.js';
import type { BuiltinReply } from '../src/agent/builtin-responder.js';
import { EVAL_CASES, expectationsOf, type EvalCategory } from '../src/agent/eval/cases.js';
import { HELD_OUT_BUSINESSES, type HeldOutBusiness } from '../src/agent/eval/held-out/index.js';
import { HELD_OUT_B_BUSINESSES } from '../src/agent/eval/held-out-b/index.js';
import { HELD_OUT_C_BUSINESSES } from '../src/agent/eval/held-out-c/index.js';
import { HELD_OUT_D_BUSINESSES } from '../src/agent/eval/held-out-d/index.js';
import { TUNING_BUSINESSES } from '../src/agent/eval/tuning/index.js';
import { SAMPLE_BUSINESS, SAMPLE_BUSINESS_HOURS_TEXT, SAMPLE_KNOWLEDGE } from '../src/agent/eval/sample-business.js';
import { messagesOf, runBuiltin, type EvalBusiness } from '../src/agent/eval/run-builtin.js';
import { scoreReply, summarize, type EvalSummary, type ScoredCase } from '../src/agent/eval/score.js';
import { addKnowledgeEntry } from '../src/agent/knowledge-base.js';
import { testAgent } from '../src/agent/test-agent.js';
import { loadConfig } from '../src/config.js';
import { startRuntime } from '../src/runtime.js';
import { createWorkspace, updateWorkspace } from '../src/services/workspaces.js';

const TUNING_BUSINESS: EvalBusiness = {
  businessName: SAMPLE_BUSINESS.businessName,
  businessHoursText: SAMPLE_BUSINESS_HOURS_TEXT,
  knowledge: SAMPLE_KNOWLEDGE,
  cases: EVAL_CASES,
};

const evalBuiltin = (business: EvalBusiness): EvalSummary => summarize(runBuiltin(business));

/** The held-out sets in the order they were written: name, folder, businesses. */
const HELD_OUT_SETS: ReadonlyArray<readonly [string, string, readonly HeldOutBusiness[]]> = [
  ['HELD-OUT set', 'src/agent/eval/held-out/', HELD_OUT_BUSINESSES],
  ['HELD-OUT set B', 'src/agent/eval/held-out-b/', HELD_OUT_B_BUSINESSES],
  ['HELD-OUT set C', 'src/agent/eval/held-out-c/', HELD_OUT_C_BUSINESSES],
  ['HELD-OUT set D', 'src/agent/eval/held-out-d/', HELD_OUT_D_BUSINESSES],
];

/** A business the model is scored on: the tuning sample (structured hours) or a held-out one (hours in words). */
interface ModelEvalBusiness extends EvalBusiness {
  timezone: string;
  /** Set as the workspace's hours; absent for a held-out business, whose hours are only words. */
  businessHours?: unknown;
}

const TUNING_BUSINESS_FOR_MODEL: ModelEvalBusiness = {
  ...TUNING_BUSINESS,
  timezone: SAMPLE_BUSINESS.timezone,
  businessHours: SAMPLE_BUSINESS.businessHours,
};

/**
 * A business whose hours exist only as words (a held-out one, or a tuning trade other than the
 * sample plumber) as a workspace: the words become a knowledge entry the model can read (the
 * workspace's structured hours stay unset, as the owner's would be if they had written their hours
 * in the knowledge base instead); a business that never set hours gets none. The tuning trades
 * carry no time zone of their own: they get the sample business's.
 */
function hoursInWordsForModel(b: EvalBusiness & { timezone?: string }): ModelEvalBusiness {
  const hours = b.businessHoursText ? [{ title: 'Opening hours', content: b.businessHoursText }] : [];
  return { ...b, timezone: b.timezone ?? SAMPLE_BUSINESS.timezone, knowledge: [...b.knowledge, ...hours] };
}

async function evalModel(provider: Provider, business: ModelEvalBusiness): Promise<EvalSummary> {
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
    const ws = await createWorkspace(ctx, { name: 'eval', businessName: business.businessName, timezone: business.timezone });
    if (business.businessHours) await updateWorkspace(ctx, ws.id, { businessHours: structuredClone(business.businessHours) as never });
    for (const entry of business.knowledge) await addKnowledgeEntry(ctx, ws.id, entry);
    await updateAgentSettings(ctx, ws.id, {
      enabled: true,
      timeoutSeconds: 60,
      model: { provider, name: process.env.EVAL_MODEL ?? '', baseUrl: process.env.EVAL_BASE_URL ?? null, apiKey: process.env.EVAL_API_KEY ?? null },
    });
    const results: ScoredCase[] = [];
    const errors: string[] = [];
    for (const c of business.cases) {
      const messages = messagesOf(c).map((m) => ({ role: m.role, text: m.text }));
      const out = await testAgent(ctx, ws.id, { messages });
      if (out.error) errors.push(String(out.error));
      // A model's reply has no answer/clarify label: a non-handoff reply counts as the first
      // non-handoff kind the case accepts (a case may accept a handoff or an answer), and is judged
      // on its words, its invented facts and whether it handed off.
      const accepted = expectationsOf(c);
      const first = (out.handoff ? undefined : accepted.find((e) => e.kind !== 'handoff' && e.kind !== 'opt_out')) ?? accepted[0]!;
      const expected = first.kind === 'opt_out' ? 'handoff' : first.kind;
      const reply: BuiltinReply = out.handoff
        ? { kind: 'handoff', text: out.reply, reason: out.handoff.reason as never }
        : expected === 'answer'
          ? { kind: 'answer', text: out.reply, usedPassage: first.passageTitle ?? '' }
          : { kind: expected === 'handoff' ? 'clarify' : expected, text: out.reply };
      const sources = [...out.passages.map((p) => p.text), business.businessHoursText, business.businessName];
      results.push({ case: c, reply, score: scoreReply(c, reply, { sources }) });
      process.stderr.write('.');
    }
    process.stderr.write('\n');
    // A model that could not be reached (a wrong URL, key or model name) would otherwise score as a
    // model that answers nothing: say so, and stop when no reply came from it at all.
    if (errors.length === business.cases.length) throw new Error(`${business.businessName}: the model failed on every case (first: ${errors[0]})`);
    if (errors.length) console.log(`\n(${business.businessName}: ${errors.length} of ${business.cases.length} replies were model errors, scored as the fallback reply; first: ${errors[0]})`);
    return summarize(results);
  } finally {
    await runtime.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

function print(name: string, s: EvalSummary): void {
  console.log(`\n## ${name}: ${s.correct}/${s.total} correct (${pct(s.accuracy)}), invented facts: ${s.inventedFactCount}`);
  console.log(`handoff precision ${pct(s.handoff.precision)}, recall ${pct(s.handoff.recall)}\n`);
  console.log('| category | correct | accuracy |\n|---|---|---|');
  for (const [category, b] of Object.entries(s.byCategory)) console.log(`| ${category} | ${b!.correct}/${b!.total} | ${pct(b!.accuracy)} |`);
  if (s.failures.length) {
    console.log('\nFailures:');
    for (const f of s.failures) console.log(`- ${f.id}: ${f.notes} — "${f.reply}"`);
  }
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/**
 * The held-out set, aggregates only: per business and per category, no case texts or failures,
 * so whoever tunes the responder cannot learn the cases from the output.
 */
async function printHeldOut(
  setName: string,
  folder: string,
  businesses: readonly HeldOutBusiness[],
  showFailures: boolean,
  scorer: { label: string; score: (b: HeldOutBusiness) => EvalSummary | Promise<EvalSummary> } = { label: 'builtin', score: evalBuiltin },
): Promise<void> {
  const summaries: Array<{ business: HeldOutBusiness; summary: EvalSummary }> = [];
  for (const b of businesses) summaries.push({ business: b, summary: await scorer.score(b) });
  const all = summaries.map((s) => s.summary);
  const total = all.reduce((n, s) => n + s.total, 0);
  const correct = all.reduce((n, s) => n + s.correct, 0);
  const invented = all.reduce((n, s) => n + s.inventedFactCount, 0);
  console.log(`\n## ${scorer.label}, ${setName} (${businesses.length} businesses): ${correct}/${total} correct (${pct(total ? correct / total : 1)}), invented facts: ${invented}`);
  console.log(`(aggregates only; do not read ${folder} while tuning)\n`);
  const categories = [...new Set(all.flatMap((s) => Object.keys(s.byCategory)))] as EvalCategory[];
  console.log(`| category | ${summaries.map((s) => s.business.id).join(' | ')} | all |`);
  console.log(`|---|${summaries.map(() => '---|').join('')}---|`);
  for (const category of categories) {
    const cells = all.map((s) => s.byCategory[category]);
    const t = cells.reduce((n, b) => n + (b?.total ?? 0), 0);
    const c = cells.reduce((n, b) => n + (b?.correct ?? 0), 0);
    console.log(`| ${category} | ${cells.map((b) => (b ? `${b.correct}/${b.total}` : '-')).join(' | ')} | ${c}/${t} (${pct(t ? c / t : 1)}) |`);
  }
  console.log(`| **total** | ${all.map((s) => `${s.correct}/${s.total}`).join(' | ')} | ${correct}/${total} (${pct(total ? correct / total : 1)}) |`);
  console.log(`| invented facts | ${all.map((s) => s.inventedFactCount).join(' | ')} | ${invented} |`);
  console.log(`| handoff precision | ${all.map((s) => pct(s.handoff.precision)).join(' | ')} | |`);
  console.log(`| handoff recall | ${all.map((s) => pct(s.handoff.recall)).join(' | ')} | |`);
  if (showFailures) {
    for (const { business, summary } of summaries) {
      if (!summary.failures.length) continue;
      console.log(`\n${setName} failures, ${business.id}:`);
      for (const f of summary.failures) console.log(`- ${f.id}: ${f.notes} — "${f.reply}"`);
    }
  }
}

async function main() {
  const args = process.argv.slice(2);
  print('builtin, tuning set (Acme Plumbing)', evalBuiltin(TUNING_BUSINESS));
  // the tuning set's other trades (src/agent/eval/tuning/), each on its own
  for (const b of TUNING_BUSINESSES) print(`builtin, tuning set (${b.businessName})`, evalBuiltin(b));
  // Whoever tunes the responder runs with --tuning-only: no held-out figure, not even an aggregate,
  // so a parameter sweep cannot be steered by the sets that judge it.
  const heldOut = !args.includes('--tuning-only');
  const showFailures = args.includes('--show-held-out-failures');
  if (heldOut) for (const [name, folder, set] of HELD_OUT_SETS) await printHeldOut(name, folder, set, showFailures);
  const provider = process.env.EVAL_PROVIDER as Provider | undefined;
  if (provider && provider !== 'builtin') {
    const label = `${provider} ${process.env.EVAL_MODEL ?? ''}`.trim();
    // The whole tuning set, as the builtin is scored: the sample plumber and every other trade.
    print(`${label}, tuning set (Acme Plumbing)`, await evalModel(provider, TUNING_BUSINESS_FOR_MODEL));
    for (const b of TUNING_BUSINESSES) print(`${label}, tuning set (${b.businessName})`, await evalModel(provider, hoursInWordsForModel(b)));
    const model = { label, score: (b: HeldOutBusiness) => evalModel(provider, hoursInWordsForModel(b)) };
    if (heldOut) for (const [name, folder, set] of HELD_OUT_SETS) await printHeldOut(name, folder, set, showFailures, model);
  } else console.log('\n(Set EVAL_PROVIDER, EVAL_MODEL, EVAL_BASE_URL and EVAL_API_KEY to score a real model on the tuning and held-out sets as well.)');
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
