import { actions } from '../actions/index.js';
import { checks } from '../checks/index.js';
import { loadWorkshop, type LoadedWorkshop } from './manifest.js';

/** The shipped workshop with the shipped registries. */
export function loadShippedWorkshop(): LoadedWorkshop {
  return loadWorkshop({ actions, checks });
}

export { actions, checks };
