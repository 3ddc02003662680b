/**
 * 重大事故隐患（按地区）: the 重大 dangers under 督办 today (安全生产法 第四十一条: supervised until 销号), per child
 * region of the cockpit's region. Counted by the statistics API over every date found, so it equals the
 * 隐患排查治理统计 table's 挂牌督办 column for the same span.
 */
import { Card, Empty, Skeleton, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useDangerStats } from '../dangers/queries.js';

/** Before any danger the platform holds: the open ones of every year are counted. */
const SINCE = '2000-01-01';

export function MajorDangersCard({ regionCode, today }: { regionCode: string; today: string }) {
  const { t } = useTranslation();
  const stats = useDangerStats({ regionCode, from: SINCE, to: today });
  const rows = [...(stats.data?.rows ?? [])]
    .filter((r) => r.supervised > 0)
    .sort((a, b) => b.supervised - a.supervised);
  const max = Math.max(1, ...rows.map((r) => r.supervised));
  return (
    <Card
      size="small"
      title={t('cockpit.majorDangers')}
      extra={<Link to="/hidden-dangers?level=major">{t('cockpit.more')}</Link>}
      data-testid="cockpit-major-dangers"
    >
      {stats.error ? (
        <Typography.Text type="danger">{t('common.loadFailed', { message: stats.error.message })}</Typography.Text>
      ) : !stats.data ? (
        <Skeleton active />
      ) : (
        <>
          <Statistic
            title={t('cockpit.supervisedTotal')}
            value={stats.data.total.supervised}
            styles={{ content: { color: stats.data.total.supervised > 0 ? '#cf1322' : undefined } }}
            data-testid="cockpit-major-dangers-total"
          />
          {rows.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('cockpit.noMajorDangers')} />
          ) : (
            <div style={{ marginTop: 8 }}>
              {rows.map((r) => (
                <div
                  key={r.regionCode}
                  data-testid={`cockpit-major-dangers-${r.regionCode}`}
                  style={{ display: 'flex', alignItems: 'center', gap: 8, fontSize: 13, marginBottom: 4 }}
                >
                  <span style={{ width: 96, flex: 'none', overflow: 'hidden', textOverflow: 'ellipsis' }}>
                    {r.label}
                  </span>
                  <span style={{ flex: 1, background: '#f5f5f5', borderRadius: 2 }}>
                    <span
                      style={{
                        display: 'block',
                        width: `${(100 * r.supervised) / max}%`,
                        height: 10,
                        background: '#cf1322',
                        borderRadius: 2,
                      }}
                    />
                  </span>
                  <span style={{ width: 32, textAlign: 'right' }}>{r.supervised}</span>
                </div>
              ))}
            </div>
          )}
        </>
      )}
    </Card>
  );
}
