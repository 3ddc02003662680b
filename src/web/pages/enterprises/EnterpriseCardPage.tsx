/**
 * 企业档案 card (/enterprises/:id): the record, its licences with their expiry alerts, its 生产单元 and 储存单元 with
 * their grades, and the 修改记录. Whoever may write edits in place; an enterprise user sees its own card only.
 */
import { ArrowLeftOutlined, AuditOutlined, EditOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Descriptions, Grid, Result, Row, Skeleton, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import type { EnterpriseView } from '../../../contracts/enterprises.js';
import type { CensusView } from '../../../contracts/hazards.js';
import { isWithin } from '../../../domain/region-code.js';
import { isNotFound } from '../../api/client.js';
import { useMe } from '../../api/queries.js';
import { formatTime } from '../../components/format.js';
import { mayDo } from '../../routes.js';
import { censusPhase, useCensuses, useEnterpriseUnits, useSubmitCensusReturn } from '../hazards/queries.js';
import { HazardGradeTag } from '../hazards/tags.js';
import { UnitsCard } from '../hazards/UnitsCard.js';
import { SupervisionClassCard } from '../supervision/SupervisionClassCard.js';
import { EnterpriseFormModal } from './EnterpriseFormModal.js';
import { HistoryCard } from './HistoryCard.js';
import { LicencesCard } from './LicencesCard.js';
import { useEnterprise } from './queries.js';
import { EnterpriseStatusBadge, SectorTags } from './tags.js';

/** "3 处，最高 一级" — the enterprise's 重大危险源 at a glance. */
export function MajorHazardSummary({ count, grade }: { count: number; grade: EnterpriseView['topHazardGrade'] }) {
  const { t } = useTranslation();
  if (count === 0) return <Typography.Text type="secondary">{t('enterprise.noMajorHazard')}</Typography.Text>;
  return (
    <Space size={4} data-testid="major-hazard-summary" data-count={count} data-grade={grade ?? 0}>
      <Typography.Text>{t('enterprise.majorHazardCount', { count })}</Typography.Text>
      {grade !== null && <HazardGradeTag grade={grade as 1 | 2 | 3 | 4} />}
    </Space>
  );
}

/** The campaigns open today (started, not past their end) whose region and sectors cover the enterprise. */
function openCensusesOf(e: EnterpriseView, items: readonly CensusView[]): CensusView[] {
  return items.filter(
    (c) =>
      censusPhase(c) === 'open' &&
      isWithin(e.regionCode, c.regionCode) &&
      (c.sectors.length === 0 || c.sectors.some((s) => e.sectors.includes(s))),
  );
}

/**
 * 普查申报, one button per open campaign covering the enterprise (census.submit): the enterprise's current 生产单元
 * and 储存单元 are its return, so the confirmation says which; declared again, the return is replaced.
 */
function CensusReturnButtons({ e }: { e: EnterpriseView }) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const me = useMe().data;
  const allowed = mayDo(me, 'census.submit');
  const censuses = useCensuses(allowed);
  const units = useEnterpriseUnits(e.id);
  const submit = useSubmitCensusReturn();
  if (!allowed) return null;
  const open = openCensusesOf(e, censuses.data?.items ?? []);
  const current = (units.data?.items ?? []).filter((u) => !u.retiredAt);
  const declare = (c: CensusView) =>
    modal.confirm({
      title: t('census.declareTitle', { name: c.name }),
      content: t('census.declareConfirm', {
        units: current.length,
        major: current.filter((u) => u.isMajor).length,
        endsOn: c.endsOn,
      }),
      okText: t('census.declare'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          const r = await submit.mutateAsync({ censusId: c.id, enterpriseId: e.id });
          message.success(
            t(r.late ? 'census.declaredLate' : 'census.declared', { units: r.units, major: r.majorUnits }),
          );
        } catch (err) {
          message.error(t('errors.generic', { message: err instanceof Error ? err.message : String(err) }));
        }
      },
    });
  return (
    <>
      {open.map((c) => (
        <Button
          key={c.id}
          icon={<AuditOutlined />}
          onClick={() => declare(c)}
          title={c.name}
          data-testid="census-declare"
          data-census={c.id}
        >
          {open.length > 1 ? t('census.declareNamed', { name: c.name }) : t('census.declare')}
        </Button>
      ))}
    </>
  );
}

function Header({ e }: { e: EnterpriseView }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const me = useMe().data;
  const [editing, setEditing] = useState(false);
  return (
    <Card>
      <Row gutter={[12, 12]} align="middle">
        <Col flex="auto" style={{ minWidth: 0 }}>
          <Space orientation="vertical" size={4} style={{ width: '100%' }}>
            <Space wrap>
              {me?.org.kind === 'bureau' && (
                <Button
                  type="text"
                  icon={<ArrowLeftOutlined />}
                  onClick={() => void navigate(-1)}
                  aria-label={t('common.back')}
                />
              )}
              <Typography.Title level={4} style={{ margin: 0 }} data-testid="enterprise-title">
                {e.name}
              </Typography.Title>
              <EnterpriseStatusBadge status={e.status} />
              <SectorTags sectors={e.sectors} />
            </Space>
            <Space wrap size="middle">
              <Typography.Text type="secondary">
                {t('enterprise.creditCode')}：<span data-testid="credit-code">{e.creditCode}</span>
              </Typography.Text>
              <Typography.Text type="secondary">
                {t('enterprise.region')}：{e.regionName}
              </Typography.Text>
              <MajorHazardSummary count={e.majorHazardCount} grade={e.topHazardGrade} />
            </Space>
          </Space>
        </Col>
        <Col>
          <Space wrap>
            <CensusReturnButtons e={e} />
            {mayDo(me, 'enterprise.write') && (
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="enterprise-edit">
                {t('enterprise.edit')}
              </Button>
            )}
          </Space>
        </Col>
      </Row>
      {editing && <EnterpriseFormModal enterprise={e} open onClose={() => setEditing(false)} />}
    </Card>
  );
}

function Info({ e }: { e: EnterpriseView }) {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  const person = (name: string | null, phone: string | null) => (name ? `${name}${phone ? ` · ${phone}` : ''}` : '—');
  const span = screens.md ? 2 : 1;
  return (
    <Card title={t('enterprise.info')}>
      <Descriptions column={span} size="small" bordered styles={{ label: { width: 132 } }}>
        <Descriptions.Item label={t('enterprise.creditCode')}>
          <span style={{ whiteSpace: 'nowrap' }}>{e.creditCode}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('enterprise.region')}>{e.regionName}</Descriptions.Item>
        <Descriptions.Item label={t('enterprise.address')} span={span}>
          {e.address}
        </Descriptions.Item>
        <Descriptions.Item label={t('enterprise.coordinates')}>
          {e.longitude !== null && e.latitude !== null ? `${e.longitude}°E, ${e.latitude}°N` : '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('enterprise.industryCode')}>{e.industryCode}</Descriptions.Item>
        <Descriptions.Item label={t('enterprise.sectors')}>
          <SectorTags sectors={e.sectors} />
        </Descriptions.Item>
        <Descriptions.Item label={t('enterprise.scale')}>{e.scale ? t(`scale.${e.scale}`) : '—'}</Descriptions.Item>
        <Descriptions.Item label={t('enterprise.employees')}>
          {e.employees === null ? '—' : t('common.people', { count: e.employees })}
        </Descriptions.Item>
        <Descriptions.Item label={t('enterprise.status')}>
          <EnterpriseStatusBadge status={e.status} />
        </Descriptions.Item>
        <Descriptions.Item label={t('enterprise.legalRepresentative')}>
          {e.legalRepresentative ?? '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('enterprise.principalName')}>
          {person(e.principalName, e.principalPhone)}
        </Descriptions.Item>
        <Descriptions.Item label={t('enterprise.safetyManagerName')}>
          {person(e.safetyManagerName, e.safetyManagerPhone)}
        </Descriptions.Item>
        <Descriptions.Item label={t('enterprise.updatedAt')}>
          {formatTime(e.updatedAt)} <Tag>v{e.version}</Tag>
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

export function EnterpriseCardPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const query = useEnterprise(id);
  if (query.isPending) return <Skeleton active />;
  if (query.error)
    return isNotFound(query.error) ? (
      <Result status="404" title="404" subTitle={t('common.notFound')} />
    ) : (
      <Alert type="error" showIcon title={t('common.loadFailed', { message: query.error.message })} />
    );
  const e = query.data;
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="enterprise-card">
      <Header e={e} />
      <Row gutter={[12, 12]}>
        <Col xs={24} xl={14}>
          <Info e={e} />
        </Col>
        <Col xs={24} xl={10}>
          <HistoryCard enterpriseId={e.id} />
        </Col>
      </Row>
      <SupervisionClassCard enterpriseId={e.id} />
      <LicencesCard enterprise={e} />
      <UnitsCard enterpriseId={e.id} />
    </Space>
  );
}
