import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';

/*
 * The reporting service's figures, through the portal's proxy: the signed-in reader's (exact, limited to their
 * regions) and the public ones (protected). Query keys carry every parameter, so a changed filter is a new query.
 */

type Basis = 'recorded' | 'comparable';
const regionList = (region: string) => (region ? [region] : undefined);

export function useIndicators() {
  return useQuery({
    queryKey: ['reporting', 'indicators'],
    queryFn: () => unwrap(api.reporting.GET('/indicators')),
    staleTime: 60_000,
  });
}

export function useIndicatorHistory(code: string | null) {
  return useQuery({
    queryKey: ['reporting', 'history', code],
    enabled: code !== null,
    queryFn: () =>
      unwrap(api.reporting.GET('/indicators/{code}/history', { params: { path: { code: code ?? '' } } })),
  });
}

export function useFramework(semester: string, region: string) {
  return useQuery({
    queryKey: ['reporting', 'framework', semester, region],
    queryFn: () =>
      unwrap(
        api.reporting.GET('/results-framework', {
          params: { query: { semester, ...(region ? { region: [region] } : {}) } },
        }),
      ),
  });
}

export function useValues(options: {
  code: string;
  dimension: string;
  period: string;
  region: string;
  basis: Basis;
}) {
  return useQuery({
    queryKey: ['reporting', 'values', options],
    queryFn: () =>
      unwrap(
        api.reporting.GET('/indicator-values', {
          params: {
            query: {
              code: [options.code],
              disaggregateBy: [options.dimension as 'sex'],
              regionBasis: options.basis,
              ...(options.period === 'all' ? {} : { period: options.period }),
              ...(options.region ? { region: regionList(options.region) } : {}),
            },
          },
        }),
      ),
  });
}

export function useSeries(options: {
  code: string;
  granularity: string;
  from: string;
  to: string;
  region: string;
  cumulative: boolean;
}) {
  return useQuery({
    queryKey: ['reporting', 'series', options],
    queryFn: () =>
      unwrap(
        api.reporting.GET('/time-series', {
          params: {
            query: {
              code: options.code,
              granularity: options.granularity as 'month',
              from: options.from,
              to: options.to,
              cumulative: options.cumulative ? 'true' : 'false',
              ...(options.region ? { region: regionList(options.region) } : {}),
            } as never,
          },
        }),
      ),
  });
}

export function useFunnel(period: string, region: string) {
  return useQuery({
    queryKey: ['reporting', 'funnel', period, region],
    queryFn: () =>
      unwrap(
        api.reporting.GET('/funnel', {
          params: {
            query: {
              ...(period === 'all' ? {} : { period }),
              ...(region ? { region: regionList(region) } : {}),
            },
          },
        }),
      ),
  });
}

// --- public, protected figures ---

const publicPeriod = (period: string) => (period === 'all' ? 'all' : Number(period));

export function usePublicIndicators() {
  return useQuery({
    queryKey: ['reporting', 'public', 'indicators'],
    queryFn: () => unwrap(api.reporting.GET('/public/indicators')),
    staleTime: 60_000,
  });
}

export function usePublicHeadline(period: string) {
  return useQuery({
    queryKey: ['reporting', 'public', 'headline', period],
    queryFn: () =>
      unwrap(
        api.reporting.GET('/public/headline', {
          params: { query: { period: publicPeriod(period) } as never },
        }),
      ),
  });
}

export function usePublicMap(code: string, period: string, basis: Basis) {
  return useQuery({
    queryKey: ['reporting', 'public', 'map', code, period, basis],
    queryFn: () =>
      unwrap(
        api.reporting.GET('/public/map', {
          params: { query: { code, period: publicPeriod(period), regionBasis: basis } as never },
        }),
      ),
  });
}

export function usePublicBreakdown(code: string, period: string, dimension: string, region: string) {
  return useQuery({
    queryKey: ['reporting', 'public', 'breakdown', code, period, dimension, region],
    queryFn: () =>
      unwrap(
        api.reporting.GET('/public/breakdown', {
          params: {
            query: {
              code,
              period: publicPeriod(period),
              dimension: dimension as 'sex',
              ...(region ? { region } : {}),
            } as never,
          },
        }),
      ),
  });
}
