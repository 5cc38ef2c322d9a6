import { describe, expect, it } from 'vitest';
import { activeJourney, JOURNEYS } from './navigation';

describe('the menu entry of a page', () => {
  it('is the journey with the longest matching path', () => {
    expect(activeJourney('/', JOURNEYS)?.path).toBe('/');
    expect(activeJourney('/applicant', JOURNEYS)?.path).toBe('/applicant');
    expect(activeJourney('/applicant/register', JOURNEYS)?.path).toBe('/applicant');
    expect(activeJourney('/applicant/rounds', JOURNEYS)?.path).toBe('/applicant/rounds');
    expect(activeJourney('/applicant/bid', JOURNEYS)?.path).toBe('/applicant/bid');
    expect(activeJourney('/applicant/join/K7QXM-2PA9F', JOURNEYS)?.path).toBe('/applicant');
    expect(activeJourney('/applicants', JOURNEYS)).toBeUndefined();
  });
});
