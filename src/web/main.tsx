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
import { APP_ROUTES, preloadPageFor } from './routes.js';

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
if (window.location.pathname !== '/login') {
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
