import { join } from 'node:path';
import { envWithArgs } from './args';
import { kafkaNodes, kafkaSettings, parseBrokerCount, replicationFor } from './kafka';
import { type LauncherPaths } from './paths';

const paths: LauncherPaths = { repoRoot: '/repo', dataDir: '/repo/.data', cacheDir: '/cache' };

describe('the embedded Kafka', () => {
  test('runs one broker in .data/kafka on 9092 by default', () => {
    const nodes = kafkaNodes(paths, kafkaSettings({}));
    expect(
      nodes.map(({ id, address, controllerPort, dir }) => ({ id, address, controllerPort, dir })),
    ).toEqual([
      { id: 1, address: '127.0.0.1:9092', controllerPort: 9093, dir: join('/repo/.data', 'kafka') },
    ]);
    expect(nodes[0]?.process.name).toBe('kafka');
  });

  test('runs a cluster of three on the next ports, each node in a folder of its own', () => {
    const env = { ZHAS_KAFKA_PORT: '9162', ZHAS_KAFKA_CONTROLLER_PORT: '9163', ZHAS_KAFKA_BROKER_COUNT: '3' };
    const nodes = kafkaNodes(paths, kafkaSettings(env));
    expect(nodes.map(({ id, port, controllerPort }) => [id, port, controllerPort])).toEqual([
      [1, 9162, 9163],
      [2, 9164, 9165],
      [3, 9166, 9167],
    ]);
    expect(new Set(nodes.map((node) => node.dir)).size).toBe(3);
    expect(nodes.every((node) => node.dir.startsWith(join('/repo/.data', 'kafka-cluster')))).toBe(true);
    expect(new Set(nodes.map((node) => node.process.pidFile)).size).toBe(3);
  });

  test('replicates three times with two in sync on three brokers, once on one', () => {
    expect(replicationFor(1)).toEqual({ factor: 1, minInsync: 1 });
    expect(replicationFor(3)).toEqual({ factor: 3, minInsync: 2 });
    expect(replicationFor(5)).toEqual({ factor: 3, minInsync: 2 });
  });

  test('takes the number of brokers from --kafka-brokers and says what is wrong with a bad one', () => {
    expect(envWithArgs(['--kafka-brokers', '3'], {}).ZHAS_KAFKA_BROKER_COUNT).toBe('3');
    expect(envWithArgs([], { ZHAS_KAFKA_BROKER_COUNT: '1' }).ZHAS_KAFKA_BROKER_COUNT).toBe('1');
    expect(() => parseBrokerCount('0')).toThrow(/from 1 to 5/);
    expect(() => parseBrokerCount('three')).toThrow(/not "three"/);
    expect(() => envWithArgs(['--kafka-broker', '3'], {})).toThrow();
  });
});
