/** Entry point: i18n, antd theme and locale, React Query, the router. */
import './i18n.js';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { StrictMode, useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { useTranslation } from 'react-i18next';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { ApiError, onUnauthorized } from './api/client.js';
import { queryKeys } from './api/queries.js';
import { AppLayout } from './layout/AppLayout.js';
import { LoginPage } from './pages/login/LoginPage.js';
import { APP_ROUTES } from './routes.js';

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
    element: <AppLayout />,
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

const container = document.getElementById('root');
if (container)
  createRoot(container).render(
    <StrictMode>
      <Root />
    </StrictMode>,
  );
