/**
 * 报送考核: a region's reporting score over a period and the ranking of its children — score bars, the five shares
 * (达标/应计 under each rate), the duplicate deduction — with the weights, drill-down into a child and the .xlsx.
 * The server computes everything (domain/assessment.ts); this page only shows it.
 */
import { ArrowUpOutlined, DownloadOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Col,
  DatePicker,
  Progress,
  Row,
  Space,
  Statistic,
  Table,
  type TableProps,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AssessmentChildRow, AssessmentRow, AssessmentShare } from '../../../contracts/assessment.js';
import { ASSESSMENT_METRICS } from '../../../domain/assessment.js';
import { levelOfCode } from '../../../domain/region-code.js';
import { formatTime, toIsoWithOffset } from '../../components/format.js';
import { RegionCascader } from '../../components/RegionCascader.js';
import { type AssessmentParams, assessmentXlsxUrl, useAssessment } from './queries.js';

/** [first month start, the month after the last) — cut at now. */
function periodOf(range: [Dayjs, Dayjs]): { from: string; to: string } {
  const end = range[1].add(1, 'month').startOf('month');
  const now = dayjs();
  return { from: toIsoWithOffset(range[0].startOf('month')), to: toIsoWithOffset(end.isAfter(now) ? now : end) };
}

function ScoreBar({ score }: { score: number | null }) {
  const { t } = useTranslation();
  if (score === null) return <Typography.Text type="secondary">{t('assessment.noData')}</Typography.Text>;
  const status = score >= 90 ? 'success' : score >= 60 ? 'normal' : 'exception';
  return <Progress percent={score} size="small" status={status} format={() => score.toFixed(1)} />;
}

function ShareCell({ share }: { share: AssessmentShare }) {
  if (share.rate === null) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Space orientation="vertical" size={0}>
      <span>{share.rate.toFixed(1)}%</span>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {share.numerator}/{share.denominator}
      </Typography.Text>
    </Space>
  );
}

export function AssessmentPage() {
  const { t } = useTranslation();
  const [regionCode, setRegionCode] = useState<string | undefined>();
  // The regions drilled down from, so 返回上级 goes back the way the user came (a 直辖市 has no city level to compute).
  const [trail, setTrail] = useState<(string | undefined)[]>([]);
  const drill = (code: string) => {
    setTrail((x) => [...x, regionCode]);
    setRegionCode(code);
  };
  const up = () => {
    setRegionCode(trail[trail.length - 1]);
    setTrail((x) => x.slice(0, -1));
  };
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs().startOf('year'), dayjs()]);
  const period = useMemo(() => periodOf(range), [range]);
  const params: AssessmentParams = { regionCode, ...period };
  const query = useAssessment(params);
  const a = query.data;

  const columns: TableProps<AssessmentChildRow>['columns'] = [
    {
      title: t('assessment.rank'),
      dataIndex: 'rank',
      width: 64,
      fixed: 'left',
      align: 'center',
      render: (rank: number | null) => (rank === null ? '—' : <Tag color={rank <= 3 ? 'gold' : 'default'}>{rank}</Tag>),
    },
    {
      title: t('assessment.region'),
      dataIndex: 'name',
      width: 140,
      fixed: 'left',
      render: (name: string, r) =>
        levelOfCode(r.code) === 'town' ? (
          name
        ) : (
          <Button type="link" size="small" style={{ padding: 0 }} onClick={() => drill(r.code)}>
            {name}
          </Button>
        ),
    },
    {
      title: t('assessment.score'),
      dataIndex: 'score',
      width: 180,
      render: (score: number | null) => <ScoreBar score={score} />,
    },
    { title: t('assessment.accidents'), dataIndex: 'accidents', width: 80, align: 'right' },
    ...ASSESSMENT_METRICS.map((m) => ({
      title: `${t(`assessment.metrics.${m}`)}（${a?.weights[m] ?? ''}）`,
      key: m,
      width: 120,
      align: 'right' as const,
      render: (_: unknown, r: AssessmentRow) => <ShareCell share={r.metrics[m]} />,
    })),
    {
      title: t('assessment.duplicates'),
      key: 'duplicates',
      width: 100,
      align: 'right',
      render: (_: unknown, r) =>
        r.duplicates.count === 0 ? (
          0
        ) : (
          <Space orientation="vertical" size={0}>
            <span>{r.duplicates.count}</span>
            <Typography.Text type="danger" style={{ fontSize: 12 }}>
              {t('assessment.deduction', { points: r.duplicates.deduction })}
            </Typography.Text>
          </Space>
        ),
    },
  ];

  return (
    <Card
      title={t('assessment.title')}
      extra={
        <Button
          type="primary"
          icon={<DownloadOutlined />}
          href={assessmentXlsxUrl(params)}
          download
          disabled={!a}
          data-testid="assessment-export"
        >
          {t('assessment.export')}
        </Button>
      }
      styles={{ body: { padding: 12 } }}
    >
      <Row gutter={[8, 8]} style={{ marginBottom: 12 }}>
        <Col xs={24} md={8}>
          <RegionCascader
            value={regionCode}
            onChange={(code) => {
              setTrail([]);
              setRegionCode(code);
            }}
            style={{ width: '100%' }}
          />
        </Col>
        <Col xs={24} md={8}>
          <DatePicker.RangePicker
            picker="month"
            value={range}
            allowClear={false}
            style={{ width: '100%' }}
            disabledDate={(d) => d.isAfter(dayjs(), 'month')}
            onChange={(v) => {
              if (v?.[0] && v[1]) setRange([v[0], v[1]]);
            }}
          />
        </Col>
        {trail.length > 0 && (
          <Col>
            <Button icon={<ArrowUpOutlined />} onClick={up}>
              {t('assessment.up')}
            </Button>
          </Col>
        )}
      </Row>
      {query.error ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('common.loadFailed', { message: query.error instanceof Error ? query.error.message : '' })}
        />
      ) : null}
      {a && (
        <Row gutter={[12, 12]} style={{ marginBottom: 12 }} data-testid="assessment-region">
          <Col xs={12} md={4}>
            <Statistic
              title={`${a.region.name} ${t('assessment.score')}`}
              value={a.region.score ?? t('assessment.noData')}
              precision={a.region.score === null ? undefined : 1}
            />
          </Col>
          <Col xs={12} md={3}>
            <Statistic title={t('assessment.accidents')} value={a.region.accidents} />
          </Col>
          {ASSESSMENT_METRICS.map((m) => (
            <Col xs={12} md={3} key={m}>
              <Statistic
                title={t(`assessment.metrics.${m}`)}
                value={a.region.metrics[m].rate ?? '—'}
                suffix={a.region.metrics[m].rate === null ? undefined : '%'}
              />
            </Col>
          ))}
          <Col xs={12} md={2}>
            <Statistic title={t('assessment.duplicates')} value={a.region.duplicates.count} />
          </Col>
        </Row>
      )}
      <Table<AssessmentChildRow>
        data-testid="assessment-table"
        size="small"
        bordered
        rowKey="code"
        columns={columns}
        dataSource={a?.children ?? []}
        loading={query.isFetching}
        pagination={false}
        scroll={{ x: 1280 }}
      />
      {a && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 8 }}>
          {t('assessment.note', {
            weights: ASSESSMENT_METRICS.map((m) => `${t(`assessment.metrics.${m}`)} ${a.weights[m]}`).join('、'),
            deduction: a.weights.duplicateDeduction,
            asOf: formatTime(a.asOf),
          })}
        </Typography.Paragraph>
      )}
    </Card>
  );
}
