import type { AttributionModel } from '../../../shared/domain/entities/brand';
import {
  comparisonFromSearch,
  modelFromSearch,
  type PickedComparison,
  type PickedRange,
  pickedFromSearch,
  viewSearch,
} from '../period';
import { navigate, useLocation } from '../router';

/**
 * The page's period, comparison and attribution model, read from and written to the URL (web/src/period.ts),
 * so a reload, a shared link or a drilldown shows the same view.
 */
export function usePeriod() {
  const location = useLocation();
  const picked = pickedFromSearch(location.search);
  const model = modelFromSearch(location.search);
  const compare = comparisonFromSearch(location.search);
  const go = (next: PickedRange, nextModel: AttributionModel | null, nextCompare: PickedComparison) =>
    navigate(`${location.pathname}${viewSearch(next, nextModel, nextCompare)}`, { replace: true });
  return {
    picked,
    /** The model picked for this view; null is the brand's own. */
    model,
    /** What the period is compared with; the previous period by default. */
    compare,
    /** `?days=7`, `?from=…&to=…`, `&compare=…`, `&model=…`: append it to a link to carry the view along. */
    search: viewSearch(picked, model, compare),
    setPicked: (next: PickedRange) => go(next, model, compare),
    setModel: (next: AttributionModel | null) => go(picked, next, compare),
    setCompare: (next: PickedComparison) => go(picked, model, next),
  };
}
