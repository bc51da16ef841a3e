/**
 * Every colour the UI uses goes through one theme, so `--no-color` (and NO_COLOR) can drop them all
 * in one place: Ink and chalk honour the NO_COLOR variable for their own output, but a colour prop
 * we pass ourselves would still be applied when only the flag was given.
 */
import { createContext } from 'react';

export type ColorRole =
  'accent' | 'muted' | 'success' | 'warning' | 'error' | 'running' | 'code' | 'link' | 'heading' | 'border';

/** Calm, widely supported colours: the 16 base ANSI ones, readable on dark and light terminals. */
const PALETTE: Record<ColorRole, string> = {
  accent: 'cyan',
  muted: 'gray',
  success: 'green',
  warning: 'yellow',
  error: 'red',
  running: 'yellow',
  code: 'yellow',
  link: 'blue',
  heading: 'cyan',
  border: 'gray',
};

export interface Theme {
  noColor: boolean;
  /** The colour for a role, or undefined when colours are off (Ink then leaves the text plain). */
  color(role: ColorRole): string | undefined;
}

export function createTheme(noColor: boolean): Theme {
  return {
    noColor,
    color: (role) => (noColor ? undefined : PALETTE[role]),
  };
}

export const ThemeContext = createContext<Theme>(createTheme(false));
