import { kazakhstanDateOf } from '@zhas/kz';
import { type Api } from '@zhas/service-kit';
import { z } from 'zod';
import { type Config } from '../../config';
import { type Reporting } from '../../shared/context';
import { sendTable } from '../indicators/export';
import { iatiActivities, type Publisher, threeSixtyGiving } from './domain';
import { loadOpenData } from './store';

/*
 * Open data, without sign-in: the programme as an IATI 2.03 activity, its grants as a 360Giving package and as a
 * flat table. Both files are tested against the standards' published schemas (services/reporting/standards).
 */

/** Who publishes the files, from the configuration. */
function publisherOf(config: Config): Publisher {
  return {
    orgRef: config.OPEN_DATA_ORG_REF,
    orgName: {
      kk: 'Қазақстан Республикасы Білім және ғылым министрлігі',
      ru: 'Министерство образования и науки Республики Казахстан',
      en: 'Ministry of Education and Science of the Republic of Kazakhstan',
    },
    orgType: '10',
    activityId: `${config.OPEN_DATA_ORG_REF}-P127966`,
    grantPrefix: config.OPEN_DATA_GRANT_PREFIX,
    website: config.OPEN_DATA_WEBSITE,
    licence: config.OPEN_DATA_LICENCE,
  };
}

export function declareRoutes(api: Api, reporting: Reporting): void {
  const { config, now } = reporting.deps;
  const publisher = publisherOf(config);
  const deps = {
    generations: reporting.generations,
    figures: reporting.figures,
    definitions: reporting.definitions,
    rule: reporting.publicRule,
    now,
    ...(config.OPEN_DATA_ENDED_ON ? { endedOn: config.OPEN_DATA_ENDED_ON } : {}),
  };
  const generatedAt = () =>
    new Date(Math.floor(deps.now().getTime() / 1000) * 1000).toISOString().replace('.000Z', 'Z');

  api.route({
    method: 'get',
    path: '/open-data/iati-activities.xml',
    summary: 'The programme as an IATI activity (standard 2.03): transactions and results',
    description:
      'One activity: grants committed and tranches paid per project, stipends added up by region and month, and the ' +
      'public results-framework indicators with baseline, yearly targets (with their sources) and protected actuals.',
    tags: ['open data'],
    auth: 'public',
    responses: { 200: { description: 'IATI activity XML' } },
    handler: async ({ res }) => {
      const [source, set, definitions] = await Promise.all([
        loadOpenData(deps.generations),
        deps.figures.current(),
        deps.definitions.list(),
      ]);
      const startedOn = source.firstRoundAt ? kazakhstanDateOf(new Date(source.firstRoundAt)) : '2017-01-01';
      const lastYear = Number((deps.endedOn ?? kazakhstanDateOf(deps.now())).slice(0, 4));
      const firstYear = Number(startedOn.slice(0, 4));
      const years = Array.from(
        { length: Math.max(0, lastYear - firstYear + 1) },
        (_, index) => firstYear + index,
      );
      const xml = iatiActivities({
        publisher,
        generatedAt: generatedAt(),
        startedOn,
        ...(deps.endedOn ? { endedOn: deps.endedOn } : {}),
        grants: source.grants,
        rounds: source.rounds,
        definitions,
        tally: set.tally,
        rule: deps.rule,
        years,
      });
      res.setHeader('Content-Disposition', 'inline; filename="zhas-iati-activities.xml"');
      res.status(200).type('application/xml; charset=utf-8').send(xml);
      return { status: 200 };
    },
  });

  api.route({
    method: 'get',
    path: '/open-data/360giving.json',
    summary: 'The grants as a 360Giving data package (standard 1.4): one grant per awarded project',
    tags: ['open data'],
    auth: 'public',
    responses: { 200: { description: '360Giving JSON' } },
    handler: async ({ res }) => {
      const source = await loadOpenData(deps.generations);
      const body = threeSixtyGiving(source.grants, source.rounds, publisher, generatedAt());
      res.setHeader('Content-Disposition', 'inline; filename="zhas-360giving.json"');
      res
        .status(200)
        .type('application/json; charset=utf-8')
        .send(JSON.stringify(body, null, 2));
      return { status: 200 };
    },
  });

  api.route({
    method: 'get',
    path: '/open-data/grants',
    summary: 'The grants as a table (CSV or XLSX)',
    tags: ['open data'],
    auth: 'public',
    query: z.object({ format: z.enum(['csv', 'xlsx']).default('csv') }),
    responses: { 200: { description: 'A CSV (UTF-8 with BOM) or XLSX file' } },
    handler: async ({ query, res }) => {
      const source = await loadOpenData(deps.generations);
      return sendTable(
        res,
        {
          columns: [
            'grant_id',
            'round',
            'region',
            'award_date',
            'amount_awarded_kzt',
            'amount_disbursed_kzt',
            'completed_on',
            'terminated_on',
          ],
          rows: source.grants.map((grant) => [
            `${publisher.grantPrefix}-${grant.projectId ?? grant.bidId}`,
            grant.roundId,
            grant.region,
            grant.on,
            grant.amountKzt,
            grant.disbursements.reduce((total, entry) => total + entry.amountKzt, 0),
            grant.completedOn ?? null,
            grant.terminatedOn ?? null,
          ]),
        },
        query.format,
        ['zhas-grants'],
      );
    },
  });
}
