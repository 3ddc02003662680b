/** Entry point: i18n, antd theme and locale, React Query, the router. */

import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { lazy, StrictMode, Suspense, useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { useTranslation } from 'react-i18next';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { ApiError, onUnauthorized } from './api/client.js';
import { queryKeys } from './api/queries.js';
import { i18nReady } from './i18n.js';
import { LoginPage } from './pages/login/LoginPage.js';
import { APP_ROUTES, PublicDrawsPage, preloadPageFor } from './routes.js';

/** The signed-in frame is a chunk of its own: the login page does not carry the menu, live events and pages. */
const loadLayout = () => import('./layout/AppLayout.js');
const AppLayout = lazy(() => loadLayout().then((m) => ({ default: m.AppLayout })));

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      retry: (count, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2,
      refetchOnWindowFocus: true,
      staleTime: 5_000,
    },
  },
});

// A session that expired (idle timeout) sends the user back to the login page.
onUnauthorized(() => queryClient.setQueryData(queryKeys.me, null));

const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  // 一公开: the published draws, without sign-in and outside the signed-in frame (a chunk of its own).
  ...['/public/draws', '/public/draws/:id'].map((path) => ({
    path,
    element: (
      <Suspense fallback={null}>
        <PublicDrawsPage />
      </Suspense>
    ),
  })),
  {
    element: (
      <Suspense fallback={null}>
        <AppLayout />
      </Suspense>
    ),
    children: [...APP_ROUTES.map((r) => ({ path: r.path, element: r.element })), { path: '*', element: null }],
  },
]);

const FONT_FAMILY =
  '"PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "WenQuanYi Micro Hei", sans-serif';

function Root() {
  const { i18n } = useTranslation();
  useEffect(() => {
    document.documentElement.lang = i18n.language;
    document.title = i18n.t('app.fullName');
  }, [i18n.language, i18n]);
  return (
    <ConfigProvider
      locale={i18n.language === 'en' ? enUS : zhCN}
      theme={{ token: { colorPrimary: '#0b57b0', fontFamily: FONT_FAMILY, borderRadius: 4 } }}
    >
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}

// A bookmarked page: its layout and page chunks start downloading now, beside the entry's own work.
if (window.location.pathname.startsWith('/public/')) {
  void PublicDrawsPage.preload();
} else if (window.location.pathname !== '/login') {
  void loadLayout();
  preloadPageFor(window.location.pathname);
}

const container = document.getElementById('root');
if (container) {
  const root = createRoot(container);
  void i18nReady.then(() =>
    root.render(
      <StrictMode>
        <Root />
      </StrictMode>,
    ),
  );
}

// The service worker keeps the app shell for field work without network (public/sw.js). Browsers allow it on HTTPS
// and on localhost only; it is registered once the page has loaded, so it never competes with the first screen.
// The scripts of this first load came before the worker: they are put in its cache at once, so that the next start
// without network finds them (later chunks are cached by the worker as they are fetched).
const SHELL_CACHE = 'anjian-shell-v1';

async function keepShell(): Promise<void> {
  await navigator.serviceWorker.register('/sw.js');
  const assets = performance
    .getEntriesByType('resource')
    .map((e) => e.name)
    .filter((url) => new URL(url).origin === location.origin && new URL(url).pathname.startsWith('/assets/'));
  await (await caches.open(SHELL_CACHE)).addAll(assets);
}

if ('serviceWorker' in navigator) {
  window.addEventListener('load', () => void keepShell().catch(() => undefined));
}
