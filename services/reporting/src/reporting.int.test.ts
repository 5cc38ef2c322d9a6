/* The reporting service end to end within itself: events in, indicators out, duplicates ignored, rebuilds exact. */
import { parseEvent, personalDataFindings } from '@zhas/contracts';
import { startServiceForTest, type Reply, type TestService } from '@zhas/service-kit/testing';
import { iatiErrors, threeSixtyGivingErrors } from '@zhas/testing';
import { setTimeout as sleep } from 'node:timers/promises';
import { testLogger } from '@zhas/testing';
import { funnelStages } from './features/figures/funnel';
import { projectionBatchHandler } from './features/read-models/batch';
import { projectionHandlers } from './features/read-models/handlers';
import { Generations, readModelNames } from './features/read-models/store';
import { type Config, composeService, configSchema, SERVICE_NAME } from './index';
import {
  applicationEvents,
  competitionsEvents,
  lateGrievanceResolved,
  participantEvents,
  trackingEvents,
} from './test-support/programme';

interface Value {
  code: string;
  value: number | null;
  numerator: number;
  denominator: number;
  disaggregations: { dimension: string; key: string; value: number | null }[];
}
interface Values {
  generation: number;
  items: Value[];
}
interface Rebuild {
  id: string;
  status: string;
  generation: number;
}

/** The programme's funnel: b2 is awarded without its check and qualification events in this slice of a round. */
const FUNNEL = {
  registered: 6,
  'in-team': 6,
  submitted: 6,
  'passed-check': 3,
  qualified: 3,
  awarded: 6,
  completed: 2,
};
const ALL_DIMENSIONS = 'sex,age-band,region,settlement,vulnerability,neet,round';

describe('the reporting service', () => {
  let test: TestService<Config>;
  let viewer: string;
  let admin: string;

  beforeAll(async () => {
    test = await startServiceForTest(
      { SERVICE_NAME, configSchema, composeService },
      // A query waits for the tally of what was just delivered, however slow the machine.
      { now: () => new Date('2020-03-01T06:00:00.000Z'), env: { FIGURES_MAX_WAIT_MS: '120000' } },
    );
    viewer = await test.token({ roles: ['viewer'] });
    admin = await test.token({ roles: ['admin'] });
  });
  afterAll(() => test.stop());

  const values = async (query = `disaggregateBy=${ALL_DIMENSIONS}`, token = viewer) => {
    const reply = await test.call<Values>('GET', `/indicator-values?${query}`, { token });
    expect(reply.status).toBe(200);
    return reply.body;
  };
  const byCode = (body: Values) => Object.fromEntries(body.items.map((item) => [item.code, item]));
  const groups = (item: Value | undefined, dimension: string) =>
    Object.fromEntries(
      (item?.disaggregations ?? []).filter((d) => d.dimension === dimension).map((d) => [d.key, d.value]),
    );
  /** Every table a reader sees, without the generation that produced it. */
  const everything = async () => {
    const strip = <T extends { generation: number }>(reply: Reply<T>) => {
      expect(reply.status).toBe(200);
      const {
        generation: _generation,
        snapshot: _snapshot,
        ...rest
      } = reply.body as T & { snapshot?: unknown };
      return rest;
    };
    return {
      values: strip(
        await test.call<Values>('GET', `/indicator-values?disaggregateBy=${ALL_DIMENSIONS}`, {
          token: viewer,
        }),
      ),
      semester1: strip(
        await test.call<Values>('GET', '/results-framework?semester=2019-S1', { token: viewer }),
      ),
      semester2: strip(
        await test.call<Values>('GET', '/results-framework?semester=2019-S2', { token: viewer }),
      ),
      series: strip(
        await test.call<Values>(
          'GET',
          '/time-series?code=IR-3.2&granularity=quarter&from=2019-01-01&to=2019-12-31',
          {
            token: viewer,
          },
        ),
      ),
    };
  };
  const waitForRebuild = async (id: string): Promise<Rebuild> => {
    for (;;) {
      const reply = await test.call<Rebuild>('GET', `/admin/rebuild/${id}`, { token: admin });
      expect(reply.status).toBe(200);
      if (reply.body.status !== 'running') return reply.body;
      await sleep(100); // polling a status, not waiting for time to pass
    }
  };

  it('counts facts that arrive before the participants they are about, and fills in the attributes later', async () => {
    await test.deliver(...competitionsEvents, ...applicationEvents, ...trackingEvents);
    const early = byCode(await values());
    expect(early['PDO-1']?.value).toBe(6);
    expect(groups(early['PDO-1'], 'sex')).toEqual({ unknown: 6 });
    // Shares need the attributes: no denominator yet.
    expect(early['PDO-1.1']).toMatchObject({ value: null, denominator: 0 });

    await test.deliver(...participantEvents);
    const indicators = byCode(await values());
    expect(groups(indicators['PDO-1'], 'sex')).toEqual({ female: 3, male: 3 });
    expect(indicators['PDO-1.1']?.value).toBe(50);
  });

  it('computes every indicator of the results framework with its disaggregations', async () => {
    const indicators = byCode(await values());
    const totals = Object.fromEntries(Object.entries(indicators).map(([code, item]) => [code, item.value]));
    expect(totals).toEqual({
      'PDO-1': 6,
      'PDO-1.1': 50,
      'PDO-1.2': 16.67,
      'PDO-1.3': 66.67,
      'PDO-2': 2,
      'PDO-2.1': 50,
      'PDO-2.2': 50,
      'PDO-2.3': 100,
      'PDO-3': 50,
      'PDO-4': 66.67,
      'IR-1.1': 2,
      'IR-1.2': 3,
      'IR-1.3': 50,
      'IR-2.1': 2,
      'IR-2.2': 1,
      'IR-2.3': 1,
      'IR-2.4': 60,
      'IR-3.1': 1_900_000,
      'IR-3.2': 1_450_000,
      'IR-3.3': 140_000,
      'IR-4.1': 50,
      'IR-4.2': 25,
      'IR-5.1': 1,
      'IR-5.2': 1,
      'IR-5.3': 0,
      'IR-5.4': 1,
    });
    const participating = indicators['PDO-1'];
    expect(groups(participating, 'age-band')).toEqual({ '14-17': 1, '18-24': 3, '25-29': 2 });
    expect(groups(participating, 'region')).toEqual({ akmola: 3, atyrau: 3 });
    // p6 registered with version 1 (urban: false), upcast to settlement 'rural'.
    expect(groups(participating, 'settlement')).toEqual({ rural: 3, urban: 3 });
    expect(groups(participating, 'vulnerability')).toEqual({ false: 5, true: 1 });
    // p2's profile update made them NEET.
    expect(groups(participating, 'neet')).toEqual({ false: 2, true: 4 });
    expect(groups(participating, 'round')).toEqual({ 'rnd-2019': 6 });
    expect(groups(indicators['PDO-1.1'], 'region')).toEqual({ akmola: 66.67, atyrau: 33.33 });
    expect(groups(indicators['PDO-1.1'], 'sex')).toEqual({}); // not a disaggregation of a share of women
    expect(groups(indicators['IR-3.3'], 'sex')).toEqual({ female: 60_000, male: 80_000 });
    expect(groups(indicators['IR-4.1'], 'region')).toEqual({ akmola: 100, atyrau: 0 });
  });

  it('filters by period, round and region, and limits region-scoped viewers to their regions', async () => {
    const firstHalf = byCode(await values('period=2019-S1'));
    expect(firstHalf['IR-3.2']?.value).toBe(950_000);
    expect(firstHalf['IR-2.2']?.value).toBe(2); // both projects running on 30 June
    expect(firstHalf['IR-2.4']?.value).toBe(50);
    expect(firstHalf['PDO-2']?.value).toBe(0);
    expect(byCode(await values('from=2019-07-01&to=2019-12-31'))['IR-3.2']?.value).toBe(500_000);
    expect(byCode(await values('roundId=rnd-2018'))['PDO-1']?.value).toBe(0);
    expect(byCode(await values('region=atyrau'))['PDO-1']?.value).toBe(3);

    const akmolaViewer = await test.token({ roles: ['viewer'], regions: ['akmola'] });
    const scoped = byCode(await values('disaggregateBy=region', akmolaViewer));
    expect(scoped['PDO-1']?.value).toBe(3);
    expect(groups(scoped['PDO-1'], 'region')).toEqual({ akmola: 3 });
    expect(byCode(await values('region=atyrau', akmolaViewer))['PDO-1']?.value).toBe(0);

    const bad = await test.call('GET', '/indicator-values?period=2019-S3&disaggregateBy=colour', {
      token: viewer,
    });
    expect(bad.status).toBe(400);
    const both = await test.call('GET', '/indicator-values?period=2019&from=2019-01-01', { token: viewer });
    expect(both).toMatchObject({ status: 400, body: { errors: [{ field: 'query.period' }] } });
  });

  it('gives the results framework of a semester and time series', async () => {
    const table = await test.call<{ rows: ({ code: string } & Record<string, unknown>)[] }>(
      'GET',
      '/results-framework?semester=2019-S2',
      {
        token: viewer,
      },
    );
    expect(table.status).toBe(200);
    const rows: Record<string, unknown> = Object.fromEntries(table.body.rows.map((row) => [row.code, row]));
    expect(rows['PDO-1']).toMatchObject({
      baseline: 0,
      target: 9000,
      actual: 6,
      periodValue: 0,
      shareOfTarget: 0.07,
    });
    expect(rows['IR-3.2']).toMatchObject({ actual: 1_450_000, periodValue: 500_000 });
    expect(rows['IR-2.2']).toMatchObject({ actual: 1, periodValue: 1 });
    expect(rows['IR-4.2']).toMatchObject({ baseline: 90, target: 45, actual: 25, shareOfTarget: 55.56 });

    const series = await test.call<{ points: { period: string; value: number }[] }>(
      'GET',
      '/time-series?code=IR-3.2&granularity=month&from=2019-04-01&to=2019-07-31&cumulative=true',
      { token: viewer },
    );
    expect(series.body.points.map((point) => [point.period, point.value])).toEqual([
      ['2019-04', 950_000],
      ['2019-05', 950_000],
      ['2019-06', 950_000],
      ['2019-07', 1_450_000],
    ]);
  });

  it('exports the same tables as CSV and XLSX', async () => {
    const csv = await fetch(`${test.url}/exports/results-framework?semester=2019-S2&format=csv&lang=ru`, {
      headers: { authorization: `Bearer ${viewer}` },
    });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-disposition')).toBe(
      'attachment; filename="results-framework-2019-S2.csv"',
    );
    const bytes = Buffer.from(await csv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the BOM Excel needs for UTF-8
    const lines = bytes.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]).toBe('code,name,level,unit,baseline,target,actual,periodValue,shareOfTarget');
    expect(lines[1]).toBe('PDO-1,"Молодёжь, участвующая в проектах",pdo,count,0,9000,6,0,0.07');

    const xlsx = await fetch(
      `${test.url}/exports/indicator-values?format=xlsx&code=PDO-1&disaggregateBy=sex`,
      {
        headers: { authorization: `Bearer ${viewer}` },
      },
    );
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-type')).toMatch(/spreadsheetml/);
    expect(xlsx.headers.get('content-disposition')).toBe('attachment; filename="indicator-values.xlsx"');
    expect(
      Buffer.from(await xlsx.arrayBuffer())
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');
  });

  it('links every figure to its definition, the snapshot it came from and the rows behind it, small rows withheld', async () => {
    const reply = await test.call<
      Values & {
        snapshot: { id: string; asOf: string; href: string; offsets: { topic: string; offset: string }[] };
        items: (Value & { source: { definition: string; rows: string } })[];
      }
    >('GET', '/indicator-values?code=PDO-1&period=2019', { token: viewer });
    expect(reply.status).toBe(200);
    const { snapshot, items } = reply.body;
    expect(snapshot.offsets.length).toBeGreaterThanOrEqual(3);
    expect(snapshot.offsets.some((offset) => BigInt(offset.offset) > 0n)).toBe(true);
    const recorded = await test.call<{ id: string; generation: number; offsets: unknown[]; cells: number }>(
      'GET',
      snapshot.href,
      { token: viewer },
    );
    expect(recorded).toMatchObject({ status: 200, body: { id: snapshot.id, offsets: snapshot.offsets } });
    expect(recorded.body.cells).toBeGreaterThan(0);

    const source = items[0]?.source;
    expect(source?.definition).toBe('/indicators/PDO-1');
    expect((await test.call('GET', source?.definition ?? '', { token: viewer })).status).toBe(200);
    const rows = await fetch(`${test.url}${source?.rows ?? ''}`, {
      headers: { authorization: `Bearer ${viewer}` },
    });
    expect(rows.status).toBe(200);
    const lines = (await rows.text())
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe(
      'code,round,region,month,people_or_facts,numerator,denominator,value,withheld,snapshot,snapshot_as_of',
    );
    // Three participants in each region: under the threshold of 5, so withheld; the total is the figure.
    const body = lines.slice(1);
    expect(body.filter((line) => line.includes('fewer than 5'))).toHaveLength(2);
    expect(
      body.filter((line) => /^PDO-1,rnd-2019,(akmola|atyrau),2019-0\d,,,,,fewer than 5,/.test(line)),
    ).toHaveLength(2);
    expect(body.at(-1)).toMatch(/^PDO-1,total,,,6,6,6,6,,fig-/);
    expect((await test.call('GET', '/figure-snapshots/fig-nope', { token: viewer })).status).toBe(404);
  });

  it('counts regions split since 2018 and 2022 with the region they came from on the comparable basis', async () => {
    const recorded = await values('code=PDO-1&disaggregateBy=region');
    const comparable = await values('code=PDO-1&disaggregateBy=region&regionBasis=comparable');
    // Akmola and Atyrau were never split: the same groups either way.
    expect(byCode(comparable)['PDO-1']?.disaggregations).toEqual(byCode(recorded)['PDO-1']?.disaggregations);
    const scoped = await test.token({ roles: ['viewer'], regions: ['akmola'] });
    const limited = await values('code=PDO-1&regionBasis=comparable&region=akmola,atyrau', scoped);
    expect(byCode(limited)['PDO-1']?.value).toBe(3);
  });

  it('publishes headline results, the map and breakdowns without sign-in, no cell under the threshold', async () => {
    interface Published {
      value: number | null;
      suppressed: boolean;
    }
    const open = async <T>(path: string) => {
      const reply = await test.call<T>('GET', path);
      expect(reply.status).toBe(200);
      expect(JSON.stringify(reply.body)).not.toMatch(/"p[1-6]"|prt-|offsets/);
      return reply.body;
    };
    const everyValue = (values: readonly Published[]) => {
      for (const cell of values) {
        if (cell.suppressed) expect(cell.value).toBeNull();
        else if (cell.value !== null && cell.value !== 0) expect(cell.value).toBeGreaterThanOrEqual(5);
      }
    };
    const head = await open<{
      rule: { threshold: number };
      items: (Published & { code: string; unit: string })[];
    }>('/public/headline?period=2019');
    expect(head.rule.threshold).toBe(5);
    everyValue(head.items);
    const byCode = Object.fromEntries(head.items.map((item) => [item.code, item]));
    // Six participants: published rounded to five; shares of 3 in 6 withheld (3 on either side).
    expect(byCode['PDO-1']).toMatchObject({ value: 5, suppressed: false });
    expect(byCode['PDO-1.1']).toMatchObject({ value: null, suppressed: true });
    for (const item of head.items.filter((entry) => entry.unit === 'count' && entry.value !== null)) {
      expect((item.value ?? 0) % 5).toBe(0);
    }
    // Stipends are not among the public figures.
    expect(byCode['IR-3.3']).toBeUndefined();

    const map = await open<{ total: Published; groups: (Published & { key: string })[] }>(
      '/public/map?code=PDO-1&period=2019',
    );
    expect(map.groups.map((group) => group.key)).toEqual(['akmola', 'atyrau']);
    everyValue([map.total, ...map.groups]);
    expect(map.groups.every((group) => group.suppressed)).toBe(true);
    const sexes = await open<{ groups: (Published & { key: string })[] }>(
      '/public/breakdown?code=PDO-1&dimension=sex&region=akmola',
    );
    everyValue(sexes.groups);

    const definitions = await open<{ items: { code: string; targets: { source?: { title: string } }[] }[] }>(
      '/public/indicators',
    );
    expect(definitions.items.map((item) => item.code)).toContain('PDO-1');
    expect(definitions.items[0]?.targets[0]?.source?.title).toBeTruthy();

    expect((await test.call('GET', '/public/map?code=IR-3.3')).status).toBe(404);
    const bad = await test.call<{ errors: { field: string }[] }>(
      'GET',
      '/public/breakdown?code=IR-2.1&dimension=sex',
    );
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0]?.field).toBe('query.dimension');
    expect((await test.call('GET', '/public/headline?period=1990')).status).toBe(400);
    const csv = await fetch(`${test.url}/public/exports/map?code=PDO-1&period=2019&lang=ru`);
    expect(csv.status).toBe(200);
    const lines = (await csv.text())
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('code,name,unit,period,group,value,withheld,snapshot_as_of');
    expect(lines[1]).toMatch(/^PDO-1,"Молодёжь, участвующая в проектах",count,2019,akmola,,yes,/);
    const xlsx = await fetch(`${test.url}/public/exports/headline?format=xlsx`);
    expect(xlsx.headers.get('content-type')).toMatch(/spreadsheetml/);
  });

  it('publishes the programme as IATI 2.03 and its grants as 360Giving, both valid against the published schemas', async () => {
    const iati = await fetch(`${test.url}/open-data/iati-activities.xml`);
    expect(iati.status).toBe(200);
    expect(iati.headers.get('content-type')).toMatch(/application\/xml/);
    const xml = await iati.text();
    expect(await iatiErrors(xml)).toEqual([]);
    // Two projects: two commitments; tranches paid; results with targets and withheld small actuals.
    expect(xml.match(/<transaction-type code="2"\/>/g)).toHaveLength(2);
    expect(xml).toContain('<transaction-type code="3"/>');
    expect(xml).toContain('<reference vocabulary="99" code="PDO-1"/>');
    expect(xml).toContain('Withheld: fewer than 5.');
    // A validator that cannot fail proves nothing: the same file without its identifier is refused.
    expect(
      (await iatiErrors(xml.replace(/<iati-identifier>[^<]*<\/iati-identifier>/, ''))).length,
    ).toBeGreaterThan(0);

    const giving = await fetch(`${test.url}/open-data/360giving.json`);
    expect(giving.status).toBe(200);
    const data = (await giving.json()) as { grants: Record<string, unknown>[] };
    expect(await threeSixtyGivingErrors(data)).toEqual([]);
    expect(data.grants).toHaveLength(2);
    expect(data.grants[0]).toMatchObject({
      currency: 'KZT',
      recipientIndividual: { name: 'Youth initiative group' },
      beneficiaryLocation: [{ countryCode: 'KZ' }],
    });
    const broken = { ...data, grants: data.grants.map(({ amountAwarded: _amount, ...grant }) => grant) };
    expect((await threeSixtyGivingErrors(broken)).length).toBeGreaterThan(0);

    const csv = await fetch(`${test.url}/open-data/grants?format=csv`);
    expect(csv.status).toBe(200);
    expect((await csv.text()).split('\r\n')[0]).toContain('grant_id,round,region,award_date');
    for (const text of [xml, JSON.stringify(data)]) expect(text).not.toMatch(/"p[1-6]"|>p[1-6]<|prt-/);
  });

  it('gives the selection funnel in people, stage by stage', async () => {
    const reply = await test.call<{ stages: { stage: string; value: number }[] }>(
      'GET',
      '/funnel?period=2019',
      {
        token: viewer,
      },
    );
    expect(reply.status).toBe(200);
    const stages = Object.fromEntries(reply.body.stages.map((entry) => [entry.stage, entry.value]));
    expect(reply.body.stages.map((entry) => entry.stage)).toEqual(funnelStages);
    expect(stages).toEqual(FUNNEL);
  });

  it('shows no personal data and only to readers', async () => {
    const body = JSON.stringify(await values());
    expect(body).not.toMatch(/"p[1-6]"|prt-/);
    const applicant = await test.token({ roles: ['applicant'], participantId: 'p1' });
    expect((await test.call('GET', '/indicator-values', { token: applicant })).status).toBe(403);
    expect((await test.call('GET', '/indicator-values')).status).toBe(401);
    expect((await test.call('POST', '/admin/rebuild', { token: viewer })).status).toBe(403);
  });

  it('serves the results framework and lets an admin change targets, keeping the old values in the history', async () => {
    const list = await test.call<{
      items: { code: string; name: Record<string, string>; definition: Record<string, string> }[];
    }>('GET', '/indicators', { token: viewer });
    expect(list.body.items.map((item) => item.code)).toContain('IR-2.3');
    expect(list.body.items.every((item) => item.name.kk && item.name.ru && item.definition.en)).toBe(true);
    const coordinator = await test.token({ roles: ['coordinator'] });
    const before = await test.call<{ version: number; targets: { year: number; value: number }[] }>(
      'GET',
      '/indicators/PDO-1',
      { token: viewer },
    );
    expect(before.body.targets.find((target) => target.year === 2019)?.value).toBe(9000);
    const change = {
      version: 1,
      baseline: 0,
      baselineYear: 2016,
      targets: [{ year: 2019, value: 12, source: { title: 'Restructuring paper, 2019' } }],
      reason: 'Restructuring',
    };
    for (const token of [viewer, coordinator]) {
      expect((await test.call('PUT', '/indicators/PDO-1/targets', { token, body: change })).status).toBe(403);
    }
    const changed = await test.call('PUT', '/indicators/PDO-1/targets', { token: admin, body: change });
    expect(changed).toMatchObject({
      status: 200,
      body: {
        version: 2,
        targets: [{ year: 2019, value: 12, source: { title: 'Restructuring paper, 2019' } }],
      },
    });
    const stale = await test.call('PUT', '/indicators/PDO-1/targets', { token: admin, body: change });
    expect(stale.status).toBe(409);
    const duplicate = await test.call<{ errors: { field: string }[] }>('PUT', '/indicators/PDO-1/targets', {
      token: admin,
      body: { ...change, version: 2, targets: [...change.targets, ...change.targets] },
    });
    expect(duplicate.status).toBe(400);
    expect(duplicate.body.errors.map((error) => error.field)).toContain('body.targets.1.year');

    const history = await test.call<{
      items: { version: number; changedBy: string; reason?: string; before: { targets?: unknown[] } }[];
    }>('GET', '/indicators/PDO-1/history', { token: viewer });
    expect(history.status).toBe(200);
    expect(history.body.items).toHaveLength(1);
    expect(history.body.items[0]).toMatchObject({ version: 2, reason: 'Restructuring' });
    expect(history.body.items[0]?.before.targets).toContainEqual(
      expect.objectContaining({ year: 2019, value: 9000 }),
    );

    const renamed = await test.call('PATCH', '/indicators/PDO-1', {
      token: admin,
      body: { version: 2, definition: { kk: 'Анықтама', ru: 'Определение', en: 'Definition' } },
    });
    expect(renamed).toMatchObject({
      status: 200,
      body: { version: 3, targets: [{ year: 2019, value: 12 }] },
    });

    const rows = await test.call<{ rows: { code: string; shareOfTarget: number }[] }>(
      'GET',
      '/results-framework?semester=2019-S2',
      { token: viewer },
    );
    expect(rows.body.rows.find((row) => row.code === 'PDO-1')?.shareOfTarget).toBe(50);
    expect((await test.call('GET', '/indicators/NOPE', { token: viewer })).status).toBe(404);
    expect((await test.call('GET', '/indicators/NOPE/history', { token: viewer })).status).toBe(404);
  });

  it('changes nothing when every event is delivered again', async () => {
    const before = await everything();
    await test.deliver(...competitionsEvents, ...participantEvents, ...applicationEvents, ...trackingEvents);
    expect(await everything()).toEqual(before);
  });

  it('says up to which offsets the read models have processed', async () => {
    let progress: { caughtUp: boolean; activeGeneration: number; partitions: { lag: number }[] } | undefined;
    // The live consumer commits at the end of each batch, just after deliver() has seen the messages handled.
    for (let attempt = 0; attempt < 100 && !progress?.caughtUp; attempt += 1) {
      const reply = await test.call<typeof progress>('GET', '/read-models/progress', { token: viewer });
      expect(reply.status).toBe(200);
      progress = reply.body;
      if (!progress?.caughtUp) await sleep(100);
    }
    expect(progress).toMatchObject({ caughtUp: true, activeGeneration: 1 });
    expect(progress?.partitions.length).toBeGreaterThanOrEqual(3);
  });

  it('rebuilds from offset zero to the same numbers, then keeps up with live events', async () => {
    const before = await everything();
    const started = await test.call<Rebuild>('POST', '/admin/rebuild', { token: admin });
    expect(started).toMatchObject({ status: 202, body: { status: 'running', generation: 2 } });
    expect((await test.call('POST', '/admin/rebuild', { token: admin })).status).toBe(409);
    const done = await waitForRebuild(started.body.id);
    expect(done).toMatchObject({ status: 'completed', generation: 2 });
    expect(await everything()).toEqual(before);
    expect((await values()).generation).toBe(2);
    const collections = await test.service.deps.mongo.db!.listCollections({}, { nameOnly: true }).toArray();
    expect(collections.some((collection) => collection.name.startsWith('rm_g1_'))).toBe(false);

    // An event delivered while the next rebuild runs is in the new generation, whichever path brings it.
    const again = await test.call<Rebuild>('POST', '/admin/rebuild', { token: admin });
    expect(again.status).toBe(202);
    await test.deliver(lateGrievanceResolved);
    expect(await waitForRebuild(again.body.id)).toMatchObject({ status: 'completed', generation: 3 });
    const after = byCode(await values());
    expect(after['IR-4.1']?.value).toBe(66.67);
    expect(after['PDO-1']?.value).toBe(6);
  });
  it('publishes a snapshot of a period once per Idempotency-Key, without personal data', async () => {
    const coordinator = await test.token({ roles: ['coordinator'] });
    const publish = (token: string, key: string) =>
      test.call<{ indicatorSnapshotId: string; indicatorCount: number }>('POST', '/snapshots', {
        token,
        headers: { 'Idempotency-Key': key },
        body: { period: '2019', roundId: 'rnd-2019' },
      });
    const first = await publish(coordinator, 'snapshot-2019-a');
    expect(first.status).toBe(201);
    expect((await publish(coordinator, 'snapshot-2019-a')).body).toEqual(first.body);
    const regional = await test.token({ roles: ['coordinator'], regions: ['akmola'] });
    expect((await publish(regional, 'snapshot-2019-b')).status).toBe(403);
    // A period outside the programme's century is refused by validation, not by the event contract (a 500).
    const yearZero = await test.call('POST', '/snapshots', {
      token: coordinator,
      headers: { 'Idempotency-Key': 'snapshot-0000' },
      body: { period: '0000' },
    });
    expect(yearZero.status).toBe(400);
    expect(yearZero.body).toMatchObject({ errors: [expect.objectContaining({ field: 'body.period' })] });

    const events = await test.publishedEvents();
    expect(events.map((event) => event.type)).toEqual(['reporting.indicator-snapshot.published.v1']);
    const [snapshot] = events;
    if (snapshot?.type !== 'reporting.indicator-snapshot.published.v1') throw new Error('no snapshot');
    expect(snapshot.data).toMatchObject({
      indicatorSnapshotId: first.body.indicatorSnapshotId,
      period: { from: '2019-01-01', to: '2019-12-31' },
      roundId: 'rnd-2019',
    });
    const participating = snapshot.data.indicators.find((indicator) => indicator.code === 'PDO-1');
    // The 2019 target of PDO-1 was set to 12 by the targets test above.
    expect(participating).toMatchObject({ value: 6, baseline: 0, target: 12, level: 'pdo', unit: 'count' });
    expect(participating?.disaggregations).toContainEqual({ dimension: 'sex', key: 'female', value: 3 });
    for (const message of await test.publishedMessages()) {
      expect(personalDataFindings(JSON.parse(message.value ?? 'null'))).toEqual([]);
    }
  });

  it('builds the same documents from the events in reverse order, as a rebuild racing the live consumer may', async () => {
    const db = test.service.deps.mongo.db!;
    const generations = new Generations(db);
    const { active } = await generations.read();
    const handlers = projectionHandlers(generations.generationSink(99)) as Record<
      string,
      ((event: unknown, context: unknown) => Promise<void>) | undefined
    >;
    const all = [
      ...competitionsEvents,
      ...participantEvents,
      ...applicationEvents,
      ...trackingEvents,
      lateGrievanceResolved,
    ].reverse();
    for (const raw of all) {
      const parsed = parseEvent(JSON.parse(JSON.stringify(raw)));
      if (parsed.kind !== 'event') throw new Error(`not an event: ${raw.type}`);
      await handlers[parsed.event.type]?.(parsed.event, {});
    }
    for (const name of readModelNames) {
      const documents = (generation: number) =>
        generations.collection(generation, name).find({}).sort({ _id: 1 }).toArray();
      expect({ name, documents: await documents(99) }).toEqual({ name, documents: await documents(active) });
    }
  });

  it('builds the same documents from batches folded in memory, in any order and with duplicates', async () => {
    const db = test.service.deps.mongo.db!;
    const generations = new Generations(db);
    const { active } = await generations.read();
    const events = [
      ...competitionsEvents,
      ...participantEvents,
      ...applicationEvents,
      ...trackingEvents,
      lateGrievanceResolved,
    ].map((raw) => {
      const parsed = parseEvent(JSON.parse(JSON.stringify(raw)));
      if (parsed.kind !== 'event') throw new Error(`not an event: ${raw.type}`);
      return { event: parsed.event, topic: 'test', partition: 0, offset: '0' };
    });
    // Reversed, in batches of seven, then every event again in batches of three in the original order: slots are
    // compared within a batch, against the database across batches, and a batch may hold an event twice.
    const handle = projectionBatchHandler(generations, () => Promise.resolve([98]));
    const heartbeat = () => Promise.resolve();
    const reversed = [...events].reverse();
    for (let start = 0; start < reversed.length; start += 7) {
      const batch = reversed.slice(start, start + 7);
      await handle([...batch, ...batch.slice(0, 2)], { logger: testLogger(), heartbeat });
    }
    for (let start = 0; start < events.length; start += 3) {
      await handle(events.slice(start, start + 3), { logger: testLogger(), heartbeat });
    }
    for (const name of readModelNames) {
      const documents = (generation: number) =>
        generations.collection(generation, name).find({}).sort({ _id: 1 }).toArray();
      expect({ name, documents: await documents(98) }).toEqual({ name, documents: await documents(active) });
    }
  });
});
