/**
 * 事故发生单位 with a look-up in the enterprise registry (企业档案): typing two characters lists the registered
 * enterprises of the jurisdiction by name or credit code; choosing one fills the unit's name, credit code, address,
 * industry and place where they are still empty. A unit that is not registered is typed in as before.
 */
import { useQuery } from '@tanstack/react-query';
import { AutoComplete, Typography } from 'antd';
import { useDeferredValue } from 'react';
import type { EnterpriseListItem, EnterprisePage } from '../../../contracts/enterprises.js';
import { api } from '../../api/client.js';

const MIN_CHARS = 2;
const SHOWN = 8;

export function UnitLookup({
  value,
  onChange,
  onPick,
  id,
}: {
  value?: string;
  onChange?: (value: string) => void;
  onPick: (enterprise: EnterpriseListItem) => void;
  id?: string;
}) {
  const q = useDeferredValue((value ?? '').trim());
  const found = useQuery({
    queryKey: ['enterprises', 'lookup', q],
    queryFn: ({ signal }) => api<EnterprisePage>('/api/enterprises', { query: { q, pageSize: SHOWN }, signal }),
    enabled: q.length >= MIN_CHARS,
    staleTime: 60_000,
  });
  const items = q.length >= MIN_CHARS ? (found.data?.items ?? []) : [];
  return (
    <AutoComplete
      id={id}
      value={value}
      maxLength={200}
      onChange={(v: string) => onChange?.(v)}
      onSelect={(creditCode: string) => {
        const picked = items.find((e) => e.creditCode === creditCode);
        if (!picked) return;
        onChange?.(picked.name);
        onPick(picked);
      }}
      options={items.map((e) => ({
        value: e.creditCode,
        label: (
          <div data-testid={`unit-option-${e.creditCode}`}>
            <div>{e.name}</div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {e.creditCode} · {e.regionName}
            </Typography.Text>
          </div>
        ),
      }))}
    />
  );
}
