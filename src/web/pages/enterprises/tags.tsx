/** The registry's visual vocabulary: sector tags, enterprise status, licence state and expiry alert, days left. */
import { Badge, Space, Tag, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { EnterpriseStatus, ExpiryStage, LicenceState, Sector } from '../../../domain/enterprise.js';

const SECTOR_COLORS: Record<Sector, string> = {
  hazardous_chemicals: 'magenta',
  non_coal_mines: 'gold',
  fireworks: 'volcano',
  industry_trade: 'geekblue',
  other: 'default',
};

export function SectorTags({ sectors }: { sectors: readonly Sector[] }) {
  const { t } = useTranslation();
  return (
    <>
      {sectors.map((s) => (
        <Tag key={s} color={SECTOR_COLORS[s]} style={{ marginBottom: 2 }}>
          {t(`sector.${s}`)}
        </Tag>
      ))}
    </>
  );
}

const STATUS_BADGES: Record<EnterpriseStatus, 'success' | 'warning' | 'default'> = {
  operating: 'success',
  suspended: 'warning',
  closed: 'default',
};

export function EnterpriseStatusBadge({ status }: { status: EnterpriseStatus }) {
  const { t } = useTranslation();
  return <Badge status={STATUS_BADGES[status]} text={t(`enterpriseStatus.${status}`)} />;
}

const STATE_COLORS: Record<LicenceState, string> = {
  valid: 'success',
  suspended: 'warning',
  revoked: 'error',
  expired: 'error',
};

export function LicenceStateTag({ state }: { state: LicenceState }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATE_COLORS[state]} data-testid="licence-state" data-state={state}>
      {t(`licenceState.${state}`)}
    </Tag>
  );
}

export const EXPIRY_COLORS: Record<ExpiryStage, string> = { d90: 'gold', d30: 'orange', expired: 'red' };

export function ExpiryTag({ stage }: { stage: ExpiryStage | null }) {
  const { t } = useTranslation();
  if (!stage) return null;
  return (
    <Tag color={EXPIRY_COLORS[stage]} variant="solid" data-testid="expiry-tag" data-stage={stage}>
      {t(`expiryStage.${stage}`)}
    </Tag>
  );
}

/** "剩余 75 天" / "已过期 10 天". */
export function DaysLeft({ days, small = false }: { days: number; small?: boolean }) {
  const { t } = useTranslation();
  return (
    <Typography.Text
      type={days < 0 ? 'danger' : days <= 30 ? 'warning' : undefined}
      style={small ? { fontSize: 12 } : undefined}
    >
      {days < 0 ? t('licence.overdueDays', { count: -days }) : t('licence.daysLeft', { count: days })}
    </Typography.Text>
  );
}

/** The 企业名称 column of every enterprise list: the name linking to the card, the address under it. */
export function enterpriseNameColumn<T extends { id: string; name: string; address: string }>(t: TFunction) {
  return {
    title: t('enterprise.name'),
    dataIndex: 'name',
    width: 260,
    fixed: 'left' as const,
    render: (v: string, r: T) => (
      <Space orientation="vertical" size={0}>
        <Link to={`/enterprises/${r.id}`}>{v}</Link>
        <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis>
          {r.address}
        </Typography.Text>
      </Space>
    ),
  };
}
