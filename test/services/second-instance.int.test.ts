/**
 * More than one instance of a service: on FerretDB (the embedded default), which does not isolate concurrent updates
 * of a document, a second instance refuses to start instead of losing writes (packages/service-kit,
 * instance-lease.ts); on MongoDB, which does, both start.
 */
import * as applications from '@zhas/applications';
import { isFerretDb } from '@zhas/service-kit';
import { startServiceForTest, type TestService } from '@zhas/service-kit/testing';
import { testMongoUrl, uniqueName } from '@zhas/testing';
import { MongoClient } from 'mongodb';

test('a second instance of a service on the same database refuses to start on FerretDB, starts on MongoDB', async () => {
  const database = uniqueName('lease');
  const env = { MONGO_DB: database, INSTANCE_LEASE_TTL_MS: '4000' };
  const client = new MongoClient(testMongoUrl());
  const ferret = await isFerretDb(client.db('admin'));
  const first = await startServiceForTest(applications, { env });
  let second: TestService<applications.Config> | undefined;
  try {
    if (ferret) {
      await expect(startServiceForTest(applications, { env })).rejects.toThrow(
        /Another instance of the applications service is running on this database \(host .*, pid \d+, renewed \d+ s ago\)/,
      );
      // The first one goes on serving.
      expect((await fetch(`${first.url}/health/live`)).status).toBe(200);
    } else {
      second = await startServiceForTest(applications, { env });
      expect((await fetch(`${second.url}/health/live`)).status).toBe(200);
    }
  } finally {
    await second?.stop();
    await first.stop();
    await client.close();
  }
});
