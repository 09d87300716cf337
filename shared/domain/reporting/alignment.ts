/** The alignment classes are the attribution pass's (web/src/api/schemas.ts imports them from here). */
export { ALIGNMENTS, type Alignment } from '../inventory/alignment';
