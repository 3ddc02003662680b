/**
 * The plan's visual vocabulary: an item's status (done green, due blue, overdue red), how it came in the plan, and a
 * team with its 执法证号.
 */
import { Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ItemStatus, TeamMember } from '../../../contracts/supervision.js';

export const ITEM_STATUS_COLORS: Record<ItemStatus, string> = { done: 'success', due: 'processing', overdue: 'error' };
/** The same colours for charts (antd's success, primary and error). */
export const ITEM_STATUS_INKS: Record<ItemStatus, string> = { done: '#52c41a', due: '#1677ff', overdue: '#ff4d4f' };

export function ItemStatusTag({ status }: { status: ItemStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={ITEM_STATUS_COLORS[status]} data-testid="plan-item-status" data-status={status}>
      {t(`supervision.status.${status}`)}
    </Tag>
  );
}

export function ItemSourceTag({ source }: { source: 'key' | 'random' }) {
  const { t } = useTranslation();
  return (
    <Tag color={source === 'key' ? 'volcano' : 'cyan'} variant="outlined">
      {t(`supervision.source.${source}`)}
    </Tag>
  );
}

/** An inspection team: each officer's name and 执法证号. */
export function TeamList({ team }: { team: TeamMember[] }) {
  return (
    <Space orientation="vertical" size={0}>
      {team.map((m) => (
        <span key={m.userId} data-testid="team-member">
          {m.name}
          <Typography.Text type="secondary" style={{ marginLeft: 4, fontSize: 12 }}>
            {m.cert}
          </Typography.Text>
        </span>
      ))}
    </Space>
  );
}
