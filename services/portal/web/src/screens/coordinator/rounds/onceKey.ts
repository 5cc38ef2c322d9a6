import { useRef } from 'react';
import { idempotencyKey } from '../common';

/**
 * One Idempotency-Key per command and payload until the service has answered it: a retry after a lost answer (or a
 * second click that got through) replays the first command instead of doing it twice; a changed payload is a new
 * command with a new key.
 */
export function useOnceKey() {
  const last = useRef<{ payload: string; key: string } | null>(null);
  return {
    keyFor(payload: unknown): string {
      const text = JSON.stringify(payload);
      if (last.current?.payload !== text) last.current = { payload: text, key: idempotencyKey() };
      return last.current.key;
    },
    /** The service answered: the next command is a new one. */
    answered(): void {
      last.current = null;
    },
  };
}
