import type { ReactNode } from 'react';
import { Badge, MantineProvider, createTheme, type CSSVariablesResolver } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { I18nextProvider } from 'react-i18next';
import i18n from '../lib/i18n';
import { ApiError } from '../lib/api';
import { AuthProvider } from './auth';

const theme = createTheme({
  primaryColor: 'blue',
  // Darker shades than Mantine's defaults so text meets WCAG AA contrast (4.5:1).
  primaryShade: { light: 8, dark: 8 },
  // Visible focus everywhere, not only for keyboard users of some components.
  focusRing: 'always',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif',
  // Badges keep the case they are written in: target codes read as the decision writes them (T2a, not T2A) and
  // Vietnamese words keep their diacritics legible.
  components: { Badge: Badge.extend({ defaultProps: { tt: 'none' } }) },
});

const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  // Field errors in red 9: readable (4.5:1) on white and on the light grey of cards.
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-placeholder': 'var(--mantine-color-gray-7)',
    '--mantine-color-error': 'var(--mantine-color-red-9)',
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
