import { useContext } from 'react';

import { ThemeContext, type Theme } from '../theme.js';

/** The theme of the surrounding app; components ask it for colours instead of naming them. */
export function useTheme(): Theme {
  return useContext(ThemeContext);
}
