import type { ProfileView } from '../../lib/page.ts';
import Section from './Section.astro';

/** Foreign alerts on a profile: a section of their own and a row in the facts table, never a finding of the verdict. */
export const crossBorderAlertProfile: ProfileView = {
  rank: 9,
  Section,
  fields: ({ facts: f }, T) => [[T('境外通报', 'Alerts abroad'), f.crossBorderAlerts ? String(f.crossBorderAlerts) : null]],
};
