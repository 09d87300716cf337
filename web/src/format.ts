// The one formatting module, shared with the API and the assistant (shared/domain/format.ts).
export {
  createFormat,
  type Format,
  type FormatContext,
  formatUnit,
  inCurrency,
} from '../../shared/domain/format';
