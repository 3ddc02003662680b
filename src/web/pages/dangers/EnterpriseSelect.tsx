/** An enterprise of the registry, picked by typing its name (the jurisdiction's; an enterprise user sees its own). */
import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useDeferredValue, useState } from 'react';
import type { EnterprisePage } from '../../../contracts/enterprises.js';
import { api } from '../../api/client.js';

export function EnterpriseSelect({
  value,
  onChange,
  placeholder,
  id,
  onPicked,
}: {
  value?: string;
  onChange?: (id: string) => void;
  placeholder?: string;
  id?: string;
  /** Also gives the name (an offline draft keeps it to show without the server). */
  onPicked?: (e: { id: string; name: string }) => void;
}) {
  const [typed, setTyped] = useState('');
  const q = useDeferredValue(typed.trim());
  const found = useQuery({
    queryKey: ['enterprises', 'pick', q],
    queryFn: ({ signal }) =>
      api<EnterprisePage>('/api/enterprises', { query: { q: q || undefined, pageSize: 20 }, signal }),
    staleTime: 60_000,
  });
  return (
    <Select
      id={id}
      showSearch={{ filterOption: false, onSearch: setTyped }}
      value={value}
      onChange={(picked: string) => {
        onChange?.(picked);
        const e = found.data?.items.find((x) => x.id === picked);
        if (e) onPicked?.({ id: e.id, name: e.name });
      }}
      placeholder={placeholder}
      loading={found.isFetching}
      options={(found.data?.items ?? []).map((e) => ({ value: e.id, label: `${e.name}（${e.regionName}）` }))}
      data-testid="danger-enterprise"
    />
  );
}
