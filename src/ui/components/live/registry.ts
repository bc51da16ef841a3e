/** Live view names, as actions send them in LiveUpdate.view, to the components that draw them. */
import type { FunctionComponent } from 'react';

import type { LiveState } from '../../live-state.js';
import { GenericLiveView, genericRows } from './GenericLiveView.js';
import { IngestionLiveView, ingestionRows } from './IngestionLiveView.js';
import { LandingLiveView, landingRows } from './LandingLiveView.js';
import { SendLiveView, sendRows } from './SendLiveView.js';
import { StackLiveView, stackRows } from './StackLiveView.js';
import type { LiveViewProps } from './types.js';

export interface LiveViewDefinition {
  Component: FunctionComponent<LiveViewProps>;
  /** Rows the view takes for this state, so the layout can keep the screen from overflowing. */
  rows(state: LiveState): number;
}

const VIEWS: Record<string, LiveViewDefinition> = {
  stack: { Component: StackLiveView, rows: stackRows },
  send: { Component: SendLiveView, rows: sendRows },
  landing: { Component: LandingLiveView, rows: landingRows },
  ingestion: { Component: IngestionLiveView, rows: ingestionRows },
};

const GENERIC: LiveViewDefinition = { Component: GenericLiveView, rows: genericRows };

/** Unknown names get the generic view: a new action can report progress before it has a view. */
export function liveViewFor(view: string): LiveViewDefinition {
  return Object.hasOwn(VIEWS, view) ? VIEWS[view]! : GENERIC;
}
