import { Kafka, logLevel } from 'kafkajs';
import mongoose from 'mongoose';
import { uniqueName } from '@zhas/testing';

const brokers = () => (process.env.KAFKA_BROKERS ?? '').split(',');
const mongoUrl = () => process.env.MONGO_URL ?? '';

describe('the test infrastructure', () => {
  test('a message goes through a fresh Kafka topic and comes back as written', async () => {
    const kafka = new Kafka({ clientId: 'infra-test', brokers: brokers(), logLevel: logLevel.NOTHING });
    const topic = uniqueName('infra-roundtrip');
    const admin = kafka.admin();
    const producer = kafka.producer();
    const consumer = kafka.consumer({ groupId: uniqueName('infra-test') });
    try {
      await admin.connect();
      await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
      await producer.connect();
      const value = JSON.stringify({ greeting: 'Сәлем', at: new Date().toISOString() });
      await producer.send({
        topic,
        messages: [{ key: 'round-2019', value, headers: { traceparent: '00-abc-def-01' } }],
      });

      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      const received = await new Promise<{ key: string; value: string; traceparent: string }>((resolve) => {
        void consumer.run({
          eachMessage: ({ message }) => {
            resolve({
              key: message.key?.toString() ?? '',
              value: message.value?.toString() ?? '',
              traceparent: message.headers?.traceparent?.toString() ?? '',
            });
            return Promise.resolve();
          },
        });
      });
      expect(received).toEqual({ key: 'round-2019', value, traceparent: '00-abc-def-01' });
    } finally {
      await consumer.disconnect();
      await producer.disconnect();
      await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
      await admin.disconnect();
    }
  });

  test('a document goes through a fresh database and comes back as written', async () => {
    const dbName = uniqueName('infra-test');
    const connection = await mongoose.createConnection(mongoUrl(), { dbName }).asPromise();
    try {
      const Round = connection.model(
        'Round',
        new mongoose.Schema({
          _id: String,
          title: { kk: String, ru: String, en: String },
          seats: Number,
          version: Number,
        }),
      );
      await Round.create({
        _id: 'round-2019',
        title: { kk: 'Жас жоба', ru: 'Жас проект', en: 'Zhas Project' },
        seats: 5,
        version: 1,
      });
      // An optimistic, version-guarded update: the pattern every aggregate write in the platform relies on.
      const updated = await Round.findOneAndUpdate(
        { _id: 'round-2019', version: 1 },
        { $set: { seats: 6 }, $inc: { version: 1 } },
        { returnDocument: 'after' },
      ).lean();
      const stale = await Round.findOneAndUpdate(
        { _id: 'round-2019', version: 1 },
        { $set: { seats: 7 } },
        { returnDocument: 'after' },
      ).lean();

      expect(updated).toMatchObject({ _id: 'round-2019', title: { kk: 'Жас жоба' }, seats: 6, version: 2 });
      expect(stale).toBeNull();
      expect(await Round.countDocuments()).toBe(1);
    } finally {
      await connection.dropDatabase();
      await connection.close();
    }
  });
});
