import { type PickedRange, periodSearch, pickedFromSearch } from '../period';
import { navigate, useLocation } from '../router';

/** The page's period, read from and written to the URL (web/src/period.ts). */
export function usePeriod() {
  const location = useLocation();
  const picked = pickedFromSearch(location.search);
  return {
    picked,
    /** `?days=7` or `?from=…&to=…`: append it to a link to carry the period along. */
    search: periodSearch(picked),
    setPicked: (next: PickedRange) =>
      navigate(`${location.pathname}${periodSearch(next)}`, { replace: true }),
  };
}
