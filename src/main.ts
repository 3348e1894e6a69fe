/**
 * `npm start`: reads the environment, migrates, and runs the roles named by ROLE until SIGINT or
 * SIGTERM, then shuts down gracefully (in-flight requests and jobs finish first).
 */
import { ConfigError, loadConfig } from './config.js';
import { startRuntime } from './runtime.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  const runtime = await startRuntime(config);
  const log = runtime.ctx.logger;
  log.info({ role: config.role, database: config.databaseUrl.startsWith('sqlite:') ? 'sqlite' : 'postgres', url: runtime.url }, 'textback started');
  if (runtime.url) {
    process.stdout.write(`\nTextback is running: ${config.publicUrl}\n`);
    const anyUser = await runtime.ctx.db.selectFrom('users').select('id').limit(1).executeTakeFirst();
    if (!anyUser) {
      // First run: the link carries the operator token, which alone may create the first owner.
      // Only a token this product generated goes into the output (it lives in the data folder
      // anyway); one the operator set in the environment came from a secret store and must not
      // be copied into logs on every start.
      if (config.adminTokenSource === 'generated') {
        process.stdout.write(`Open this link to create your workspace: ${config.publicUrl}/setup?token=${encodeURIComponent(config.adminToken)}\n`);
      } else {
        process.stdout.write(`Open ${config.publicUrl}/setup and enter your operator token (ADMIN_TOKEN) to create your workspace.\n`);
      }
    }
  }
  if (config.generatedAdminToken) {
    // Printed once, on the start that created it; it is kept in the data folder.
    process.stdout.write(`Operator token (ADMIN_TOKEN), shown once: ${config.adminToken}\n`);
  }
  process.stdout.write('\n');

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 30_000);
    force.unref();
    runtime.stop().then(
      () => process.exit(0),
      (err) => {
        log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((err) => {
  process.stderr.write(`Textback failed to start: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
