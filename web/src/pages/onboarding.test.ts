import { describe, expect, it } from 'vitest';
import { dashboardNote } from './onboarding';

describe('what set-up step 3 says about the dashboard', () => {
  it('says nothing once a sync has run', () => {
    expect(dashboardNote(true, 0)).toBeNull();
  });

  it('tells an imported store its files are already on the dashboard, not that it waits for a sync', () => {
    expect(dashboardNote(false, 4)).toBe(
      'It already shows the files you imported; a sync keeps it up to date each day.',
    );
  });

  it('waits for the first sync when nothing was imported', () => {
    expect(dashboardNote(false, 0)).toBe('It fills in once a sync has finished.');
  });
});
