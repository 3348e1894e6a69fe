/**
 * Warnings about how this server is deployed, shown on the dashboard (issue 10 item 2): a real
 * carrier cannot reach a PUBLIC_URL that is loopback, private or plain http, so its numbers would
 * ring nobody and nothing would say so.
 */
import { findCarrier } from '../carriers/registry.js';
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
  const numbers = await ctx.db.selectFrom('phone_numbers').select(['carrier']).where('workspace_id', '=', workspaceId).execute();
  const carriers = [...new Set(numbers.map((n) => n.carrier))].map(findCarrier).filter((c) => c?.numbersBelongToAccount);
  if (carriers.length === 0) return [];
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
  return warnings;
}
