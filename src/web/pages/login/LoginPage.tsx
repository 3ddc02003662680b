/** 登录: the official entrance of the platform. */
import { LockOutlined, SafetyCertificateOutlined, UserOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { ApiError, api } from '../../api/client.js';
import { queryKeys } from '../../api/queries.js';
import type { Me } from '../../api/types.js';
import { LanguageSwitch } from '../../layout/LanguageSwitch.js';

interface LoginForm {
  username: string;
  password: string;
}

export function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string>();
  const [submitting, setSubmitting] = useState(false);

  const onFinish = async (values: LoginForm) => {
    setSubmitting(true);
    setError(undefined);
    try {
      const { user } = await api<{ user: Me }>('/api/auth/login', { body: values });
      queryClient.clear();
      queryClient.setQueryData(queryKeys.me, user);
      const next = params.get('next');
      void navigate(next?.startsWith('/') && !next.startsWith('//') ? next : '/', { replace: true });
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'flex',
        flexDirection: 'column',
        background: 'linear-gradient(160deg, #0b3a75 0%, #0b57b0 55%, #e9eef5 55.1%)',
      }}
    >
      <div style={{ display: 'flex', justifyContent: 'flex-end', padding: 12 }}>
        <LanguageSwitch />
      </div>
      <div style={{ flex: 1, display: 'flex', alignItems: 'center', justifyContent: 'center', padding: 16 }}>
        <div style={{ width: '100%', maxWidth: 400 }}>
          <div style={{ textAlign: 'center', color: '#fff', marginBottom: 24 }}>
            <SafetyCertificateOutlined style={{ fontSize: 44, color: '#ffd666' }} />
            <Typography.Title level={2} style={{ color: '#fff', margin: '8px 0 4px', letterSpacing: 4 }}>
              {t('app.name')}
            </Typography.Title>
            <div style={{ fontSize: 16, letterSpacing: 2, opacity: 0.95 }}>{t('app.subtitle')}</div>
          </div>
          <Card title={t('login.title')} style={{ boxShadow: '0 8px 24px rgba(0,0,0,.15)' }}>
            {error && <Alert type="error" title={error} showIcon style={{ marginBottom: 16 }} />}
            <Form<LoginForm> layout="vertical" onFinish={(v) => void onFinish(v)} requiredMark={false} size="large">
              <Form.Item
                name="username"
                label={t('login.username')}
                rules={[{ required: true, message: t('login.usernameRequired') }]}
              >
                <Input prefix={<UserOutlined />} autoComplete="username" id="username" />
              </Form.Item>
              <Form.Item
                name="password"
                label={t('login.password')}
                rules={[{ required: true, message: t('login.passwordRequired') }]}
              >
                <Input.Password prefix={<LockOutlined />} autoComplete="current-password" id="password" />
              </Form.Item>
              <Button type="primary" htmlType="submit" block loading={submitting}>
                {t('login.submit')}
              </Button>
            </Form>
          </Card>
          <div style={{ textAlign: 'center', color: '#667', fontSize: 12, marginTop: 24 }}>{t('app.footer')}</div>
        </div>
      </div>
    </div>
  );
}
