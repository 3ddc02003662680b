/**
 * 就近查询 (/rescue-resources/nearest): the teams, equipment and experts nearest to a point or to an accident (its
 * unit's coordinates, else its county seat), by straight-line distance, within the jurisdiction — on the schematic map
 * and as a list with distances. The query lives in the address bar (a duty officer can send the link).
 */
import {
  Alert,
  Button,
  Card,
  Col,
  Empty,
  Input,
  InputNumber,
  Radio,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type NearestItem,
  RESOURCE_KINDS,
  type ResourceKind,
  SPECIALTIES,
} from '../../../contracts/rescue-resources.js';
import { useUrlFilters } from '../../components/use-url-filters.js';
import { useNearest } from './queries.js';
import { RescueLinks, ResourceDrawer, SpecialtyTags } from './RescueResourcesPage.js';
import { KIND_COLORS, ResourceMap } from './ResourceMap.js';

const KEYS = ['lng', 'lat', 'accidentId', 'kind', 'specialty', 'limit'] as const;

export function NearestPage() {
  const { t } = useTranslation();
  const { query, set } = useUrlFilters(KEYS);
  const [by, setBy] = useState<'point' | 'accident'>(query.accidentId ? 'accident' : 'point');
  const [lng, setLng] = useState<number | null>(query.lng ? Number(query.lng) : 118.018);
  const [lat, setLat] = useState<number | null>(query.lat ? Number(query.lat) : 36.806);
  const [accidentId, setAccidentId] = useState(query.accidentId ?? '');
  const [open, setOpen] = useState<string | null>(null);
  const searched = query.accidentId || (query.lng && query.lat);
  const params = searched
    ? {
        ...(query.accidentId ? { accidentId: query.accidentId } : { lng: query.lng, lat: query.lat }),
        kind: query.kind,
        specialty: query.specialty,
        limit: query.limit ?? 10,
      }
    : null;
  const result = useNearest(params);
  const search = () =>
    set(
      by === 'accident'
        ? { accidentId: accidentId.trim() || undefined, lng: undefined, lat: undefined }
        : {
            lng: lng === null ? undefined : String(lng),
            lat: lat === null ? undefined : String(lat),
            accidentId: undefined,
          },
    );

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Card title={t('rescue.nearest.title')} extra={<RescueLinks />}>
        <Row gutter={[8, 8]} align="middle">
          <Col>
            <Radio.Group value={by} onChange={(e) => setBy(e.target.value)} optionType="button">
              <Radio.Button value="point">{t('rescue.nearest.byPoint')}</Radio.Button>
              <Radio.Button value="accident">{t('rescue.nearest.byAccident')}</Radio.Button>
            </Radio.Group>
          </Col>
          {by === 'point' ? (
            <>
              <Col>
                <InputNumber
                  addonBefore={t('rescue.lng')}
                  value={lng}
                  min={73}
                  max={136}
                  step={0.01}
                  onChange={setLng}
                />
              </Col>
              <Col>
                <InputNumber addonBefore={t('rescue.lat')} value={lat} min={3} max={54} step={0.01} onChange={setLat} />
              </Col>
            </>
          ) : (
            <Col flex="360px">
              <Input
                addonBefore={t('rescue.nearest.accidentId')}
                value={accidentId}
                onChange={(e) => setAccidentId(e.target.value)}
                data-testid="nearest-accident"
              />
            </Col>
          )}
          <Col>
            <Select
              allowClear
              style={{ width: 130 }}
              placeholder={t('rescue.kind')}
              value={query.kind}
              options={RESOURCE_KINDS.map((k) => ({ value: k, label: t(`rescue.kinds.${k}`) }))}
              onChange={(v?: string) => set({ kind: v })}
            />
          </Col>
          <Col>
            <Select
              allowClear
              style={{ width: 130 }}
              placeholder={t('rescue.specialty')}
              value={query.specialty}
              options={SPECIALTIES.map((v) => ({ value: v, label: t(`rescue.specialtyNames.${v}`) }))}
              onChange={(v?: string) => set({ specialty: v })}
            />
          </Col>
          <Col>
            <InputNumber
              addonBefore={t('rescue.nearest.limit')}
              min={1}
              max={100}
              value={Number(query.limit ?? 10)}
              onChange={(v) => set({ limit: v ? String(v) : undefined })}
              style={{ width: 140 }}
            />
          </Col>
          <Col>
            <Button type="primary" onClick={search} data-testid="nearest-search">
              {t('rescue.nearest.search')}
            </Button>
          </Col>
        </Row>
      </Card>
      {result.error ? <Alert type="error" showIcon title={(result.error as Error).message} /> : null}
      {result.data && (
        <Row gutter={12}>
          <Col xs={24} xl={14}>
            <Card
              size="small"
              title={t('rescue.nearest.mapTitle')}
              extra={
                <Typography.Text type="secondary">
                  {t('rescue.nearest.origin')}：{t(`rescue.nearest.originSources.${result.data.origin.source}`)}
                  {result.data.origin.label ? ` · ${result.data.origin.label}` : ''}（
                  {result.data.origin.lng.toFixed(3)}, {result.data.origin.lat.toFixed(3)}）
                </Typography.Text>
              }
            >
              <ResourceMap origin={result.data.origin} items={result.data.items} onOpen={setOpen} />
            </Card>
          </Col>
          <Col xs={24} xl={10}>
            <Card size="small">
              {result.data.items.length === 0 ? (
                <Empty description={t('rescue.nearest.empty')} />
              ) : (
                <Table<NearestItem>
                  data-testid="nearest-table"
                  size="small"
                  rowKey="id"
                  pagination={false}
                  dataSource={result.data.items}
                  columns={[
                    { title: '#', key: 'n', width: 40, render: (_: unknown, __: NearestItem, i: number) => i + 1 },
                    {
                      title: t('rescue.name'),
                      dataIndex: 'name',
                      render: (v: string, r) => (
                        <Space orientation="vertical" size={0}>
                          <Typography.Link onClick={() => setOpen(r.id)}>{v}</Typography.Link>
                          <span>
                            <Tag color={KIND_COLORS[r.kind as ResourceKind]}>{t(`rescue.kinds.${r.kind}`)}</Tag>
                            <SpecialtyTags values={r.specialties} />
                            {r.busy && <Tag color="red">{t('rescue.nearest.busy')}</Tag>}
                          </span>
                        </Space>
                      ),
                    },
                    {
                      title: t('rescue.nearest.distance'),
                      dataIndex: 'distanceKm',
                      width: 100,
                      align: 'right',
                      render: (v: number) => v.toFixed(2),
                    },
                    {
                      title: t('rescue.contactPhone'),
                      key: 'phone',
                      width: 130,
                      render: (_: unknown, r) => r.dutyPhone ?? r.contactPhone ?? '—',
                    },
                  ]}
                />
              )}
            </Card>
          </Col>
        </Row>
      )}
      <ResourceDrawer id={open} onClose={() => setOpen(null)} />
    </Space>
  );
}
