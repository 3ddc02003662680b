/**
 * What is not yet on the server, always in view on the inspection screens: the drafts and files waiting, the ones the
 * server refused, and whether the device is online. Back online, the queue is sent at once.
 */
import { CloudSyncOutlined, DisconnectOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Space, Tag } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { onStoreChange, outbox } from './offline-store.js';
import { inspectionKeys } from './queries.js';
import { syncAll } from './sync.js';

export function useOnline(): boolean {
  const [online, setOnline] = useState(() => navigator.onLine);
  useEffect(() => {
    const on = () => setOnline(true);
    const off = () => setOnline(false);
    window.addEventListener('online', on);
    window.addEventListener('offline', off);
    return () => {
      window.removeEventListener('online', on);
      window.removeEventListener('offline', off);
    };
  }, []);
  return online;
}

export function useOutbox() {
  const [state, setState] = useState({ drafts: 0, files: 0, conflicts: 0 });
  useEffect(() => {
    const read = () => void outbox().then(setState);
    read();
    return onStoreChange(read);
  }, []);
  return state;
}

/** Sends the queue when the page opens and whenever the network comes back. */
export function useAutoSync() {
  const online = useOnline();
  const client = useQueryClient();
  const [syncing, setSyncing] = useState(false);
  const run = useCallback(async () => {
    setSyncing(true);
    try {
      await syncAll();
      await client.invalidateQueries({ queryKey: inspectionKeys.all });
    } finally {
      setSyncing(false);
    }
  }, [client]);
  useEffect(() => {
    if (online) void run();
  }, [online, run]);
  return { online, syncing, run };
}

export function OutboxBanner() {
  const { t } = useTranslation();
  const { online, syncing, run } = useAutoSync();
  const box = useOutbox();
  const status = online ? (
    <Tag color="green">{t('inspections.online')}</Tag>
  ) : (
    <Tag color="orange" icon={<DisconnectOutlined />}>
      {t('inspections.offline')}
    </Tag>
  );
  if (box.drafts === 0) {
    return (
      <div data-testid="outbox" data-pending="0" style={{ marginBottom: 12 }}>
        <Space>
          {status}
          <span>{t('inspections.allSynced')}</span>
        </Space>
      </div>
    );
  }
  return (
    <Alert
      data-testid="outbox"
      data-pending={box.drafts}
      type={box.conflicts ? 'error' : 'warning'}
      showIcon
      style={{ marginBottom: 12 }}
      title={
        <Space wrap>
          {status}
          <span>{t('inspections.outbox', { drafts: box.drafts, files: box.files })}</span>
          {box.conflicts > 0 && <span>{t('inspections.outboxConflicts', { count: box.conflicts })}</span>}
        </Space>
      }
      action={
        <Button
          size="small"
          icon={<CloudSyncOutlined />}
          loading={syncing}
          disabled={!online}
          onClick={() => void run()}
        >
          {syncing ? t('inspections.syncing') : t('inspections.syncNow')}
        </Button>
      }
    />
  );
}
