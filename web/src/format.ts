// The one formatting module, shared with the API and the assistant (shared/domain/format.ts).
export { createFormat, type Format, type FormatContext } from '../../shared/domain/format';
