import type { AttributionModel } from '../../../shared/domain/entities/brand';
import { modelFromSearch, type PickedRange, pickedFromSearch, viewSearch } from '../period';
import { navigate, useLocation } from '../router';

/**
 * The page's period and attribution model, read from and written to the URL (web/src/period.ts),
 * so a reload, a shared link or a drilldown shows the same view.
 */
export function usePeriod() {
  const location = useLocation();
  const picked = pickedFromSearch(location.search);
  const model = modelFromSearch(location.search);
  const go = (next: PickedRange, nextModel: AttributionModel | null) =>
    navigate(`${location.pathname}${viewSearch(next, nextModel)}`, { replace: true });
  return {
    picked,
    /** The model picked for this view; null is the brand's own. */
    model,
    /** `?days=7`, `?from=…&to=…`, `&model=…`: append it to a link to carry the view along. */
    search: viewSearch(picked, model),
    setPicked: (next: PickedRange) => go(next, model),
    setModel: (next: AttributionModel | null) => go(picked, next),
  };
}
