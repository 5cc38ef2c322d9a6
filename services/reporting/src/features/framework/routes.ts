import { disaggregationDimensions, indicatorUnits } from '@zhas/contracts';
import {
  type Api,
  shown,
  itemsOf,
  type Principal,
  problems,
  requireNational,
  requireRole,
} from '@zhas/service-kit';
import { z } from 'zod';
import { applyEdit, type Description, type StoredDefinition, type Targets, targetProblems } from './domain';
import { type Reporting } from '../../shared/context';
import { found } from '../../shared/responses';

/*
 * The results framework's routes: read by viewers, coordinators and admins; edited by admins only (the framework
 * is agreed with the donor, not changed in the course of a round). Every edit answers with the indicator as it
 * became and leaves the values it replaced in GET /indicators/{code}/history.
 */

export const READERS = { roles: ['viewer', 'coordinator'] as ['viewer', 'coordinator'] };

export const localizedText = z.object({
  kk: z.string().min(1).max(2000),
  ru: z.string().min(1).max(2000),
  en: z.string().min(1).max(2000),
});
export const sourceSchema = z.object({
  title: z.string().min(1).max(500),
  url: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .optional(),
  note: z.string().max(2000).optional(),
});
export const yearTargetSchema = z.object({
  year: z.int().min(2000).max(2100),
  value: z.number().finite(),
  source: sourceSchema.optional(),
});
const level = z.enum(['pdo', 'intermediate']);

export const definitionSchema = z.object({
  code: z.string(),
  name: localizedText,
  definition: localizedText,
  level,
  unit: z.enum(indicatorUnits),
  aggregation: z.enum(['sum', 'percent', 'mean']),
  timing: z.enum(['flow', 'stock']),
  disaggregations: z.array(z.enum(disaggregationDimensions)),
  baseline: z.number(),
  baselineYear: z.int(),
  baselineSource: sourceSchema.optional(),
  targets: z.array(yearTargetSchema),
  version: z.int(),
});

const editedFields = z.object({
  name: localizedText.optional(),
  definition: localizedText.optional(),
  level: level.optional(),
  baseline: z.number().optional(),
  baselineYear: z.int().optional(),
  baselineSource: sourceSchema.optional(),
  targets: z.array(yearTargetSchema).optional(),
});
const historySchema = z.object({
  version: z.int(),
  changedAt: z.string(),
  changedBy: z.string(),
  reason: z.string().optional(),
  before: editedFields,
  after: editedFields,
});

const codeParams = z.object({ code: z.string().min(1).max(32) });
const reason = z
  .string()
  .min(1)
  .max(1000)
  .optional()
  .meta({ description: 'Why the change was made (kept in the history), e.g. the restructuring it follows.' });

/** An edit's body: the version the admin edited, the fields they change, and why. */
const editBody = <F extends z.ZodRawShape>(fields: F) =>
  z.object({ version: z.int().min(1), ...fields, reason });

export function declareRoutes(api: Api, { definitions, deps }: Reporting): void {
  const { now } = deps;
  const definitionComponent = api.schema('IndicatorDefinition', definitionSchema);
  const historyComponent = api.schema('IndicatorHistoryEntry', historySchema);

  async function edit(
    principal: Principal,
    code: string,
    {
      version,
      reason: why,
      ...change
    }: Partial<Description & Targets> & { version: number; reason?: string },
  ): Promise<StoredDefinition> {
    requireRole(principal, 'admin');
    // The framework's baselines and targets are national numbers.
    requireNational(principal);
    const current = await definitions.get(code);
    if (!current) throw problems.notFound('Indicator', code);
    if (current.version !== version) throw problems.staleVersion(version, current.version);
    const edited = applyEdit(current, change, {
      subject: principal.subject,
      at: now(),
      ...(why ? { reason: why } : {}),
    });
    if (!edited) return current;
    if (!(await definitions.saveEdit(code, version, edited.next, edited.entry))) {
      const latest = await definitions.get(code);
      throw problems.staleVersion(version, latest?.version ?? current.version);
    }
    return edited.next;
  }

  api.route({
    method: 'get',
    path: '/indicators',
    summary: 'The indicator definitions of the results framework',
    tags: ['results framework'],
    auth: READERS,
    responses: {
      200: { description: 'Every indicator', schema: z.object({ items: z.array(definitionComponent) }) },
    },
    handler: async (_context) => itemsOf(await definitions.list()),
  });

  api.route({
    method: 'get',
    path: '/indicators/{code}',
    summary: 'One indicator definition',
    tags: ['results framework'],
    auth: READERS,
    params: codeParams,
    responses: { 200: { description: 'The indicator', schema: definitionComponent } },
    handler: async ({ params }) => found(await definitions.get(params.code), 'Indicator', params.code),
  });

  api.route({
    method: 'get',
    path: '/indicators/{code}/history',
    summary: "An indicator's edits, newest first, with the values each one replaced",
    tags: ['results framework'],
    auth: READERS,
    params: codeParams,
    responses: {
      200: { description: 'The history', schema: z.object({ items: z.array(historyComponent) }) },
    },
    handler: async ({ params }) => {
      const history = await definitions.history(params.code);
      if (!history) throw problems.notFound('Indicator', params.code);
      return itemsOf(history);
    },
  });

  api.route({
    method: 'put',
    path: '/indicators/{code}/targets',
    summary: "Replace an indicator's baseline and yearly targets, each with its source",
    description:
      'Admins only. Send the version you edited; a stale one gets 409. The values replaced stay in the history.',
    tags: ['results framework'],
    auth: { roles: ['admin'] },
    params: codeParams,
    body: editBody({
      baseline: z.number().finite(),
      baselineYear: z.int().min(2000).max(2100),
      baselineSource: sourceSchema.optional(),
      targets: z.array(yearTargetSchema).max(50),
    }),
    responses: { 200: { description: 'The indicator as changed', schema: definitionComponent } },
    handler: async ({ params, body, principal }) => {
      const errors = targetProblems(body);
      if (errors.length > 0) throw problems.validation(errors);
      return shown(await edit(principal, params.code, body));
    },
  });

  api.route({
    method: 'patch',
    path: '/indicators/{code}',
    summary: "Change an indicator's names, definition or level",
    description:
      'Admins only. Send the version you edited; a stale one gets 409. The old texts stay in the history.',
    tags: ['results framework'],
    auth: { roles: ['admin'] },
    params: codeParams,
    body: editBody({
      name: localizedText.optional(),
      definition: localizedText.optional(),
      level: level.optional(),
    }),
    responses: { 200: { description: 'The indicator as changed', schema: definitionComponent } },
    handler: async ({ params, body, principal }) => shown(await edit(principal, params.code, body)),
  });
}
