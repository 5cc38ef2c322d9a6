import '@mantine/core/styles.css';
import './styles.css';
import { createTheme, type CSSVariablesResolver, MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { rememberedLanguage, setUpI18n } from './i18n';
import { router } from './routes';

const theme = createTheme({
  primaryColor: 'teal',
  // Teal 9 with white text passes WCAG AA contrast (4.5:1) even on small buttons.
  primaryShade: 9,
  fontFamily: '"Noto Sans", "DejaVu Sans", system-ui, sans-serif',
});

/*
 * A filled button under the pointer: Mantine's hover shade of a colour at shade 9 is the lighter shade 8, and white
 * text on teal 8 is 3.9:1 (below AA). A darker teal instead: 7.0:1. Other colours keep their own hover shade.
 */
const cssVariables: CSSVariablesResolver = () => ({
  variables: {},
  light: { '--mantine-color-teal-filled-hover': '#06664a' },
  dark: { '--mantine-color-teal-filled-hover': '#06664a' },
});

const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } },
});

void setUpI18n(rememberedLanguage()).then(() => {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <MantineProvider theme={theme} cssVariablesResolver={cssVariables}>
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </MantineProvider>
    </StrictMode>,
  );
});
