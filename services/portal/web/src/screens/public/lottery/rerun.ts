import { type PublishedDraw, type Verification, verifyDraw } from '@zhas/lottery';

export interface RerunResult extends Verification {
  readonly tookMs: number;
}

/** Re-runs the published draw here, in the browser, with the very code the applications service drew with. */
export async function rerunDraw(published: PublishedDraw): Promise<RerunResult> {
  const started = performance.now();
  const verification = await verifyDraw(published);
  return { ...verification, tookMs: Math.round(performance.now() - started) };
}
