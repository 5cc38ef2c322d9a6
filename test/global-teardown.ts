/** Stops what the global setup started (and nothing else). */
export default async function globalTeardown(): Promise<void> {
  const infra = globalThis.zhasTestInfrastructure;
  globalThis.zhasTestInfrastructure = undefined;
  await infra?.stop();
}
