import { setTimeout as sleep } from 'node:timers/promises';
import { issueLocalToken, loadAuthSettings } from '@zhas/service-kit';

/*
 * `npm run rebuild -w @zhas/reporting`: asks a running reporting service to rebuild its read models from offset
 * zero (POST /admin/rebuild) and waits until it has finished. The service to call is REPORTING_URL (default
 * http://127.0.0.1:4104); the bearer token is TOKEN, or else an admin token signed with the local development
 * key (without AUTH_JWKS_URL). Exits 0 when the new generation is active, 1 when the rebuild failed.
 */

interface RebuildReply {
  readonly id: string;
  readonly status: 'running' | 'completed' | 'failed';
  readonly generation: number;
  readonly error?: string;
}

async function main(): Promise<number> {
  const base = (process.env.REPORTING_URL ?? 'http://127.0.0.1:4104').replace(/\/$/, '');
  const token =
    process.env.TOKEN ??
    (await issueLocalToken(loadAuthSettings(), {
      subject: 'rebuild-command',
      roles: ['admin'],
      ttlSeconds: 3600,
    }));
  const headers = { authorization: `Bearer ${token}` };
  const started = await fetch(`${base}/admin/rebuild`, { method: 'POST', headers });
  if (started.status !== 202) {
    console.error(`POST /admin/rebuild answered ${started.status}: ${await started.text()}`);
    return 1;
  }
  let rebuild = (await started.json()) as RebuildReply;
  console.error(`rebuild ${rebuild.id} started into generation ${rebuild.generation}`);
  while (rebuild.status === 'running') {
    await sleep(1_000);
    const reply = await fetch(`${base}/admin/rebuild/${rebuild.id}`, { headers });
    if (reply.status !== 200) {
      console.error(`GET /admin/rebuild/${rebuild.id} answered ${reply.status}: ${await reply.text()}`);
      return 1;
    }
    rebuild = (await reply.json()) as RebuildReply;
  }
  if (rebuild.status === 'failed') {
    console.error(`rebuild ${rebuild.id} failed: ${rebuild.error ?? 'unknown error'}`);
    return 1;
  }
  console.log(`rebuild ${rebuild.id} completed; generation ${rebuild.generation} is active`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
