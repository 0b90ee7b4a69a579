import type { ReactNode } from 'react';
import {
  Badge,
  MantineProvider,
  Pagination,
  TableScrollContainer,
  createTheme,
  defaultVariantColorsResolver,
  parseThemeColor,
  type CSSVariablesResolver,
  type VariantColorsResolver,
} from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { I18nextProvider } from 'react-i18next';
import i18n from '../lib/i18n';
import { ApiError } from '../lib/api';
import { AuthProvider } from './auth';

/** A light badge or alert named with a shade ("red.9") keeps the light background of its colour and dark text: Mantine
 *  would paint the shade itself behind text of nearly the same colour. */
const variantColorResolver: VariantColorsResolver = (input) => {
  const colours = defaultVariantColorsResolver(input);
  const parsed = parseThemeColor({ color: input.color ?? input.theme.primaryColor, theme: input.theme });
  // A filled button or badge of a bright colour (green, orange, teal…) is painted dark enough for its white text
  // (WCAG AA 4.5:1): Mantine's shades 8 and 9 of these read under it.
  if (input.variant === 'filled' || input.variant === undefined) {
    const dark = parsed.isThemeColor ? FILLED_DARK[parsed.color] : undefined;
    if (!dark) return colours;
    return { ...colours, background: dark, hover: `color-mix(in srgb, ${dark} 85%, black)`, color: 'var(--mantine-color-white)' };
  }
  if (input.variant !== 'light') return colours;
  if (!parsed.isThemeColor || parsed.shade === undefined) return colours;
  return {
    ...colours,
    background: `var(--mantine-color-${parsed.color}-light)`,
    hover: `var(--mantine-color-${parsed.color}-light-hover)`,
    color: `var(--mantine-color-${parsed.color}-light-color)`,
  };
};

const theme = createTheme({
  variantColorResolver,
  primaryColor: 'blue',
  // Darker shades than Mantine's defaults so text meets WCAG AA contrast (4.5:1).
  primaryShade: { light: 8, dark: 8 },
  // Visible focus everywhere, not only for keyboard users of some components.
  focusRing: 'always',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif',
  components: {
    // Badges keep the case they are written in: target codes read as the decision writes them (T2a, not T2A) and
    // Vietnamese words keep their diacritics legible.
    Badge: Badge.extend({ defaultProps: { tt: 'none' } }),
    // Page controls named in the reader's language (an arrow alone is no name for a screen reader).
    Pagination: Pagination.extend({
      defaultProps: {
        getControlProps: (control: 'first' | 'previous' | 'last' | 'next') => ({ 'aria-label': i18n.t(`common.pagination.${control}`) }),
        getItemProps: (page: number) => ({ 'aria-label': i18n.t('common.pagination.page', { page }) }),
      },
    }),
    // Tables scroll natively inside their box (touch scrolling on a phone; the box takes the keyboard focus: ScrollTable).
    TableScrollContainer: TableScrollContainer.extend({ defaultProps: { type: 'native' } }),
  },
});

/** Text of light badges and alerts (light background): darker than Mantine's shade 9 where that reads under 4.5:1. */
const LIGHT_TEXT: Record<string, string> = {
  yellow: '#a15300',
  orange: '#b13b0c',
  green: '#247334',
  lime: '#47730a',
  teal: '#077251',
  cyan: '#0a6d7f',
  blue: '#1762a7',
  red: '#bc2727',
};

/** Backgrounds of filled buttons and badges whose Mantine shades 8 and 9 are too light under white text. */
const FILLED_DARK: Record<string, string> = Object.fromEntries(
  ['yellow', 'orange', 'green', 'lime', 'teal', 'cyan'].map((c) => [c, LIGHT_TEXT[c]!]),
);

const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  // Field errors in red 9: readable (4.5:1) on white and on the light grey of cards.
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-placeholder': 'var(--mantine-color-gray-7)',
    '--mantine-color-error': 'var(--mantine-color-red-9)',
    ...Object.fromEntries(Object.entries(LIGHT_TEXT).map(([c, v]) => [`--mantine-color-${c}-light-color`, v])),
  },
  dark: {},
});

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      retry: (count, err) => !(err instanceof ApiError && err.status >= 400 && err.status < 500) && count < 2,
    },
  },
});

export function Providers({ children }: { children: ReactNode }) {
  return (
    <I18nextProvider i18n={i18n}>
      <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver}>
        <QueryClientProvider client={queryClient}>
          <AuthProvider>{children}</AuthProvider>
        </QueryClientProvider>
      </MantineProvider>
    </I18nextProvider>
  );
}
