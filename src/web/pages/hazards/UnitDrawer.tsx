/**
 * One unit in a drawer: what it is, its 包保责任人 and 备案, the evaluation as stored (Q, β, q/Q with their sources,
 * S, α, R, the grade) and the grade history — every evaluation since the unit was declared.
 */
import { Alert, Descriptions, Drawer, Empty, Grid, Skeleton, Space, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatTime } from '../../components/format.js';
import { EvaluationSteps } from './EvaluationSteps.js';
import { useHazardUnit } from './queries.js';
import { FilingTag, figure, HazardGradeTag, substancesText } from './tags.js';

export function UnitDrawer({ unitId, onClose }: { unitId: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  const query = useHazardUnit(unitId);
  const u = query.data;
  const person = (name: string | null, phone: string | null) => (name ? `${name}${phone ? ` · ${phone}` : ''}` : '—');
  return (
    <Drawer
      open={!!unitId}
      onClose={onClose}
      size={screens.lg ? 920 : '100%'}
      title={u ? `${u.name}（${t(`unitKind.${u.kind}`)}）` : t('hazard.unit.detail')}
      extra={u ? <HazardGradeTag grade={u.grade} /> : null}
      destroyOnHidden
    >
      {query.error ? (
        <Alert type="error" showIcon title={t('common.loadFailed', { message: query.error.message })} />
      ) : !u ? (
        <Skeleton active />
      ) : (
        <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="unit-drawer">
          {u.retiredAt && (
            <Alert type="warning" showIcon title={t('hazard.unit.retiredAt', { at: formatTime(u.retiredAt) })} />
          )}
          <Descriptions size="small" bordered column={screens.md ? 2 : 1}>
            <Descriptions.Item label={t('enterprise.name')}>
              <Link to={`/enterprises/${u.enterpriseId}`}>{u.enterpriseName}</Link>
            </Descriptions.Item>
            <Descriptions.Item label={t('enterprise.region')}>{u.regionName}</Descriptions.Item>
            <Descriptions.Item label={t('hazard.unit.kind')}>{t(`unitKind.${u.kind}`)}</Descriptions.Item>
            <Descriptions.Item label={t('hazard.exposedPeople')}>
              {t('common.people', { count: u.exposedPeople })}
            </Descriptions.Item>
            <Descriptions.Item label={t('hazard.substance.title')} span={screens.md ? 2 : 1}>
              {substancesText(u.substances)}
            </Descriptions.Item>
            <Descriptions.Item label={t('hazard.unit.principalName')}>
              {person(u.principalName, u.principalPhone)}
            </Descriptions.Item>
            <Descriptions.Item label={t('hazard.unit.technicalName')}>
              {person(u.technicalName, u.technicalPhone)}
            </Descriptions.Item>
            <Descriptions.Item label={t('hazard.unit.operationName')}>
              {person(u.operationName, u.operationPhone)}
            </Descriptions.Item>
            <Descriptions.Item label={t('hazard.unit.filing')}>
              <Space size={4} wrap>
                <FilingTag status={u.filingStatus} />
                {u.filingNo}
                {u.filedAt && <Typography.Text type="secondary">{u.filedAt}</Typography.Text>}
              </Space>
            </Descriptions.Item>
          </Descriptions>
          <div>
            <Typography.Title level={5}>{t('hazard.unit.evaluation')}</Typography.Title>
            <EvaluationSteps evaluation={u} exposedPeople={u.exposedPeople} />
          </div>
          <div>
            <Typography.Title level={5}>{t('hazard.unit.history')}</Typography.Title>
            {u.history.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
            ) : (
              <Timeline
                data-testid="unit-history"
                items={[...u.history]
                  .sort((a, b) => b.seq - a.seq)
                  .map((h, i, all) => {
                    const previous = all[i + 1];
                    const changed = previous !== undefined && previous.grade !== h.grade;
                    return {
                      key: h.seq,
                      color: changed ? 'orange' : h.isMajor ? 'blue' : 'gray',
                      content: (
                        <Space orientation="vertical" size={2}>
                          <Space wrap size={4}>
                            <HazardGradeTag grade={h.grade} />
                            {changed && previous && (
                              <Tag color="orange">
                                {t('hazard.unit.regraded', {
                                  from: previous.grade ? t(`majorHazardGrade.${previous.grade}`) : t('hazard.notMajor'),
                                  to: h.grade ? t(`majorHazardGrade.${h.grade}`) : t('hazard.notMajor'),
                                })}
                              </Tag>
                            )}
                            <Typography.Text type="secondary">
                              {formatTime(h.at)} · {h.by}
                            </Typography.Text>
                          </Space>
                          <Typography.Text>
                            S = {figure(h.s)} · R = {figure(h.r)} · α = {h.alpha.toFixed(1)} ·{' '}
                            {t('common.people', { count: h.exposedPeople })}
                          </Typography.Text>
                          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                            {substancesText(h.substances)}
                          </Typography.Text>
                        </Space>
                      ),
                    };
                  })}
              />
            )}
          </div>
        </Space>
      )}
    </Drawer>
  );
}
