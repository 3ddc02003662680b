/**
 * 核销 on the accident pages and the approval page: the 已核销 tag, the request dialog (申请核销), the decision
 * buttons (同意 / 不予核销 / 撤回) and the write-off history card of one accident.
 */

import { App, Button, Card, Form, Input, Modal, Select, Space, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { WRITEOFF_TEXT_MAX, type WriteoffRequestInput, type WriteoffRequestView } from '../../../contracts/writeoff.js';
import { requesterOf, WRITEOFF_REASONS, type WriteoffStatus } from '../../../domain/writeoff.js';
import { ApiError } from '../../api/client.js';
import { useMe } from '../../api/queries.js';
import type { AccidentView } from '../../api/types.js';
import { validValues } from '../../components/form-issues.js';
import { formatTime } from '../../components/format.js';
import { mayDo } from '../../routes.js';
import { useAccidentWriteoffs, useDecideWriteoff, useRequestWriteoff, type WriteoffDecision } from './queries.js';

export function WrittenOffTag({ at }: { at?: string | null | undefined }) {
  const { t } = useTranslation();
  return (
    <Tag color="default" variant="solid" data-testid="written-off" title={at ? formatTime(at) : undefined}>
      {t('writeoff.writtenOff')}
    </Tag>
  );
}

const STATUS_COLORS: Record<WriteoffStatus, string> = {
  pending: 'processing',
  approved: 'success',
  rejected: 'error',
  withdrawn: 'default',
};

export function WriteoffStatusTag({ status }: { status: WriteoffStatus }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLORS[status]}>{t(`writeoff.status.${status}`)}</Tag>;
}

function errorText(e: unknown): string {
  return e instanceof ApiError ? e.message : String(e);
}

/** 申请核销: for the statistician of the 归口统计 bureau (the county), while not written off. */
export function WriteoffRequestButton({ accident }: { accident: AccidentView }) {
  const { t } = useTranslation();
  const me = useMe().data;
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<WriteoffRequestInput>();
  const request = useRequestWriteoff(accident.id);
  const history = useAccidentWriteoffs(accident.id);
  const requester = requesterOf(
    accident.regionCode,
    accident.chainLevels ?? ['county', 'city', 'province', 'national'],
  );
  const pending = history.data?.items.some((r) => r.status === 'pending');
  const allowed =
    mayDo(me, 'writeoff.request') &&
    me?.org.kind === 'bureau' &&
    me.regionCode === requester.regionCode &&
    !accident.writtenOffAt &&
    !pending;
  if (!allowed) return null;

  const submit = async () => {
    const v = await validValues(form);
    if (!v) return;
    try {
      const r = await request.mutateAsync(v);
      message.success(t('writeoff.requestedOk', { approver: r.approverName }));
      setOpen(false);
    } catch (e) {
      if (e instanceof ApiError && e.fieldIssues.length) {
        form.setFields(e.fieldIssues.map((i) => ({ name: i.path as keyof WriteoffRequestInput, errors: [i.message] })));
      } else message.error(errorText(e));
    }
  };

  return (
    <>
      <Button danger data-testid="writeoff-request" onClick={() => setOpen(true)}>
        {t('writeoff.request')}
      </Button>
      <Modal
        open={open}
        title={t('writeoff.requestTitle')}
        okText={t('common.submit')}
        cancelText={t('common.cancel')}
        confirmLoading={request.isPending}
        onCancel={() => setOpen(false)}
        onOk={() => void submit()}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t('writeoff.hint')}</Typography.Paragraph>
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item
            name="reasonCode"
            label={t('writeoff.reasonCode')}
            rules={[{ required: true, message: t('form.select', { field: t('writeoff.reasonCode') }) }]}
          >
            <Select options={WRITEOFF_REASONS.map((r) => ({ value: r, label: t(`writeoff.reasons.${r}`) }))} />
          </Form.Item>
          <Form.Item
            name="reason"
            label={t('writeoff.reason')}
            rules={[{ required: true, whitespace: true, message: t('form.required', { field: t('writeoff.reason') }) }]}
          >
            <Input.TextArea rows={3} maxLength={WRITEOFF_TEXT_MAX} />
          </Form.Item>
          <Form.Item
            name="evidence"
            label={t('writeoff.evidence')}
            rules={[
              { required: true, whitespace: true, message: t('form.required', { field: t('writeoff.evidence') }) },
            ]}
          >
            <Input.TextArea rows={2} maxLength={WRITEOFF_TEXT_MAX} placeholder={t('writeoff.evidencePlaceholder')} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

/** 同意核销 / 不予核销 (a reason is required) / 撤回, as the request allows the signed-in user. */
export function WriteoffDecisionButtons({ request }: { request: WriteoffRequestView }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const decide = useDecideWriteoff();
  const [noting, setNoting] = useState<WriteoffDecision | null>(null);
  const [note, setNote] = useState('');

  const run = async (action: WriteoffDecision, text?: string) => {
    try {
      await decide.mutateAsync({ id: request.id, action, note: text?.trim() || undefined });
      message.success(t(`writeoff.done.${action}`));
      setNoting(null);
    } catch (e) {
      message.error(errorText(e));
    }
  };

  return (
    <Space size={4} wrap>
      {request.canDecide && (
        <>
          <Button
            size="small"
            type="primary"
            data-testid="writeoff-approve"
            loading={decide.isPending}
            onClick={() =>
              modal.confirm({
                title: t('writeoff.approve'),
                content: t('writeoff.approveConfirm'),
                okText: t('common.confirm'),
                cancelText: t('common.cancel'),
                onOk: () => run('approve'),
              })
            }
          >
            {t('writeoff.approve')}
          </Button>
          <Button size="small" danger data-testid="writeoff-reject" onClick={() => setNoting('reject')}>
            {t('writeoff.reject')}
          </Button>
        </>
      )}
      {request.canWithdraw && (
        <Button size="small" data-testid="writeoff-withdraw" onClick={() => setNoting('withdraw')}>
          {t('writeoff.withdraw')}
        </Button>
      )}
      <Modal
        open={noting !== null}
        title={noting ? t(`writeoff.${noting}`) : ''}
        okText={t('common.confirm')}
        cancelText={t('common.cancel')}
        okButtonProps={{ disabled: noting === 'reject' && note.trim() === '' }}
        confirmLoading={decide.isPending}
        onCancel={() => setNoting(null)}
        onOk={() => noting && void run(noting, note)}
        afterClose={() => setNote('')}
        destroyOnHidden
      >
        <Typography.Paragraph>
          {noting === 'reject' ? t('writeoff.rejectNote') : t('writeoff.note')}
        </Typography.Paragraph>
        <Input.TextArea
          rows={3}
          maxLength={WRITEOFF_TEXT_MAX}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          data-testid="writeoff-note"
        />
      </Modal>
    </Space>
  );
}

function RequestEntry({ r }: { r: WriteoffRequestView }) {
  const { t } = useTranslation();
  return (
    <Space orientation="vertical" size={2} style={{ width: '100%' }}>
      <Space wrap size={4}>
        <WriteoffStatusTag status={r.status} />
        <Tag>{t(`writeoff.reasons.${r.reasonCode}`)}</Tag>
        <Typography.Text type="secondary">
          {formatTime(r.requestedAt)} · {r.requestedBy.name}（{r.requestedBy.org}）
        </Typography.Text>
      </Space>
      <Typography.Text>{r.reason}</Typography.Text>
      <Typography.Text type="secondary">
        {t('writeoff.evidence')}：{r.evidence}
      </Typography.Text>
      <Typography.Text type="secondary">
        {t('writeoff.approver')}：{r.approverName}
        {r.decidedBy &&
          ` · ${t('writeoff.decidedBy')}：${r.decidedBy.name}（${r.decidedBy.org}） ${formatTime(r.decidedAt)}`}
      </Typography.Text>
      {r.decisionNote && <Typography.Text>“{r.decisionNote}”</Typography.Text>}
      <WriteoffDecisionButtons request={r} />
    </Space>
  );
}

/** 核销记录 of one accident (shown when it has any), newest first, with what the user may do about a pending one. */
export function WriteoffHistoryCard({ accidentId }: { accidentId: string }) {
  const { t } = useTranslation();
  const history = useAccidentWriteoffs(accidentId);
  const items = history.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <Card title={t('writeoff.history')} data-testid="writeoff-history">
      <Timeline
        items={[...items].reverse().map((r) => ({
          key: r.id,
          color: r.status === 'approved' ? 'gray' : r.status === 'pending' ? 'blue' : 'green',
          content: <RequestEntry r={r} />,
        }))}
      />
    </Card>
  );
}
