import { randomBytes } from 'node:crypto';

/**
 * A name no other test file or earlier run uses, for databases, topics and consumer groups: each test file works
 * in its own space on the shared servers (DESIGN.md section 9).
 */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
}
