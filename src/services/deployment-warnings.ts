/**
 * Warnings about how this server is deployed, shown on the dashboard (issue 10 item 2): a real
 * carrier cannot reach a PUBLIC_URL that is loopback, private or plain http, so its numbers would
 * ring nobody and nothing would say so.
 */
import { findCarrier } from '../carriers/registry.js';
import { CREDENTIALS_REJECTED } from '../carriers/carrier.js';
import type { AppContext } from '../context.js';

export interface DeploymentWarning {
  id: string;
  message: string;
}

/**
 * `privateReason` is why PUBLIC_URL's host is not reachable from the internet ("a loopback
 * address"…), or null; the caller computes it with the SSRF guard's address rules.
 */
export async function deploymentWarnings(ctx: AppContext, workspaceId: string, privateReason: string | null): Promise<DeploymentWarning[]> {
  const rejected = await credentialWarnings(ctx, workspaceId);
  const numbers = await ctx.db.selectFrom('phone_numbers').select(['carrier']).where('workspace_id', '=', workspaceId).execute();
  const carriers = [...new Set(numbers.map((n) => n.carrier))].map(findCarrier).filter((c) => c?.numbersBelongToAccount);
  if (carriers.length === 0) return rejected;
  const names = carriers.map((c) => c!.displayName).join(' and ');
  const url = ctx.config.publicUrl;
  const warnings: DeploymentWarning[] = [];
  if (privateReason) {
    warnings.push({
      id: 'public_url_private',
      message: `PUBLIC_URL (${url}) is ${privateReason}: ${names} cannot reach it, so calls and texts to your numbers never arrive here. Set PUBLIC_URL to this server's public https address.`,
    });
  } else if (url.startsWith('http://')) {
    warnings.push({
      id: 'public_url_http',
      message: `PUBLIC_URL (${url}) is plain http: ${names} needs an https address to reach this server safely. Put it behind https and set PUBLIC_URL to that address.`,
    });
  }
  return [...rejected, ...warnings];
}

/**
 * Texts waiting because a carrier refused the saved credentials (revoked or rotated token): they go
 * out on their next retry once the owner saves working ones, so say so while it can still help.
 */
async function credentialWarnings(ctx: AppContext, workspaceId: string): Promise<DeploymentWarning[]> {
  const rows = await ctx.db
    .selectFrom('messages')
    .select(['carrier', (eb) => eb.fn.countAll<number>().as('waiting')])
    .where('workspace_id', '=', workspaceId)
    .where('status', '=', 'pending')
    .where('error_code', '=', CREDENTIALS_REJECTED)
    .groupBy('carrier')
    .execute();
  return rows.map((r) => {
    const name = findCarrier(r.carrier)?.displayName ?? r.carrier;
    const n = Number(r.waiting);
    return {
      id: 'carrier_credentials_rejected',
      message: `${name} rejected the saved credentials: ${n} text${n === 1 ? ' is' : 's are'} waiting. Save working credentials under Phone numbers → Connect ${name}; waiting texts go out on their next retry.`,
    };
  });
}
