/** The reporting chain of one report: each level with its receipt, forward and signature times and its deadline. */
import { Grid, Space, Steps, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useRegion } from '../api/queries.js';
import type { ChainEntry } from '../api/types.js';
import { Countdown } from './Countdown.js';
import { formatTime } from './format.js';
import { DeadlineTag } from './tags.js';

function stepStatus(entry: ChainEntry): 'wait' | 'process' | 'finish' | 'error' {
  if (!entry.receivedAt) return 'wait';
  if (entry.status === 'overdue') return 'error';
  if (entry.status === 'pending') return 'process';
  return 'finish';
}

function RegionName({ code }: { code: string }) {
  const region = useRegion(code);
  return <>{region.data?.name ?? ''}</>;
}

function EntryContent({ entry }: { entry: ChainEntry }) {
  const { t } = useTranslation();
  if (!entry.receivedAt) return <Typography.Text type="secondary">{t('detail.notReceived')}</Typography.Text>;
  const doneAt = entry.signedAt && !entry.isTarget ? entry.forwardedAt : (entry.signedAt ?? entry.forwardedAt);
  return (
    <Space orientation="vertical" size={2} style={{ fontSize: 13 }}>
      <span>
        {t(entry.originated ? 'detail.originated' : 'detail.received')}：{formatTime(entry.receivedAt)}
      </span>
      {entry.signedAt && (
        <span>
          {t('detail.signed')}：{formatTime(entry.signedAt)}
        </span>
      )}
      {entry.forwardedAt && !entry.skipped && (
        <span>
          {t('detail.forwarded')}：{formatTime(entry.forwardedAt)}
        </span>
      )}
      {entry.dueAt && !entry.skipped && (
        <span>
          {t('detail.due')}：{formatTime(entry.dueAt)}
        </span>
      )}
      {entry.status === 'pending' || entry.status === 'overdue' ? (
        <Countdown dueAt={entry.dueAt} doneAt={entry.status === 'overdue' ? null : doneAt} />
      ) : null}
      {entry.forwardNote && <Typography.Text type="secondary">{entry.forwardNote}</Typography.Text>}
    </Space>
  );
}

export function ChainTimeline({ chain }: { chain: ChainEntry[] }) {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  const current = chain.reduce((at, entry, i) => (entry.receivedAt ? i : at), 0);
  return (
    <Steps
      data-testid="chain"
      current={current}
      orientation={screens.md ? 'horizontal' : 'vertical'}
      size="small"
      items={chain.map((entry) => ({
        status: stepStatus(entry),
        title: (
          <span data-testid={`chain-${entry.level}`} data-status={entry.status}>
            {t(`level.${entry.level}`)} <RegionName code={entry.regionCode} />
          </span>
        ),
        subTitle: (
          <Space size={0} wrap>
            {entry.skipped ? <Tag color="purple">{t('detail.skippedTag')}</Tag> : <DeadlineTag status={entry.status} />}
            {entry.isTarget && <Tag color="geekblue">{t('detail.targetTag')}</Tag>}
            {entry.isHolder && <Tag color="cyan">{t('detail.holderTag')}</Tag>}
          </Space>
        ),
        content: <EntryContent entry={entry} />,
      }))}
    />
  );
}
