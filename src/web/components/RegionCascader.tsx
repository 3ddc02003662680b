/**
 * Region picker limited to the signed-in bureau's subtree (GB/T 2260), children loaded on demand.
 * `countyOnly`: only a county (the level a quick report is filed at) can be chosen.
 */
import { Cascader } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.js';
import { fetchRegions, useMe } from '../api/queries.js';
import type { Region } from '../api/types.js';

interface Option {
  value: string;
  label: string;
  isLeaf: boolean;
  children?: Option[];
}

const NATIONAL = '000000';

function toOption(r: Pick<Region, 'code' | 'name' | 'level'>): Option {
  return { value: r.code, label: r.name, isLeaf: r.level === 'county' || r.level === 'town' };
}

/** The codes from the root of the picker down to `code`: province → city → county prefixes. */
export function pathTo(code: string, rootCode: string): string[] {
  const chain = [...new Set([`${code.slice(0, 2)}0000`, `${code.slice(0, 4)}00`, code.slice(0, 6)])];
  if (rootCode === NATIONAL) return chain;
  const start = chain.indexOf(rootCode);
  return start < 0 ? [code] : chain.slice(start);
}

function withChildren(options: Option[], value: string, children: Option[]): Option[] {
  return options.map((o) => {
    if (o.value === value) return { ...o, children, isLeaf: children.length === 0 };
    if (o.children) return { ...o, children: withChildren(o.children, value, children) };
    return o;
  });
}

function find(options: Option[] | undefined, value: string): Option | undefined {
  for (const o of options ?? []) {
    if (o.value === value) return o;
    const hit = find(o.children, value);
    if (hit) return hit;
  }
  return undefined;
}

export interface RegionCascaderProps {
  value?: string | undefined;
  onChange?: (code: string | undefined) => void;
  countyOnly?: boolean;
  placeholder?: string;
  id?: string;
  style?: React.CSSProperties;
}

export function RegionCascader({ value, onChange, countyOnly = false, placeholder, id, style }: RegionCascaderProps) {
  const { t } = useTranslation();
  const me = useMe().data;
  const root = me?.regionCode ?? NATIONAL;
  const [options, setOptions] = useState<Option[]>([]);

  const loadChildren = useCallback(async (parent: string) => {
    const children = (await fetchRegions(parent)).filter((r) => r.level !== 'town').map(toOption);
    setOptions((prev) => withChildren(prev, parent, children));
  }, []);

  // The root: the bureau's own region (or all provinces for the ministry).
  useEffect(() => {
    let cancelled = false;
    void (async () => {
      const roots =
        root === NATIONAL
          ? (await fetchRegions(NATIONAL)).map(toOption)
          : [toOption(await api<Region>(`/api/regions/${root}`))];
      if (!cancelled) setOptions(roots);
    })();
    return () => {
      cancelled = true;
    };
  }, [root]);

  // Show a preset value (e.g. from a duty log entry) by loading the levels on its path.
  useEffect(() => {
    if (!value || options.length === 0) return;
    const path = pathTo(value, root);
    for (const code of path.slice(0, -1)) {
      const node = find(options, code);
      if (node && !node.isLeaf && !node.children) {
        void loadChildren(code);
        return;
      }
    }
  }, [value, options, root, loadChildren]);

  return (
    <Cascader<Option>
      id={id}
      style={style}
      options={options}
      value={value ? pathTo(value, root) : undefined}
      placeholder={placeholder ?? t('list.region')}
      changeOnSelect={!countyOnly}
      showSearch={false}
      allowClear
      loadData={(selected) => {
        const last = selected[selected.length - 1];
        if (last && !last.children) void loadChildren(last.value);
      }}
      onChange={(path) => {
        const list = (path ?? []) as string[];
        onChange?.(list.length ? list[list.length - 1] : undefined);
      }}
    />
  );
}
