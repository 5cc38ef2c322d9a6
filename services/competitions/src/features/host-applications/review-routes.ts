import { actHandler, type Api, changeHandler } from '@zhas/service-kit';
import { type CompetitionsContext } from '../../shared/context';
import * as commands from './commands';
import {
  applicationAnswer,
  applicationParams,
  eligibilityReviewBody,
  type hostApplicationViewSchema,
  scoreDraftBody,
  scoresBody,
} from './views';

const COMMITTEE = { roles: ['committee'] } as const;
const tags = ['host-applications'];

/** The committee's scores and conflicts, and the coordinator's review of the eligibility rules' decision. */
export function declareReviewRoutes(
  api: Api,
  app: CompetitionsContext,
  application: typeof hostApplicationViewSchema,
): void {
  api.route({
    method: 'put',
    path: '/host-applications/{hostApplicationId}/scores/me',
    summary: 'Score an application (committee member)',
    description:
      "The calling member's score of every criterion of the round's host-organization rubric (0-100); a new score " +
      'replaces theirs. Barred after declaring a conflict of interest (403). Publishes `scored` with the ' +
      "committee's current total.",
    tags,
    auth: COMMITTEE,
    params: applicationParams,
    body: scoresBody,
    responses: { 200: { description: 'The application with the committee result', schema: application } },
    handler: changeHandler(app, 'hostApplicationId', commands.score, applicationAnswer),
  });

  api.route({
    method: 'put',
    path: '/host-applications/{hostApplicationId}/scores/me/draft',
    summary: 'Save a draft of my scores (committee member)',
    description:
      'Scores (or none yet) and comments per criterion, kept for the calling member only; nothing is counted or ' +
      'published until they submit with PUT .../scores/me.',
    tags,
    auth: COMMITTEE,
    params: applicationParams,
    body: scoreDraftBody,
    responses: { 200: { description: 'The application', schema: application } },
    handler: changeHandler(app, 'hostApplicationId', commands.saveScoreDraft, applicationAnswer),
  });

  api.route({
    method: 'post',
    path: '/host-applications/{hostApplicationId}/eligibility-review',
    summary: 'Review the eligibility decided at submission (coordinator)',
    description:
      'A coordinator of the region confirms or changes the decision the rules made, with the reasons and a note ' +
      'saying why (documents checked, a certificate missing). Publishes `eligibility-decided` marked `reviewed`.',
    tags,
    auth: { roles: ['coordinator'] },
    params: applicationParams,
    body: eligibilityReviewBody,
    responses: { 200: { description: 'The application', schema: application } },
    handler: changeHandler(app, 'hostApplicationId', commands.reviewEligibility, applicationAnswer),
  });

  api.route({
    method: 'post',
    path: '/host-applications/{hostApplicationId}/conflicts',
    summary: 'Declare a conflict of interest (committee member)',
    description:
      'The calling member abstains: a score they gave is dropped and they may not score this application. ' +
      'Declaring again changes nothing.',
    tags,
    auth: COMMITTEE,
    params: applicationParams,
    responses: { 200: { description: 'The application', schema: application } },
    handler: actHandler(app, 'hostApplicationId', commands.declareConflict, applicationAnswer),
  });
}
