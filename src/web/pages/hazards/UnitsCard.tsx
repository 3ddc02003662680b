/**
 * 危险源单元 of one enterprise on its card: kind, name, substances, S, R, the grade, 备案 and 包保责任人; 新增单元,
 * 修改 and 停用 for whoever may write the register (hazard.write); a unit's name opens its drawer.
 */
import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Popconfirm, Space, Table, type TableProps, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HazardUnitView } from '../../../contracts/hazards.js';
import { useMe } from '../../api/queries.js';
import { mayDo } from '../../routes.js';
import { useEnterpriseUnits, useRetireUnit } from './queries.js';
import { FilingTag, figure, HazardGradeTag, substancesText } from './tags.js';
import { UnitDrawer } from './UnitDrawer.js';
import { UnitFormModal } from './UnitFormModal.js';

export function UnitsCard({ enterpriseId }: { enterpriseId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe().data;
  const writes = mayDo(me, 'hazard.write');
  const units = useEnterpriseUnits(enterpriseId);
  const retire = useRetireUnit();
  const [editing, setEditing] = useState<HazardUnitView | null | 'new'>(null);
  const [shown, setShown] = useState<string | null>(null);

  const columns: TableProps<HazardUnitView>['columns'] = [
    {
      title: t('hazard.unit.name'),
      dataIndex: 'name',
      width: 170,
      fixed: 'left',
      render: (v: string, u) => (
        <Space orientation="vertical" size={0}>
          <Typography.Link onClick={() => setShown(u.id)} data-testid="unit-open">
            {v}
          </Typography.Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t(`unitKind.${u.kind}`)}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('hazard.substance.title'),
      key: 'substances',
      width: 220,
      ellipsis: true,
      render: (_: unknown, u) => substancesText(u.substances),
    },
    { title: 'S', dataIndex: 's', width: 70, align: 'right', render: (v: number) => figure(v) },
    { title: 'R', dataIndex: 'r', width: 70, align: 'right', render: (v: number, u) => (u.isMajor ? figure(v) : '—') },
    {
      title: t('hazard.grade'),
      dataIndex: 'grade',
      width: 110,
      render: (_: unknown, u) =>
        u.retiredAt ? <Tag>{t('hazard.unit.retired')}</Tag> : <HazardGradeTag grade={u.grade} />,
    },
    {
      title: t('hazard.unit.filing'),
      dataIndex: 'filingStatus',
      width: 90,
      render: (_: unknown, u) => <FilingTag status={u.filingStatus} no={u.filingNo} />,
    },
    {
      title: t('hazard.unit.persons'),
      key: 'persons',
      width: 200,
      render: (_: unknown, u) => (
        <Typography.Text style={{ fontSize: 12 }}>
          {[u.principalName, u.technicalName, u.operationName].some(Boolean)
            ? [u.principalName, u.technicalName, u.operationName].map((n) => n ?? '—').join(' / ')
            : '—'}
        </Typography.Text>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 130,
      fixed: 'right',
      hidden: !writes,
      render: (_: unknown, u) =>
        u.retiredAt ? null : (
          <Space size={0}>
            <Button type="link" size="small" onClick={() => setEditing(u)} data-testid="unit-edit">
              {t('hazard.unit.edit')}
            </Button>
            <Popconfirm
              title={t('hazard.unit.retireConfirm', { name: u.name })}
              okText={t('common.confirm')}
              cancelText={t('common.cancel')}
              onConfirm={async () => {
                try {
                  await retire.mutateAsync(u.id);
                  message.success(t('hazard.unit.retiredOk', { name: u.name }));
                } catch (e) {
                  message.error(t('errors.generic', { message: e instanceof Error ? e.message : String(e) }));
                }
              }}
            >
              <Button type="link" size="small" danger>
                {t('hazard.unit.retire')}
              </Button>
            </Popconfirm>
          </Space>
        ),
    },
  ];

  return (
    <Card
      title={t('hazard.unit.title')}
      data-testid="units-card"
      extra={
        writes ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="unit-new">
            {t('hazard.unit.new')}
          </Button>
        ) : null
      }
    >
      <Table<HazardUnitView>
        data-testid="units-table"
        size="small"
        rowKey="id"
        columns={columns}
        dataSource={units.data?.items ?? []}
        loading={units.isPending}
        pagination={false}
        scroll={{ x: 1060 }}
        onRow={(u) => ({ style: u.retiredAt ? { opacity: 0.55 } : undefined })}
        locale={units.error ? { emptyText: t('common.loadFailed', { message: units.error.message }) } : undefined}
      />
      {editing !== null && (
        <UnitFormModal
          enterpriseId={enterpriseId}
          unit={editing === 'new' ? null : editing}
          open
          onClose={() => setEditing(null)}
        />
      )}
      <UnitDrawer unitId={shown} onClose={() => setShown(null)} />
    </Card>
  );
}
