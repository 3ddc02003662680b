/** What the signed-in bureau may do with one report, given its place in the chain: 签收, 上报, 续报. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Checkbox, Col, Form, Input, InputNumber, Modal, Radio, Row, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CHAIN_LEVELS, levelIndex } from '../../../domain/reporting-chain.js';
import { ApiError, api } from '../../api/client.js';
import { queryKeys } from '../../api/queries.js';
import type { AccidentView, ChainLevel, Me } from '../../api/types.js';
import { mayDo } from '../../routes.js';

export interface ReportActions {
  canSign: boolean;
  canForward: boolean;
  canFollowup: boolean;
}

export function actionsFor(me: Me | null | undefined, a: AccidentView): ReportActions {
  const mine = me ? a.chain.find((c) => c.regionCode === me.regionCode && me.org.kind === 'bureau') : undefined;
  return {
    canSign: mayDo(me, 'accident.sign') && !!mine?.signable,
    canForward: mayDo(me, 'accident.forward') && !!mine?.isHolder && mine.level !== 'national',
    canFollowup: mayDo(me, 'accident.followup') && !a.final,
  };
}

function useReportMutation(id: string, path: string, success: (v: AccidentView) => string) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  return useMutation({
    mutationFn: (body: object) => api<AccidentView>(`/api/accidents/${id}/${path}`, { body }),
    onSuccess: (view) => {
      queryClient.setQueryData(queryKeys.accident(id), view);
      void queryClient.invalidateQueries({ queryKey: queryKeys.accidents() });
      void queryClient.invalidateQueries({ queryKey: queryKeys.accidentSummary() });
      void queryClient.invalidateQueries({ queryKey: queryKeys.audit() });
      message.success(success(view));
    },
    onError: (e) => {
      message.error(e instanceof ApiError ? e.message : String(e));
    },
  });
}

export function SignButton({ accident }: { accident: AccidentView }) {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const sign = useReportMutation(accident.id, 'sign', () => t('detail.signedOk'));
  return (
    <Button
      type="primary"
      loading={sign.isPending}
      data-testid="sign"
      onClick={() =>
        modal.confirm({
          title: t('detail.sign'),
          content: t('detail.signConfirm'),
          okText: t('common.confirm'),
          cancelText: t('common.cancel'),
          onOk: () => sign.mutateAsync({}),
        })
      }
    >
      {t('detail.sign')}
    </Button>
  );
}

export function ForwardButton({ accident, myLevel }: { accident: AccidentView; myLevel: ChainLevel }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ toLevel: ChainLevel; note?: string }>();
  const forward = useReportMutation(accident.id, 'forward', (v) =>
    t('detail.forwardedOk', { level: t(`level.${v.holderLevel}`) }),
  );
  const above = (accident.chainLevels ?? CHAIN_LEVELS).filter((l) => levelIndex(l) > levelIndex(myLevel));
  const next = above[0] ?? 'national';
  const toLevel = Form.useWatch('toLevel', form) ?? next;
  const skipped = above.filter((l) => levelIndex(l) < levelIndex(toLevel));
  return (
    <>
      <Button
        type={levelIndex(myLevel) < levelIndex(accident.targetLevel) ? 'primary' : 'default'}
        data-testid="forward"
        onClick={() => setOpen(true)}
      >
        {t('detail.forward')}
      </Button>
      <Modal
        open={open}
        title={t('detail.forwardTitle')}
        okText={t('detail.forward')}
        cancelText={t('common.cancel')}
        confirmLoading={forward.isPending}
        onCancel={() => setOpen(false)}
        destroyOnHidden
        onOk={async () => {
          const v = await form.validateFields();
          await forward.mutateAsync({ toLevel: v.toLevel, note: v.note?.trim() || undefined });
          setOpen(false);
        }}
      >
        <Form form={form} layout="vertical" initialValues={{ toLevel: next }} preserve={false}>
          <Form.Item name="toLevel" label={t('detail.forwardTo')}>
            <Radio.Group
              options={above.map((l) => ({ value: l, label: t(`level.${l}`) }))}
              optionType="button"
              buttonStyle="solid"
            />
          </Form.Item>
          {skipped.length > 0 && (
            <Typography.Paragraph type="warning">
              {t('detail.forwardSkip', { levels: skipped.map((l) => t(`level.${l}`)).join('、') })}
            </Typography.Paragraph>
          )}
          <Form.Item name="note" label={t('detail.note')}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

const FIGURES = ['deaths', 'missing', 'seriousInjuries', 'minorInjuries', 'directLossYuan'] as const;
const TEXTS = ['address', 'unitName', 'summary', 'measuresTaken', 'reporterName', 'reporterPhone'] as const;

type FollowupValues = Partial<Record<(typeof FIGURES)[number], number | null>> &
  Partial<Record<(typeof TEXTS)[number], string>> & { note?: string; final?: boolean; noChange?: boolean };

export function FollowupButton({ accident }: { accident: AccidentView }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<FollowupValues>();
  const { message } = App.useApp();
  const followup = useReportMutation(accident.id, 'followups', () => t('detail.followupOk'));
  const initial: FollowupValues = {};
  for (const f of FIGURES) initial[f] = accident[f];
  for (const f of TEXTS) initial[f] = accident[f] ?? '';

  const submit = async () => {
    const v = await form.validateFields();
    const body: Record<string, unknown> = {};
    for (const f of FIGURES) if (typeof v[f] === 'number' && v[f] !== accident[f]) body[f] = v[f];
    for (const f of TEXTS) {
      if (v[f] === undefined) continue;
      const value = v[f].trim();
      if (value !== (accident[f] ?? '')) body[f] = value;
    }
    if (v.note?.trim()) body.note = v.note.trim();
    if (v.final) body.final = true;
    if (v.noChange) body.noChange = true;
    const changed = Object.keys(body).some((k) => k !== 'note');
    if (!changed) {
      message.warning(t('detail.followupNothing'));
      return;
    }
    try {
      await followup.mutateAsync(body);
      setOpen(false);
    } catch (e) {
      if (e instanceof ApiError && e.fieldIssues.length)
        form.setFields(e.fieldIssues.map((i) => ({ name: i.path as keyof FollowupValues, errors: [i.message] })));
    }
  };

  return (
    <>
      <Button data-testid="followup" onClick={() => setOpen(true)}>
        {t('detail.followup')}
      </Button>
      <Modal
        open={open}
        title={t('detail.followupTitle')}
        width={720}
        okText={t('common.submit')}
        cancelText={t('common.cancel')}
        confirmLoading={followup.isPending}
        onCancel={() => setOpen(false)}
        onOk={() => void submit()}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" initialValues={initial} preserve={false}>
          <Row gutter={12}>
            {FIGURES.map((f) => (
              <Col xs={12} md={f === 'directLossYuan' ? 12 : 6} key={f}>
                <Form.Item name={f} label={t(`accident.${f}`)}>
                  <InputNumber min={0} precision={0} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            ))}
          </Row>
          <Form.Item name="summary" label={t('accident.summary')}>
            <Input.TextArea rows={3} maxLength={10_000} />
          </Form.Item>
          <Form.Item name="measuresTaken" label={t('accident.measuresTaken')}>
            <Input.TextArea rows={2} maxLength={10_000} />
          </Form.Item>
          <Form.Item name="note" label={t('detail.followupNote')}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
          <Space orientation="vertical">
            <Form.Item name="noChange" valuePropName="checked" noStyle>
              <Checkbox>{t('detail.noChangeLabel')}</Checkbox>
            </Form.Item>
            <Form.Item name="final" valuePropName="checked" noStyle>
              <Checkbox>{t('detail.finalLabel')}</Checkbox>
            </Form.Item>
          </Space>
        </Form>
      </Modal>
    </>
  );
}
