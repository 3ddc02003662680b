/** 用户管理: a bureau administrator's accounts of the jurisdiction — create, change, disable, reset passwords. */

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, Modal, Popconfirm, Select, Space, type TableProps, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BUREAU_ROLES, type UserView } from '../../../contracts/users.js';
import { ApiError, api } from '../../api/client.js';
import { useMe } from '../../api/queries.js';
import { validValues } from '../../components/form-issues.js';
import { formatTime } from '../../components/format.js';
import { ListPage } from '../../components/ListPage.js';
import { RegionCascader } from '../../components/RegionCascader.js';

type Editing = { kind: 'create' } | { kind: 'edit'; user: UserView } | { kind: 'password'; user: UserView };

function useUserMutation<B>(path: (body: B) => string, method: 'POST' | 'PATCH' = 'POST') {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: B) => api<UserView>(path(body), { method, body: strip(body) }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['users'] }),
  });
}

/** The id travels in the path, not the body. */
function strip(body: unknown): unknown {
  const { id: _id, ...rest } = body as Record<string, unknown>;
  return rest;
}

/** The API's field errors onto the form's fields; anything else as a message. */
function showError(form: ReturnType<typeof Form.useForm>[0], e: unknown, fallback: (m: string) => void) {
  const fields = e instanceof ApiError ? e.fieldIssues : [];
  if (fields.length > 0) form.setFields(fields.map((f) => ({ name: f.path.split('.'), errors: [f.message] })));
  else fallback(e instanceof Error ? e.message : String(e));
}

export function UsersPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe().data;
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [q, setQ] = useState<string>();
  const [editing, setEditing] = useState<Editing | null>(null);
  const [form] = Form.useForm();
  const users = useQuery({
    queryKey: ['users', page, q],
    queryFn: ({ signal }) => api<{ items: UserView[]; total: number }>('/api/users', { query: { ...page, q }, signal }),
    placeholderData: (prev) => prev,
  });
  const create = useUserMutation<object>(() => '/api/users');
  const update = useUserMutation<{ id: string }>((b) => `/api/users/${b.id}`, 'PATCH');
  const reset = useUserMutation<{ id: string; password: string }>((b) => `/api/users/${b.id}/password`);

  const open = (next: Editing) => {
    form.resetFields();
    if (next.kind === 'edit') form.setFieldsValue(next.user);
    setEditing(next);
  };
  const submit = async () => {
    const values = await validValues(form);
    if (!values) return;
    try {
      if (editing?.kind === 'create') {
        const user = await create.mutateAsync(values);
        void message.success(t('users.created', { name: user.displayName }));
      } else if (editing?.kind === 'edit') {
        await update.mutateAsync({ id: editing.user.id, ...values });
        void message.success(t('users.saved'));
      } else if (editing?.kind === 'password') {
        await reset.mutateAsync({ id: editing.user.id, password: values.password });
        void message.success(t('users.passwordReset'));
      }
      setEditing(null);
    } catch (e) {
      showError(form, e, (m) => void message.error(m));
    }
  };
  const setDisabled = async (user: UserView, disabled: boolean) => {
    try {
      await update.mutateAsync({ id: user.id, disabled } as { id: string });
      void message.success(t('users.saved'));
    } catch (e) {
      void message.error(e instanceof Error ? e.message : String(e));
    }
  };

  const columns: TableProps<UserView>['columns'] = [
    { title: t('users.username'), dataIndex: 'username', width: 170 },
    { title: t('users.displayName'), dataIndex: 'displayName', width: 110 },
    { title: t('users.role'), dataIndex: 'role', width: 110, render: (r: string) => t(`role.${r}`) },
    { title: t('users.org'), key: 'org', ellipsis: true, render: (_: unknown, u) => u.org.name },
    { title: t('users.phone'), dataIndex: 'phone', width: 130, render: (v: string | null) => v ?? '—' },
    {
      title: t('users.enforcementCert'),
      dataIndex: 'enforcementCert',
      width: 140,
      render: (v: string | null) => v ?? '—',
    },
    {
      title: t('users.status'),
      dataIndex: 'disabled',
      width: 80,
      render: (d: boolean) => (d ? <Tag>{t('users.disabled')}</Tag> : <Tag color="green">{t('users.active')}</Tag>),
    },
    { title: t('audit.at'), dataIndex: 'createdAt', width: 140, render: (v: string) => formatTime(v) },
    {
      title: '',
      key: 'actions',
      width: 220,
      render: (_: unknown, u) => (
        <Space size={0} wrap>
          <Button type="link" size="small" onClick={() => open({ kind: 'edit', user: u })}>
            {t('users.edit')}
          </Button>
          <Button type="link" size="small" onClick={() => open({ kind: 'password', user: u })}>
            {t('users.resetPassword')}
          </Button>
          {u.id !== me?.id &&
            (u.disabled ? (
              <Button type="link" size="small" onClick={() => void setDisabled(u, false)}>
                {t('users.enable')}
              </Button>
            ) : (
              <Popconfirm
                title={t('users.confirmDisable', { name: u.displayName })}
                onConfirm={() => void setDisabled(u, true)}
              >
                <Button type="link" size="small" danger data-testid={`disable-${u.username}`}>
                  {t('users.disable')}
                </Button>
              </Popconfirm>
            ))}
        </Space>
      ),
    },
  ];

  const roleOptions = BUREAU_ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }));
  const passwordRule = [
    { required: true, message: t('users.passwordHint') },
    { min: 10, message: t('users.passwordHint') },
    { pattern: /(?=.*[A-Za-z])(?=.*\d)/, message: t('users.passwordHint') },
  ];
  return (
    <>
      <ListPage<UserView>
        title={t('users.title')}
        testId="users-table"
        extra={
          <Button type="primary" onClick={() => open({ kind: 'create' })} data-testid="user-create">
            {t('users.create')}
          </Button>
        }
        filters={
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('users.hint')}
            </Typography.Text>
            <Input.Search
              allowClear
              style={{ maxWidth: 320 }}
              placeholder={t('users.search')}
              onSearch={(v) => {
                setQ(v.trim() || undefined);
                setPage((p) => ({ ...p, page: 1 }));
              }}
            />
          </Space>
        }
        columns={columns}
        rowKey="id"
        data={users.data}
        loading={users.isFetching}
        error={users.error}
        page={page.page}
        pageSize={page.pageSize}
        onPageChange={(p, s) => setPage({ page: p, pageSize: s })}
        scrollX={1100}
      />
      <Modal
        open={!!editing}
        title={
          editing?.kind === 'create'
            ? t('users.create')
            : editing?.kind === 'password'
              ? `${t('users.resetPassword')} · ${editing.user.displayName}`
              : `${t('users.edit')} · ${editing?.user.displayName ?? ''}`
        }
        onOk={() => void submit()}
        onCancel={() => setEditing(null)}
        confirmLoading={create.isPending || update.isPending || reset.isPending}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" preserve={false}>
          {editing?.kind === 'create' && (
            <>
              <Form.Item name="username" label={t('users.username')} rules={[{ required: true }]}>
                <Input id="new-username" maxLength={64} />
              </Form.Item>
              <Form.Item name="regionCode" label={t('users.region')} rules={[{ required: true }]}>
                <RegionCascader />
              </Form.Item>
            </>
          )}
          {editing?.kind !== 'password' && (
            <>
              <Form.Item name="displayName" label={t('users.displayName')} rules={[{ required: true }]}>
                <Input id="new-display-name" maxLength={50} />
              </Form.Item>
              {(editing?.kind === 'create' || editing?.user.org.kind === 'bureau') && (
                <Form.Item name="role" label={t('users.role')} rules={[{ required: true }]}>
                  <Select options={roleOptions} disabled={editing?.kind === 'edit' && editing.user.id === me?.id} />
                </Form.Item>
              )}
              <Form.Item name="phone" label={t('users.phone')}>
                <Input maxLength={30} />
              </Form.Item>
              <Form.Item name="enforcementCert" label={t('users.enforcementCert')}>
                <Input maxLength={30} />
              </Form.Item>
            </>
          )}
          {editing?.kind !== 'edit' && (
            <Form.Item
              name="password"
              label={editing?.kind === 'create' ? t('users.password') : t('users.newPassword')}
              extra={t('users.passwordHint')}
              rules={passwordRule}
            >
              <Input.Password id="new-password" autoComplete="new-password" maxLength={128} />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </>
  );
}
