/**
 * `node services/<name>/dist/main.js --setup` (the deployment's setup Job) creates the service's topics and its
 * database indexes, and exits without serving.
 */
import * as applications from '@zhas/applications';
import { topicFor } from '@zhas/contracts';
import { runService } from '@zhas/service-kit';
import { testKafka, testMongoUrl, uniqueName } from '@zhas/testing';
import { MongoClient } from 'mongodb';

test('--setup creates the topics and indexes of a service, then stops', async () => {
  const prefix = uniqueName('setup');
  const database = uniqueName('setup');
  await runService(
    {
      name: applications.SERVICE_NAME,
      configSchema: applications.configSchema,
      compose: applications.composeService,
      handleSignals: false,
      env: { ...process.env, PORT: '0', LOG_LEVEL: 'silent', MONGO_DB: database, TOPIC_PREFIX: prefix },
    },
    ['--setup'],
  );

  const admin = testKafka().admin();
  const mongo = new MongoClient(testMongoUrl());
  try {
    await admin.connect();
    const topics = await admin.listTopics();
    expect(topics).toEqual(
      expect.arrayContaining([topicFor('applications', prefix), topicFor('competitions', prefix)]),
    );
    const indexes = await mongo.db(database).collection('participants').indexes();
    expect(indexes).toEqual(
      expect.arrayContaining([expect.objectContaining({ key: { iinDigest: 1 }, unique: true })]),
    );
  } finally {
    await admin.deleteTopics({
      topics: (await admin.listTopics()).filter((topic) => topic.startsWith(prefix)),
    });
    await admin.disconnect();
    await mongo.db(database).dropDatabase();
    await mongo.close();
  }
});
