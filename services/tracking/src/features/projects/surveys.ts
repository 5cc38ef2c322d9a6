import { type SurveyWave, surveyRecordedV1 } from '@zhas/contracts';
import { type Decision, change, notFound, refuse } from '@zhas/domain';
import { type TrackingError } from '../../shared/errors';
import { surveyIdOf } from '../../shared/ids';
import { type ProjectState } from './domain';

// Life-skills surveys of each member: baseline and endline during the project, follow-up after it.

export type SurveyState = {
  surveyId: string;
  projectId: string;
  roundId: string;
  region: string;
  participantId: string;
  wave: SurveyWave;
  instrument: string;
  lifeSkillsScore: number;
  recordedAt: string;
};

export function recordSurvey(
  project: ProjectState,
  input: { participantId: string; wave: SurveyWave; instrument: string; lifeSkillsScore: number },
  now: Date,
): Decision<SurveyState, TrackingError> {
  if (!project.memberParticipantIds.includes(input.participantId))
    return notFound('Member', input.participantId);
  const ended = project.status === 'completed' || project.status === 'terminated';
  if (input.wave === 'follow-up' ? !ended : ended)
    return refuse(
      'survey-wave',
      input.wave === 'follow-up'
        ? 'The follow-up survey is taken after the project has ended.'
        : `The ${input.wave} survey is taken while the project runs.`,
      { projectStatus: project.status },
    );
  if (
    input.wave !== 'follow-up' &&
    !project.members.some((m) => m.participantId === input.participantId && m.active)
  )
    return refuse('member-exited', 'This member has left the project.');
  const recordedAt = now.toISOString();
  const state: SurveyState = {
    surveyId: surveyIdOf(project.bidId, input.participantId, input.wave),
    projectId: project.projectId,
    roundId: project.roundId,
    region: project.region,
    ...input,
    recordedAt,
  };
  return change(state, [{ definition: surveyRecordedV1, data: state }]);
}
