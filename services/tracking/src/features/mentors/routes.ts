import { type Api } from '@zhas/service-kit';
import { type Tracking } from '../../shared/context';
import { declareAssignmentRoutes } from './assignment-routes';
import { declareRegistryRoutes } from './registry-routes';
import { mentorView } from './views';

/** The mentors' routes: the registry of mentors, then who accompanies which project. */
export function declareRoutes(api: Api, tracking: Tracking): void {
  const mentor = api.schema('Mentor', mentorView);
  declareRegistryRoutes(api, tracking, mentor);
  declareAssignmentRoutes(api, tracking, mentor);
}
