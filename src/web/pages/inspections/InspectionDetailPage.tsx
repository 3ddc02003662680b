/**
 * One inspection as recorded (/inspections/:id): the unit, the team and their 执法证号, each item with its legal
 * basis and result, the evidence with its SHA-256, the dangers it ordered fixed and its 现场检查记录 (.docx).
 */
import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Card, Descriptions, Image, List, Space, Spin, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { InspectionItemView, InspectionView } from '../../../contracts/inspections.js';
import { useInspection } from './queries.js';

const RESULT_COLOR = { conform: 'green', nonconform: 'red', not_applicable: 'default' } as const;

function Items({ inspection }: { inspection: InspectionView }) {
  const { t } = useTranslation();
  return (
    <Table<InspectionItemView>
      size="small"
      rowKey="code"
      pagination={false}
      dataSource={inspection.items}
      scroll={{ x: 640 }}
      data-testid="inspection-items"
      columns={[
        { title: '#', width: 40, render: (_v, _r, i) => i + 1 },
        {
          title: t('inspections.items'),
          dataIndex: 'requirement',
          render: (v: string, item) => (
            <Space orientation="vertical" size={0}>
              <span>{v}</span>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('inspections.basis')}：《{item.basis.law}》{item.basis.article}
              </Typography.Text>
              {item.note && <Typography.Text style={{ fontSize: 12 }}>{item.note}</Typography.Text>}
              {item.violation && (
                <Typography.Text type="danger" style={{ fontSize: 12 }}>
                  {t('inspections.violations')}：{item.violation.description}（{item.violation.basis}）
                </Typography.Text>
              )}
            </Space>
          ),
        },
        {
          title: t('inspections.resultTitle'),
          dataIndex: 'result',
          width: 100,
          render: (r: InspectionItemView['result'], item) => (
            <Space orientation="vertical" size={0}>
              <Tag color={RESULT_COLOR[r]}>{t(`inspections.result.${r}`)}</Tag>
              {item.dangerId && <Link to={`/hidden-dangers/${item.dangerId}`}>{t('inspections.asDanger')}</Link>}
            </Space>
          ),
        },
      ]}
    />
  );
}

export function InspectionDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const query = useInspection(id);
  if (query.error) return <Alert type="error" showIcon title={String(query.error)} />;
  const i = query.data;
  if (!i) return <Spin />;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="inspection-detail">
      <Card title={`${t('inspections.title')} · ${i.enterprise.name}`}>
        <Descriptions size="small" column={{ xs: 1, sm: 2 }}>
          <Descriptions.Item label={t('inspections.enterprise')}>{i.enterprise.name}</Descriptions.Item>
          <Descriptions.Item label={t('inspections.kind')}>{t(`inspections.kinds.${i.kind}`)}</Descriptions.Item>
          <Descriptions.Item label={t('inspections.inspectedOn')}>{i.inspectedOn}</Descriptions.Item>
          <Descriptions.Item label={t('inspections.place')}>{i.place}</Descriptions.Item>
          <Descriptions.Item label={t('inspections.team')} span={2}>
            {i.team.map((m) => `${m.name}（${t('inspections.cert')} ${m.cert}）`).join('、')}
          </Descriptions.Item>
          <Descriptions.Item label={t('inspections.representative')}>
            {i.signature.status === 'refused'
              ? `${i.signature.representativeName} · ${t('inspections.signatureRefused', { witness: i.signature.witness })}`
              : `${i.signature.representativeName}（${t('inspections.signed')}）`}
          </Descriptions.Item>
          {i.signature.status === 'signed' && i.signature.hasImage && (
            <Descriptions.Item label={t('inspections.signatureImage')}>
              <img
                src={`/api/inspections/${i.id}/signature.png`}
                alt={t('inspections.signatureImage')}
                data-testid="inspection-signature"
                style={{ maxWidth: 220, maxHeight: 90 }}
              />
            </Descriptions.Item>
          )}
          <Descriptions.Item label={t('inspections.recordedBy')}>{i.recordedByName}</Descriptions.Item>
          <Descriptions.Item label={t('inspections.findings')} span={2}>
            {i.findings}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card
        size="small"
        title={`${t('inspections.items')}（${i.itemCount}，${t('inspections.nonconforming')} ${i.nonconforming}）`}
      >
        <Items inspection={i} />
      </Card>
      <Card size="small" title={t('inspections.evidence')}>
        {i.evidence.length === 0 ? (
          t('inspections.noEvidence')
        ) : (
          <Space wrap data-testid="inspection-evidence">
            {i.evidence.map((e) => (
              <Space key={e.id} orientation="vertical" size={0} style={{ width: 140 }}>
                {e.kind === 'photo' ? (
                  <Image src={`/api/evidence/${e.id}`} width={140} height={105} style={{ objectFit: 'cover' }} />
                ) : (
                  <audio controls src={`/api/evidence/${e.id}`} style={{ width: 140 }}>
                    <track kind="captions" />
                  </audio>
                )}
                <Typography.Text type="secondary" style={{ fontSize: 11 }} copyable={{ text: e.sha256 }}>
                  {t('inspections.sha256')} {e.sha256.slice(0, 12)}…
                </Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 11 }}>
                  {t('inspections.captured')} {e.capturedAt.slice(0, 16).replace('T', ' ')}
                </Typography.Text>
              </Space>
            ))}
          </Space>
        )}
      </Card>
      {i.dangers.length > 0 && (
        <Card size="small" title={t('inspections.dangersFound')}>
          <List
            size="small"
            dataSource={i.dangers}
            renderItem={(d) => (
              <List.Item>
                <Link to={`/hidden-dangers/${d.id}`}>{d.description}</Link>
                <Tag color={d.level === 'major' ? 'red' : 'orange'}>{t(`inspections.levels.${d.level}`)}</Tag>
              </List.Item>
            )}
          />
        </Card>
      )}
      <Card size="small" title={t('inspections.documents')}>
        <List
          size="small"
          dataSource={i.documents}
          renderItem={(d) => (
            <List.Item>
              <a href={`/api/inspections/${i.id}/documents/${d.id}.docx`} download data-testid="inspection-document">
                <DownloadOutlined /> {d.number}
              </a>
            </List.Item>
          )}
        />
      </Card>
    </Space>
  );
}
