/**
 * An incident (/incidents/:id): the accident and its latest figures, the response level and its history, the log (with
 * the form to write in it), the tasks with their moves, the nearest resources with 调派, the invited departments and
 * their views, closing and the 处置情况报告. Updates live (incident.changed events, from any instance).
 */
import { DownloadOutlined, FundProjectionScreenOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Form,
  Input,
  Modal,
  Row,
  Select,
  Space,
  Spin,
  Statistic,
  Table,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import {
  DEPARTMENTS,
  type IncidentTask,
  type IncidentView,
  LOG_KINDS,
  type NearbyResource,
  RESPONSE_LEVELS,
} from '../../../contracts/incidents.js';
import { formatTime } from '../../components/format.js';
import { LevelTag } from './IncidentListPage.js';
import { IncidentMap } from './IncidentMap.js';
import { useIncident, useIncidentAction, useIncidentLive, useInvitableUsers, useNearest } from './queries.js';

const NEXT: Record<string, ('en_route' | 'on_site' | 'withdrawn')[]> = {
  dispatched: ['en_route', 'on_site', 'withdrawn'],
  en_route: ['on_site', 'withdrawn'],
  on_site: ['withdrawn'],
  withdrawn: [],
};

export function TaskStateTag({ state }: { state: string }) {
  const { t } = useTranslation();
  const color = { dispatched: 'blue', en_route: 'orange', on_site: 'green', withdrawn: 'default' }[state];
  return <Tag color={color}>{t(`incidents.taskStates.${state}`)}</Tag>;
}

export function Figures({ i }: { i: IncidentView }) {
  const { t } = useTranslation();
  const f = i.accident.figures;
  return (
    <Row gutter={16}>
      <Col span={4}>
        <Statistic title={t('incidents.deaths')} value={f.deaths} />
      </Col>
      <Col span={4}>
        <Statistic title={t('incidents.missing')} value={f.missing} />
      </Col>
      <Col span={4}>
        <Statistic title={t('incidents.serious')} value={f.seriousInjuries} />
      </Col>
      <Col span={4}>
        <Statistic title={t('incidents.minor')} value={f.minorInjuries} />
      </Col>
      <Col span={8}>
        <Statistic title={t('incidents.loss')} value={(f.directLossYuan / 10_000).toFixed(2)} />
      </Col>
    </Row>
  );
}

export function IncidentPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const q = useIncident(id);
  useIncidentLive();
  const i = q.data;
  if (q.error) return <Alert type="error" title={(q.error as Error).message} />;
  if (!i) return <Spin />;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="incident-page">
      <Card
        title={
          <Space wrap>
            <Typography.Text strong>{i.accident.unitName}</Typography.Text>
            <LevelTag level={i.level} />
            <Tag color={i.status === 'open' ? 'processing' : 'default'} data-testid="incident-status">
              {t(`incidents.statuses.${i.status}`)}
            </Tag>
            {i.autoOpened && <Tag>{t('incidents.auto')}</Tag>}
          </Space>
        }
        extra={
          <Space>
            <Link to={`/incidents/${i.id}/wall`}>
              <Button icon={<FundProjectionScreenOutlined />} data-testid="incident-wall-link">
                {t('incidents.wall')}
              </Button>
            </Link>
            {i.report && (
              <Button
                icon={<DownloadOutlined />}
                href={`/api/incidents/${i.id}/report.docx`}
                download
                data-testid="incident-report"
              >
                {t('incidents.report')}
              </Button>
            )}
          </Space>
        }
      >
        {i.invitedAs && (
          <Alert
            style={{ marginBottom: 12 }}
            type="info"
            title={t('incidents.invitedAs', {
              name: i.invitedAs.departmentName,
              access: t(`incidents.accesses.${i.invitedAs.access}`),
            })}
          />
        )}
        {i.status === 'open' && i.levelBelowGrade && (
          <Alert
            style={{ marginBottom: 12 }}
            type="warning"
            showIcon
            data-testid="level-below-grade"
            title={t('incidents.levelBelowGrade', {
              level: t(`incidents.levels.${i.gradeLevel}`),
              current: t(`incidents.levels.${i.level}`),
            })}
          />
        )}
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('incidents.region')}>{i.regionName}</Descriptions.Item>
          <Descriptions.Item label={t('incidents.accident')}>
            {i.invitedAs ? i.accident.reportNo : <Link to={`/accidents/${i.accident.id}`}>{i.accident.reportNo}</Link>}
          </Descriptions.Item>
          <Descriptions.Item label={t('incidents.lead')}>{i.leadOrgName}</Descriptions.Item>
          <Descriptions.Item label={t('incidents.reportedAt')}>{formatTime(i.reportedAt)}</Descriptions.Item>
          <Descriptions.Item label={t('incidents.openedAt')}>{formatTime(i.openedAt)}</Descriptions.Item>
          <Descriptions.Item label={t('incidents.closedAt')}>{formatTime(i.closedAt)}</Descriptions.Item>
          <Descriptions.Item label={t('incidents.reportToDispatch')}>
            {minutes(t, i.responseTimes.reportToDispatchMin)}
          </Descriptions.Item>
          <Descriptions.Item label={t('incidents.dispatchToOnSite')}>
            {minutes(t, i.responseTimes.dispatchToOnSiteMin)}
          </Descriptions.Item>
          <Descriptions.Item label={t('incidents.reportToOnSite')}>
            {minutes(t, i.responseTimes.reportToOnSiteMin)}
          </Descriptions.Item>
        </Descriptions>
        <Typography.Title level={5}>{t('incidents.figures')}</Typography.Title>
        <Figures i={i} />
        {i.closeSummary && <Alert style={{ marginTop: 12 }} type="success" title={i.closeSummary} />}
      </Card>
      <Row gutter={16}>
        <Col xs={24} lg={14}>
          <LogCard i={i} />
        </Col>
        <Col xs={24} lg={10}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <TasksCard i={i} />
            {i.may.dispatch && <NearestCard i={i} />}
            {!i.invitedAs && <LevelCard i={i} />}
            {!i.invitedAs && <InvitationsCard i={i} />}
            {i.may.lead && <CloseCard i={i} />}
          </Space>
        </Col>
      </Row>
    </Space>
  );
}

export function minutes(t: TFunction, n: number | null): string {
  return n === null ? '—' : t('incidents.minutes', { n });
}

function useAct(id: string) {
  const act = useIncidentAction(id);
  const { message } = App.useApp();
  const { t } = useTranslation();
  return {
    pending: act.isPending,
    run: async (path: string, body?: object) => {
      try {
        await act.mutateAsync({ path, ...(body ? { body } : {}) });
        void message.success(t('incidents.saved'));
        return true;
      } catch (e) {
        void message.error((e as Error).message);
        return false;
      }
    },
  };
}

function LogCard({ i }: { i: IncidentView }) {
  const { t } = useTranslation();
  const act = useAct(i.id);
  const [form] = Form.useForm<{ kind: string; text: string }>();
  return (
    <Card title={t('incidents.log')} data-testid="incident-log">
      {i.may.log && (
        <Form
          form={form}
          layout="inline"
          initialValues={{ kind: 'situation' }}
          style={{ marginBottom: 16, rowGap: 8 }}
          onFinish={async (v) => {
            if (await act.run('/log', v)) form.resetFields(['text']);
          }}
        >
          <Form.Item name="kind">
            <Select
              style={{ width: 120 }}
              options={LOG_KINDS.map((k) => ({ value: k, label: t(`incidents.logKinds.${k}`) }))}
            />
          </Form.Item>
          <Form.Item name="text" rules={[{ required: true }]} style={{ flex: 1, minWidth: 240 }}>
            <Input placeholder={t('incidents.logText')} data-testid="log-text" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={act.pending} data-testid="log-submit">
            {t('incidents.logAdd')}
          </Button>
        </Form>
      )}
      <Timeline
        items={[...i.log].reverse().map((e) => ({
          color: e.kind === 'order' || e.kind === 'decision' ? 'red' : e.kind === 'task' ? 'blue' : 'gray',
          content: (
            <div data-testid="log-entry">
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {formatTime(e.at)} · {t(`incidents.logKinds.${e.kind}`)} · {e.authorOrg}
                {e.authorName !== '系统' ? ` ${e.authorName}` : ''}
              </Typography.Text>
              <div>{e.text}</div>
            </div>
          ),
        }))}
      />
    </Card>
  );
}

function TasksCard({ i }: { i: IncidentView }) {
  const { t } = useTranslation();
  const act = useAct(i.id);
  return (
    <Card title={t('incidents.tasks')} data-testid="incident-tasks">
      <Table<IncidentTask>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={i.tasks}
        columns={[
          {
            title: t('incidents.kinds.team'),
            dataIndex: 'resourceName',
            render: (v: string, x) => (
              <Space orientation="vertical" size={0}>
                <span>{v}</span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {x.assignment}
                  {x.distanceKm !== null ? ` · ${x.distanceKm} km` : ''}
                </Typography.Text>
              </Space>
            ),
          },
          {
            title: t('incidents.status'),
            dataIndex: 'state',
            width: 90,
            render: (v: string) => <TaskStateTag state={v} />,
          },
          {
            title: '',
            width: 150,
            render: (_: unknown, x) =>
              i.may.dispatch && (
                <Space size={4} wrap>
                  {NEXT[x.state]?.map((s) => (
                    <Button
                      key={s}
                      size="small"
                      data-testid={`task-${s}`}
                      onClick={() => void act.run(`/tasks/${x.id}/state`, { state: s })}
                    >
                      {t(`incidents.move.${s}`)}
                    </Button>
                  ))}
                </Space>
              ),
          },
        ]}
      />
    </Card>
  );
}

function NearestCard({ i }: { i: IncidentView }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<string | undefined>('team');
  const nearest = useNearest(i.id, { kind, limit: 8 });
  const act = useAct(i.id);
  const [assignment, setAssignment] = useState('赶赴现场开展抢险救援');
  return (
    <Card
      title={t('incidents.nearest')}
      data-testid="incident-nearest"
      extra={
        <Select
          size="small"
          style={{ width: 110 }}
          allowClear
          value={kind}
          onChange={setKind}
          options={(['team', 'equipment', 'expert'] as const).map((k) => ({
            value: k,
            label: t(`incidents.kinds.${k}`),
          }))}
        />
      }
    >
      <Input
        size="small"
        style={{ marginBottom: 8 }}
        addonBefore={t('incidents.assignment')}
        value={assignment}
        onChange={(e) => setAssignment(e.target.value)}
      />
      {i.location && nearest.data && (
        <div style={{ marginBottom: 8 }}>
          <IncidentMap location={i.location} nearby={nearest.data.items} tasks={i.tasks} width={520} height={300} />
        </div>
      )}
      {!i.location && <Alert type="warning" title={t('incidents.noLocation')} />}
      <Table<NearbyResource>
        size="small"
        rowKey="id"
        pagination={false}
        loading={nearest.isFetching}
        dataSource={nearest.data?.items ?? []}
        columns={[
          { title: t('incidents.kinds.team'), dataIndex: 'name' },
          { title: t('incidents.distance'), dataIndex: 'distanceKm', width: 90, align: 'right' },
          {
            title: t('incidents.readiness'),
            width: 150,
            render: (_: unknown, r) => (
              <Space size={4} wrap>
                {r.readiness && (
                  <Tag color={r.readiness === 'ready' ? 'green' : r.readiness === 'limited' ? 'gold' : 'red'}>
                    {t(`incidents.readinessNames.${r.readiness}`)}
                  </Tag>
                )}
                {r.availability && (
                  <Tag color={r.availability === 'available' ? 'green' : r.availability === 'limited' ? 'gold' : 'red'}>
                    {t(`incidents.availabilityNames.${r.availability}`)}
                  </Tag>
                )}
                {(r.dutyPhone ?? r.contactPhone) && (
                  <Typography.Text type="secondary" title={t('incidents.dutyPhone')}>
                    {r.dutyPhone ?? r.contactPhone}
                  </Typography.Text>
                )}
              </Space>
            ),
          },
          {
            title: '',
            width: 110,
            render: (_: unknown, r) =>
              r.committedHere ? (
                <Tag color="orange">{t('incidents.here')}</Tag>
              ) : r.busy ? (
                <Tag>{t('incidents.busy')}</Tag>
              ) : !r.dispatchable ? (
                <Tag color="red">{t('incidents.notDispatchable')}</Tag>
              ) : (
                <Button
                  size="small"
                  type="primary"
                  data-testid="dispatch"
                  disabled={!assignment.trim()}
                  onClick={() => void act.run('/tasks', { resourceId: r.id, assignment })}
                >
                  {t('incidents.dispatch')}
                </Button>
              ),
          },
        ]}
      />
    </Card>
  );
}

function LevelCard({ i }: { i: IncidentView }) {
  const { t } = useTranslation();
  const act = useAct(i.id);
  const [form] = Form.useForm<{ level: string; reason: string }>();
  return (
    <Card title={t('incidents.level')}>
      <Timeline
        items={i.levels.map((l) => ({
          content: (
            <span>
              {formatTime(l.at)} <LevelTag level={l.level} /> {l.leadOrgName} — {l.reason}
            </span>
          ),
        }))}
      />
      {i.may.lead && (
        <Form
          form={form}
          layout="vertical"
          onFinish={async (v) => {
            if (await act.run('/level', v)) form.resetFields();
          }}
        >
          <Form.Item name="level" label={t('incidents.changeLevel')} rules={[{ required: true }]}>
            <Select
              options={RESPONSE_LEVELS.filter((l) => l !== i.level).map((l) => ({
                value: l,
                label: t(`incidents.levels.${l}`),
              }))}
            />
          </Form.Item>
          <Form.Item name="reason" label={t('incidents.reason')} rules={[{ required: true }]}>
            <Input.TextArea rows={2} />
          </Form.Item>
          <Button htmlType="submit" loading={act.pending}>
            {t('incidents.changeLevel')}
          </Button>
        </Form>
      )}
    </Card>
  );
}

function InvitationsCard({ i }: { i: IncidentView }) {
  const { t } = useTranslation();
  const act = useAct(i.id);
  const users = useInvitableUsers(i.id, i.may.lead);
  const [form] = Form.useForm<{ userId: string; department: string; departmentName: string; access: string }>();
  return (
    <Card title={t('incidents.invitations')} data-testid="incident-invitations">
      {i.invitations
        .filter((v) => !v.revokedAt)
        .map((v) => (
          <div key={v.id} style={{ marginBottom: 6 }}>
            <Space>
              <span>
                {v.departmentName}（{v.userName}）
              </span>
              <Tag>{t(`incidents.accesses.${v.access}`)}</Tag>
              {i.may.lead && (
                <Button size="small" onClick={() => void act.run(`/invitations/${v.id}/revoke`)}>
                  {t('incidents.revoke')}
                </Button>
              )}
            </Space>
          </div>
        ))}
      {i.may.lead && (
        <Form
          form={form}
          layout="vertical"
          initialValues={{ access: 'comment', department: 'fire' }}
          onFinish={async (v) => {
            if (await act.run('/invitations', v)) form.resetFields(['userId']);
          }}
        >
          <Form.Item name="userId" label={t('incidents.inviteUser')} rules={[{ required: true }]}>
            <Select
              data-testid="invite-user"
              showSearch
              optionFilterProp="label"
              options={(users.data?.items ?? []).map((u) => ({
                value: u.id,
                label: `${u.displayName}（${u.username}）`,
              }))}
              onChange={(_, option) => {
                const label = (option as { label?: string } | undefined)?.label ?? '';
                const name = /（(.+?)）/.exec(label)?.[1];
                if (name) form.setFieldValue('departmentName', name);
              }}
            />
          </Form.Item>
          <Space wrap>
            <Form.Item name="department" label={t('incidents.department')}>
              <Select
                style={{ width: 130 }}
                options={DEPARTMENTS.map((d) => ({ value: d, label: t(`incidents.departments.${d}`) }))}
              />
            </Form.Item>
            <Form.Item name="departmentName" label={t('incidents.departmentName')} rules={[{ required: true }]}>
              <Input style={{ width: 200 }} data-testid="invite-department-name" />
            </Form.Item>
            <Form.Item name="access" label={t('incidents.access')}>
              <Select
                style={{ width: 150 }}
                options={(['read', 'comment'] as const).map((a) => ({ value: a, label: t(`incidents.accesses.${a}`) }))}
              />
            </Form.Item>
          </Space>
          <Button htmlType="submit" loading={act.pending} data-testid="invite-submit">
            {t('incidents.invite')}
          </Button>
        </Form>
      )}
      {i.views.length > 0 && (
        <>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('incidents.views')}
          </Typography.Title>
          {i.views.slice(0, 10).map((v) => (
            <div key={`${v.at}${v.userName}`} style={{ fontSize: 12 }}>
              {formatTime(v.at)} {v.departmentName} {v.userName}（
              {t(`incidents.viewWhat.${v.what}`, { defaultValue: v.what })}）
            </div>
          ))}
        </>
      )}
    </Card>
  );
}

function CloseCard({ i }: { i: IncidentView }) {
  const { t } = useTranslation();
  const act = useAct(i.id);
  const [open, setOpen] = useState(false);
  const [summary, setSummary] = useState('');
  return (
    <Card title={t('incidents.close')}>
      <Button danger onClick={() => setOpen(true)} data-testid="incident-close">
        {t('incidents.close')}
      </Button>
      <Modal
        open={open}
        title={t('incidents.close')}
        confirmLoading={act.pending}
        okButtonProps={{ disabled: !summary.trim(), id: 'incident-close-ok' }}
        onCancel={() => setOpen(false)}
        onOk={async () => {
          if (await act.run('/close', { summary })) setOpen(false);
        }}
      >
        <Input.TextArea
          rows={4}
          placeholder={t('incidents.closeSummary')}
          value={summary}
          onChange={(e) => setSummary(e.target.value)}
          data-testid="incident-close-summary"
        />
      </Modal>
    </Card>
  );
}
