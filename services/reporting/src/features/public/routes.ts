import { type Api, shown } from '@zhas/service-kit';
import { exportHandler } from '../indicators/export';
import { exportFormat } from '../indicators/views';
import { type Reporting } from '../../shared/context';
import { groupsFile, headlineFile, publicTables } from './commands';
import {
  breakdownQuery,
  groupsResponse,
  headlineQuery,
  headlineResponse,
  indicatorsResponse,
  mapQuery,
} from './views';

const PUBLIC = 'public' as const;

/** The public side (see commands.ts): no sign-in, aggregates only, every number protected. */
export function declareRoutes(api: Api, { figures, definitions, publicRule: rule, deps }: Reporting): void {
  const tables = publicTables({ figures, definitions, rule, now: deps.now });

  api.route({
    method: 'get',
    path: '/public/indicators',
    summary: 'The published indicators: names, definitions, targets and their sources',
    tags: ['public'],
    auth: PUBLIC,
    responses: {
      200: { description: 'The public part of the results framework', schema: indicatorsResponse },
    },
    handler: async () => shown(await tables.indicators()),
  });

  api.route({
    method: 'get',
    path: '/public/headline',
    summary: "The programme's headline results, nationally",
    tags: ['public'],
    auth: PUBLIC,
    query: headlineQuery,
    responses: {
      200: {
        description: 'One protected value per public indicator, with the target of the year',
        schema: headlineResponse,
      },
    },
    handler: async ({ query }) => shown(await tables.headline(query.period)),
  });

  api.route({
    method: 'get',
    path: '/public/map',
    summary: 'One public indicator by region',
    description:
      "Regions as recorded, or on the 'comparable' basis (regions split since 2018 and 2022 counted with the " +
      'region they came from). Regions without facts are left out.',
    tags: ['public'],
    auth: PUBLIC,
    query: mapQuery,
    responses: { 200: { description: 'The protected values by region', schema: groupsResponse } },
    handler: async ({ query }) => shown(await tables.map(query)),
  });

  api.route({
    method: 'get',
    path: '/public/breakdown',
    summary: 'One public indicator split by one attribute, nationally or in one region',
    tags: ['public'],
    auth: PUBLIC,
    query: breakdownQuery,
    responses: { 200: { description: 'The protected values by group', schema: groupsResponse } },
    handler: async ({ query }) => shown(await tables.breakdown(query)),
  });

  // The same tables as files.
  const fileResponses = { 200: { description: 'A CSV (UTF-8 with BOM) or XLSX file' } } as const;

  api.route({
    method: 'get',
    path: '/public/exports/headline',
    summary: 'The headline results as CSV or XLSX',
    tags: ['public', 'exports'],
    auth: PUBLIC,
    query: headlineQuery.extend(exportFormat),
    responses: fileResponses,
    handler: exportHandler(
      (_public, query) => tables.headline(query.period),
      headlineFile,
      (_table, query) => ['zhas-headline', String(query.period)],
    ),
  });

  api.route({
    method: 'get',
    path: '/public/exports/map',
    summary: 'One public indicator by region as CSV or XLSX',
    tags: ['public', 'exports'],
    auth: PUBLIC,
    query: mapQuery.extend(exportFormat),
    responses: fileResponses,
    handler: exportHandler(
      (_public, query) => tables.map(query),
      groupsFile,
      (_table, query) => ['zhas-map', query.code, String(query.period)],
    ),
  });

  api.route({
    method: 'get',
    path: '/public/exports/breakdown',
    summary: 'One public indicator by one attribute as CSV or XLSX',
    tags: ['public', 'exports'],
    auth: PUBLIC,
    query: breakdownQuery.extend(exportFormat),
    responses: fileResponses,
    handler: exportHandler(
      (_public, query) => tables.breakdown(query),
      groupsFile,
      (_table, query) => ['zhas-breakdown', query.code, query.dimension, String(query.period)],
    ),
  });
}
