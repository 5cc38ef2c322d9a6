// Reading what a service under test published, a step at a time.
import { type ZhasEvent } from '@zhas/contracts';
import { type TestService } from '@zhas/service-kit/testing';
import { type Config } from '../config';

/**
 * The events a test service published since the last read. The topic has several partitions, so only the events of
 * one aggregate come in order: tests find events by subject rather than by position.
 */
export class NewEvents {
  private readonly seen = new Set<string>();

  constructor(private readonly test: TestService<Config>) {}

  async read(): Promise<ZhasEvent[]> {
    const fresh: ZhasEvent[] = [];
    // Delivery is at least once: the same event (same id) may reach the topic twice, and counts once.
    for (const event of await this.test.publishedEvents()) {
      if (this.seen.has(event.id)) continue;
      this.seen.add(event.id);
      fresh.push(event);
    }
    return fresh;
  }

  /**
   * The next `count` events. Under load an event may reach the topic a relay round after the command that recorded
   * it (the shared relay publishes in the background too), so this reads again until they are all there.
   */
  async next(count: number): Promise<ZhasEvent[]> {
    const events: ZhasEvent[] = [];
    for (let attempt = 0; attempt < 10 && events.length < count; attempt += 1)
      events.push(...(await this.read()));
    return events;
  }
}
