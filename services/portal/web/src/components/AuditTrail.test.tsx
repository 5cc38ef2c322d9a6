import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type * as client from '../api/client';
import { setUpI18n } from '../i18n';
import en from '../i18n/locales/en.json';
import { AuditTrail } from './AuditTrail';

// The services' clients as the portal's proxy would answer them; unwrap and the rest stay as they are.
const get = vi.hoisted(() => ({ applications: vi.fn(), tracking: vi.fn() }));
vi.mock('../api/client', async (importOriginal) => ({
  ...(await importOriginal<typeof client>()),
  api: { applications: { GET: get.applications }, tracking: { GET: get.tracking } },
}));

beforeAll(async () => {
  // Mantine reads the colour scheme from media queries, which jsdom does not evaluate.
  Object.defineProperty(window, 'matchMedia', {
    configurable: true,
    value: (query: string) => ({
      matches: false,
      media: query,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
    }),
  });
  // The table's scroll container watches its size, which jsdom does not measure.
  vi.stubGlobal(
    'ResizeObserver',
    class {
      observe() {}
      unobserve() {}
      disconnect() {}
    },
  );
  await setUpI18n('en');
});
afterEach(() => {
  cleanup();
  vi.resetAllMocks();
});

/** The service's answer to `GET /audit-trail/{id}`. */
function answering(service: 'applications' | 'tracking', status: number, body: unknown) {
  const response = new Response(null, { status });
  get[service].mockResolvedValue(status < 400 ? { data: body, response } : { error: body, response });
  return get[service];
}

function show(service: 'applications' | 'tracking', aggregateId: string) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <MantineProvider>
      <QueryClientProvider client={client}>
        <AuditTrail service={service} aggregateId={aggregateId} />
      </QueryClientProvider>
    </MantineProvider>,
  );
}

describe('the audit trail panel', () => {
  it("reads the owning service's trail and shows who did what when, newest first, staff by name", async () => {
    const read = answering('applications', 200, {
      aggregateId: 'lot-r1-almaty',
      aggregateType: 'lottery',
      items: [
        {
          at: '2026-12-07T10:00:00.000Z',
          version: 1,
          action: 'lottery.seed-fixed',
          actor: { roles: ['coordinator'], name: 'Aigerim Coordinator' },
          eventTypes: [],
        },
        {
          at: '2026-12-07T11:30:00.000Z',
          version: 2,
          action: 'lottery.drawn',
          actor: { roles: ['admin'] },
          eventTypes: [],
        },
        {
          at: '2026-12-07T11:31:00.000Z',
          version: 3,
          action: 'something.new',
          actor: { roles: ['coordinator'], name: 'Aigerim Coordinator' },
          eventTypes: [],
        },
      ],
    });
    show('applications', 'lot-r1-almaty');
    const rows = await screen.findAllByRole('row');
    expect(read).toHaveBeenCalledWith('/audit-trail/{aggregateId}', {
      params: { path: { aggregateId: 'lot-r1-almaty' } },
    });
    // The header, then the entries newest first; times in Kazakhstan's (UTC+5).
    expect(rows).toHaveLength(4);
    expect(within(rows[1]!).getByText('something.new')).toBeDefined();
    expect(within(rows[2]!).getByText(en.coordDraw.audit.action.lottery.drawn)).toBeDefined();
    expect(within(rows[2]!).getByText(en.coordDraw.audit.role.admin)).toBeDefined();
    expect(within(rows[2]!).getByText(/16:30/)).toBeDefined();
    expect(
      within(rows[3]!).getByText(`Aigerim Coordinator (${en.coordDraw.audit.role.coordinator})`),
    ).toBeDefined();
    expect(within(rows[3]!).getByText(en.coordDraw.audit.action.lottery['seed-fixed'])).toBeDefined();
  });

  it('says when nothing is recorded yet, and reads tracking for its records', async () => {
    const read = answering('tracking', 200, { aggregateId: 'prj-1', aggregateType: 'project', items: [] });
    show('tracking', 'prj-1');
    expect(await screen.findByText(en.coordDraw.audit.empty)).toBeDefined();
    expect(read).toHaveBeenCalledWith('/audit-trail/{aggregateId}', {
      params: { path: { aggregateId: 'prj-1' } },
    });
    expect(get.applications).not.toHaveBeenCalled();
  });

  it("says the trail cannot be read when the service refuses (another region's record)", async () => {
    answering('applications', 403, { type: '/problems/forbidden', status: 403, title: 'Forbidden' });
    show('applications', 'bid-elsewhere');
    expect(await screen.findByRole('alert')).toHaveProperty('textContent', en.coordDraw.audit.unavailable);
    expect(screen.queryByRole('table')).toBeNull();
  });
});
