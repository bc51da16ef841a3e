import type { LiveUpdate } from '../../../engine/types.js';

export interface LiveViewProps {
  update: LiveUpdate;
  /** Columns available. */
  width: number;
}
