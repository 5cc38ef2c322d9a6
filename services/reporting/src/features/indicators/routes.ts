import { type Api, shown } from '@zhas/service-kit';
import { READERS } from '../framework/routes';
import { type Reporting } from '../../shared/context';
import { frameworkFile, indicatorTables, seriesFile, valuesFile } from './commands';
import { exportHandler } from './export';
import {
  exportFormat,
  frameworkQuery,
  frameworkResponse,
  funnelQuery,
  funnelResponse,
  seriesQuery,
  seriesResponse,
  valuesQuery,
  valuesResponse,
} from './views';

/*
 * The reading side's routes (see commands.ts): viewers, coordinators and admins read; the same tables as CSV and
 * XLSX.
 */

export function declareRoutes(api: Api, { definitions, figures }: Reporting): void {
  const tables = indicatorTables({ definitions, figures });

  api.route({
    method: 'get',
    path: '/indicator-values',
    summary: 'Indicator values, filtered and disaggregated',
    description:
      'Flows count what happened within the period, stocks (projects active) the state at its end. Participant ' +
      "attributes not known yet (their registration not received) are grouped under 'unknown'.",
    tags: ['indicators'],
    auth: READERS,
    query: valuesQuery,
    responses: { 200: { description: 'The values', schema: valuesResponse } },
    handler: async ({ query, principal }) => shown(await tables.values(principal, query)),
  });

  api.route({
    method: 'get',
    path: '/results-framework',
    summary: 'The results-framework table of a semester',
    description:
      "Baseline, the target of the semester's year, the actual value since the beginning of the programme up to the " +
      "end of the semester, the semester's own value, and the actual value as a share of the target.",
    tags: ['indicators'],
    auth: READERS,
    query: frameworkQuery,
    responses: { 200: { description: 'The table', schema: frameworkResponse } },
    handler: async ({ query, principal }) => shown(await tables.framework(principal, query)),
  });

  api.route({
    method: 'get',
    path: '/time-series',
    summary: "An indicator's time series by month, quarter, semester or year",
    tags: ['indicators'],
    auth: READERS,
    query: seriesQuery,
    responses: { 200: { description: 'The series', schema: seriesResponse } },
    handler: async ({ query, principal }) => shown(await tables.series(principal, query)),
  });

  api.route({
    method: 'get',
    path: '/funnel',
    summary:
      'The selection funnel in people: registered, in a team, submitted, passed the check, qualified, awarded, completed',
    description:
      'Each stage counts the people who reached it within the period (by the date they reached it), in the round ' +
      'and region of their bid (of their registration for the first stage).',
    tags: ['indicators'],
    auth: READERS,
    query: funnelQuery,
    responses: {
      200: {
        description: 'The stages in order',
        schema: funnelResponse,
      },
    },
    handler: async ({ query, principal }) => shown(await tables.funnel(principal, query)),
  });

  // Exports: the same tables, as files.
  const fileResponses = { 200: { description: 'A CSV (UTF-8 with BOM) or XLSX file' } } as const;

  api.route({
    method: 'get',
    path: '/exports/indicator-values',
    summary: 'Indicator values as CSV or XLSX',
    tags: ['exports'],
    auth: READERS,
    query: valuesQuery.extend(exportFormat),
    responses: fileResponses,
    handler: exportHandler(tables.values, valuesFile, (table) => [
      'indicator-values',
      table.from ?? undefined,
      table.to ?? undefined,
    ]),
  });

  api.route({
    method: 'get',
    path: '/exports/results-framework',
    summary: 'The results-framework table of a semester as CSV or XLSX',
    tags: ['exports'],
    auth: READERS,
    query: frameworkQuery.extend(exportFormat),
    responses: fileResponses,
    handler: exportHandler(tables.framework, frameworkFile, (_table, query) => [
      'results-framework',
      query.semester,
    ]),
  });

  api.route({
    method: 'get',
    path: '/exports/time-series',
    summary: "An indicator's time series as CSV or XLSX",
    tags: ['exports'],
    auth: READERS,
    query: seriesQuery.extend(exportFormat),
    responses: fileResponses,
    handler: exportHandler(tables.series, seriesFile, (table, query) => [
      'time-series',
      table.code,
      query.granularity,
      query.from,
      query.to,
    ]),
  });
}
