/** Signed-in frame: side menu (a drawer on phones), header with the bureau, language switch and sign-out. */
import { BellOutlined, KeyOutlined, LogoutOutlined, MenuOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import {
  App,
  Badge,
  Button,
  Drawer,
  Form,
  Grid,
  Input,
  Layout,
  Menu,
  Modal,
  Result,
  Space,
  Spin,
  Tooltip,
  Typography,
} from 'antd';
import { Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { matchPath, Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { ApiError, api } from '../api/client.js';
import { forgetKeptMe, queryKeys, useMe } from '../api/queries.js';
import { LiveEventsProvider, useLiveEvents } from '../components/LiveEvents.js';
import { APP_ROUTES, allowed } from '../routes.js';
import { LanguageSwitch } from './LanguageSwitch.js';

const BRAND_BG = '#0b3a75';

function LiveDot() {
  const { t } = useTranslation();
  const { connected } = useLiveEvents();
  return (
    <Tooltip title={connected ? t('dashboard.connected') : t('dashboard.disconnected')}>
      <Badge status={connected ? 'success' : 'default'} data-testid="live-dot" data-connected={connected} />
    </Tooltip>
  );
}

/** Unread alerts: opens the workbench, where the live feed shows them, and marks them read. */
function UnreadBell() {
  const { t } = useTranslation();
  const { unread, markRead } = useLiveEvents();
  const navigate = useNavigate();
  return (
    <Tooltip title={t('event.unread')}>
      <Badge count={unread} size="small" data-testid="unread-badge" data-count={unread}>
        <Button
          type="text"
          size="small"
          aria-label={t('event.unread')}
          icon={<BellOutlined style={{ color: '#fff' }} />}
          onClick={() => {
            markRead();
            void navigate('/');
          }}
        />
      </Badge>
    </Tooltip>
  );
}

/** 修改密码: the user's own password, proven by the current one. */
function PasswordButton({ light }: { light: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<{ currentPassword: string; newPassword: string; confirm: string }>();
  const submit = async () => {
    const { currentPassword, newPassword } = await form.validateFields();
    setSaving(true);
    try {
      await api('/api/auth/password', { method: 'PUT', body: { currentPassword, newPassword } });
      void message.success(t('account.changed'));
      setOpen(false);
    } catch (e) {
      const issues = e instanceof ApiError ? e.fieldIssues : [];
      if (issues.length > 0)
        form.setFields(issues.map((f) => ({ name: f.path as 'currentPassword', errors: [f.message] })));
      else void message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setSaving(false);
    }
  };
  return (
    <>
      <Tooltip title={t('menu.password')}>
        <Button
          type="text"
          icon={<KeyOutlined style={{ color: light ? '#fff' : undefined }} />}
          onClick={() => {
            form.resetFields();
            setOpen(true);
          }}
          aria-label={t('menu.password')}
          data-testid="change-password"
        />
      </Tooltip>
      <Modal
        open={open}
        title={t('menu.password')}
        onOk={() => void submit()}
        onCancel={() => setOpen(false)}
        confirmLoading={saving}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item name="currentPassword" label={t('account.currentPassword')} rules={[{ required: true }]}>
            <Input.Password id="current-password" autoComplete="current-password" />
          </Form.Item>
          <Form.Item
            name="newPassword"
            label={t('account.newPassword')}
            extra={t('account.hint')}
            rules={[{ required: true, min: 10, pattern: /(?=.*[A-Za-z])(?=.*\d)/, message: t('account.hint') }]}
          >
            <Input.Password id="new-password" autoComplete="new-password" maxLength={128} />
          </Form.Item>
          <Form.Item
            name="confirm"
            label={t('account.confirmPassword')}
            dependencies={['newPassword']}
            rules={[
              { required: true },
              ({ getFieldValue }) => ({
                validator: (_, v) =>
                  v === getFieldValue('newPassword')
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('account.mismatch'))),
              }),
            ]}
          >
            <Input.Password id="confirm-password" autoComplete="new-password" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

function SideMenu({ onNavigate }: { onNavigate?: () => void }) {
  const { t } = useTranslation();
  const me = useMe().data;
  const navigate = useNavigate();
  const location = useLocation();
  const items = APP_ROUTES.filter((r) => r.menu && me && allowed(r, me)).map((r) => ({
    key: r.path,
    icon: r.menu?.icon,
    label: t(r.menu?.labelKey ?? ''),
  }));
  // The entry the current page declares it belongs to (the first the user has), else the most specific match.
  const route = APP_ROUTES.find((r) => matchPath(r.path, location.pathname));
  const declared = route?.menuKeys?.find((k) => items.some((i) => i.key === k));
  const selected =
    declared ??
    [...items]
      .sort((a, b) => b.key.length - a.key.length)
      .find((i) => matchPath({ path: i.key, end: i.key === '/' || i.key.endsWith('/new') }, location.pathname))?.key;
  return (
    <Menu
      theme="dark"
      mode="inline"
      style={{ background: 'transparent' }}
      selectedKeys={selected ? [selected] : []}
      items={items}
      onClick={({ key }) => {
        void navigate(key);
        onNavigate?.();
      }}
    />
  );
}

function Brand({ compact }: { compact?: boolean }) {
  const { t } = useTranslation();
  return (
    <div style={{ color: '#fff', padding: compact ? 0 : '16px 16px 12px', lineHeight: 1.3 }}>
      <div style={{ fontSize: 20, fontWeight: 700, letterSpacing: 2 }}>{t('app.name')}</div>
      {!compact && <div style={{ fontSize: 12, opacity: 0.8 }}>{t('app.subtitle')}</div>}
    </div>
  );
}

/** The side menu's width: English labels ("Licence expiry alerts" under a group) need more room than Chinese ones. */
const SIDER_WIDTH = { 'zh-CN': 208, en: 248 } as const;

export function AppLayout() {
  const { t, i18n } = useTranslation();
  const meQuery = useMe();
  const me = meQuery.data;
  const screens = Grid.useBreakpoint();
  const isDesktop = !!screens.lg;
  const [drawerOpen, setDrawerOpen] = useState(false);
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();

  if (meQuery.isPending) return <Spin fullscreen />;
  if (!me) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;

  const route = APP_ROUTES.find((r) => matchPath(r.path, location.pathname));
  const forbidden = route && !allowed(route, me);
  // A user whose role has no 工作台 (an invited department user, 协同部门) starts at its first menu entry.
  const home = forbidden && location.pathname === '/' ? APP_ROUTES.find((r) => r.menu && allowed(r, me)) : undefined;
  if (home) return <Navigate to={home.path} replace />;

  const logout = async () => {
    try {
      await api('/api/auth/logout', { method: 'POST' });
    } finally {
      forgetKeptMe();
      queryClient.clear();
      queryClient.setQueryData(queryKeys.me, null);
      void navigate('/login');
    }
  };

  return (
    <LiveEventsProvider enabled>
      <Layout style={{ minHeight: '100vh' }}>
        {isDesktop && (
          <Layout.Sider width={SIDER_WIDTH[i18n.language === 'en' ? 'en' : 'zh-CN']} style={{ background: BRAND_BG }}>
            <Brand />
            <SideMenu />
          </Layout.Sider>
        )}
        <Drawer
          placement="left"
          open={!isDesktop && drawerOpen}
          onClose={() => setDrawerOpen(false)}
          size={SIDER_WIDTH[i18n.language === 'en' ? 'en' : 'zh-CN']}
          styles={{ body: { padding: 0, background: BRAND_BG }, header: { display: 'none' } }}
        >
          <Brand />
          <SideMenu onNavigate={() => setDrawerOpen(false)} />
        </Drawer>
        <Layout>
          <Layout.Header
            style={{
              background: isDesktop ? '#fff' : BRAND_BG,
              padding: isDesktop ? '0 24px' : '0 12px',
              display: 'flex',
              alignItems: 'center',
              gap: 12,
              borderBottom: '1px solid #e8e8e8',
              height: 56,
              lineHeight: '56px',
            }}
          >
            {!isDesktop && (
              <Button
                type="text"
                aria-label={t('app.menu')}
                icon={<MenuOutlined style={{ color: '#fff' }} />}
                onClick={() => setDrawerOpen(true)}
              />
            )}
            {!isDesktop && <Brand compact />}
            <div style={{ flex: 1, minWidth: 0, overflow: 'hidden', whiteSpace: 'nowrap', textOverflow: 'ellipsis' }}>
              {isDesktop && (
                <Typography.Text strong data-testid="org-name">
                  {me.org.name}
                </Typography.Text>
              )}
            </div>
            <Space size={isDesktop ? 'middle' : 'small'}>
              <LiveDot />
              <UnreadBell />
              {isDesktop && (
                <Typography.Text data-testid="user-name">
                  {me.displayName} · {t(`role.${me.role}`)}
                </Typography.Text>
              )}
              <LanguageSwitch />
              <PasswordButton light={!isDesktop} />
              <Tooltip title={t('app.logout')}>
                <Button
                  type="text"
                  icon={<LogoutOutlined style={{ color: isDesktop ? undefined : '#fff' }} />}
                  onClick={() => void logout()}
                  aria-label={t('app.logout')}
                />
              </Tooltip>
            </Space>
          </Layout.Header>
          <Layout.Content style={{ padding: isDesktop ? 20 : 10, minWidth: 0 }}>
            {forbidden ? (
              <Result status="403" title="403" subTitle={t('common.notFound')} />
            ) : (
              // Pages load as chunks of their own (routes.tsx): a spinner while one is fetched.
              <Suspense fallback={<Spin size="large" style={{ display: 'block', margin: '96px auto' }} />}>
                <Outlet />
              </Suspense>
            )}
          </Layout.Content>
        </Layout>
      </Layout>
    </LiveEventsProvider>
  );
}
