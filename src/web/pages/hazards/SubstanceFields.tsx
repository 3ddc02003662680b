/**
 * The substances of a unit (and the people within 500 m), shared by the unit form and the 辨识工具: each row a name
 * with autocomplete over the GB 18218-2018 Table-1 names and aliases, the CAS number, the Table-2 category (required
 * for a substance not in Table 1; for a listed one it only sets β from Table 4) and q in tonnes. What the row
 * resolves to is shown under it; the server's engine decides.
 */
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { AutoComplete, Button, Col, Form, Input, InputNumber, Row, Select, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { type ReactNode, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { EvaluateInput, SubstanceInput } from '../../../contracts/hazards.js';
import { findSubstance, normaliseName, tableThreeBeta } from '../../../domain/major-hazard.js';
import { TABLE_1, TABLE_2 } from '../../../domain/major-hazard-tables.js';
import type { FieldIssue } from '../../api/client.js';

export interface SubstanceRow {
  name?: string | undefined;
  cas?: string | undefined;
  category?: string[] | undefined;
  /** Tonnes as typed (InputNumber in string mode keeps the exact decimal). */
  quantityT?: string | number | null | undefined;
}

export interface SubstanceFormValues {
  substances?: SubstanceRow[];
  exposedPeople?: number | null;
}

export const EMPTY_SUBSTANCE: SubstanceRow = { name: undefined, cas: undefined, category: undefined, quantityT: null };

interface NameOption {
  value: string;
  /** The option's own name, normalised. */
  own: string;
  label: ReactNode;
  search: string;
}

/** One option per Table-1 name and alias, so that 液氨 is offered as itself (→ 表1 第1号 氨). */
const NAME_OPTIONS: NameOption[] = TABLE_1.flatMap((row) => {
  const cas = row.cas.join('、');
  const q = `Q = ${row.criticalQuantityT} t`;
  const search = normaliseName([row.name, ...row.aliases, ...row.cas].join('|'));
  return [row.name, ...row.aliases].map((text) => ({
    value: text,
    own: normaliseName(text),
    search: `${normaliseName(text)}|${search}`,
    label: (
      <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
        <span style={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>
          {text}
          {text !== row.name && <Typography.Text type="secondary"> → {row.name}</Typography.Text>}
        </span>
        <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
          #{row.no} {cas} {q}
        </Typography.Text>
      </div>
    ),
  }));
});

const MAX_OPTIONS = 40;

const CATEGORY_OPTIONS = TABLE_2.map((c) => ({
  value: c.symbol,
  label: `${c.symbol} ${c.className} · ${c.description}（Q = ${c.criticalQuantityT} t）`,
}));

const blank = (s: string | undefined) => !s || s.trim() === '';

/** What a row of the form resolves to in Table 1, as the engine will look it up. */
function resolve(row: SubstanceRow | undefined) {
  if (!row || (blank(row.name) && blank(row.cas))) return null;
  return findSubstance({ name: row.name?.trim() || undefined, cas: row.cas?.trim() || undefined });
}

function RowHint({ row, t }: { row: SubstanceRow | undefined; t: TFunction }) {
  const found = resolve(row);
  if (!found) return null;
  let text: string;
  let type: 'secondary' | 'warning' = 'secondary';
  switch (found.status) {
    case 'found': {
      const s = found.substance;
      const beta = tableThreeBeta(s.no);
      text = t('hazard.substance.inTable1', { no: s.no, name: s.name, q: s.criticalQuantityT });
      text +=
        beta === undefined
          ? t('hazard.substance.betaTable4', { category: s.defaultCategory })
          : t('hazard.substance.betaTable3', { beta });
      break;
    }
    case 'ambiguous':
      type = 'warning';
      text = t('hazard.substance.ambiguous', { rows: found.candidates.map((c) => `#${c.no} ${c.name}`).join('、') });
      break;
    case 'conflict':
      type = 'warning';
      text = t('hazard.substance.conflict', { cas: found.byCas.name, name: found.byName.name });
      break;
    case 'conditional':
      type = 'warning';
      text = t('hazard.substance.conditional', { no: found.substance.no, name: found.substance.name });
      break;
    default:
      type = 'warning';
      text = t('hazard.substance.notInTable1');
  }
  return (
    <Typography.Text type={type} style={{ fontSize: 12 }} data-testid="substance-hint">
      {text}
    </Typography.Text>
  );
}

/** Whether the category decides Q (not in Table 1: required) or only β (a Table-1 row outside Table 3), or nothing. */
function categoryRole(row: SubstanceRow | undefined): 'required' | 'beta' | 'none' {
  const found = resolve(row);
  if (!found || found.status === 'not_found') return 'required';
  if (found.status === 'found') return tableThreeBeta(found.substance.no) === undefined ? 'beta' : 'none';
  // A conditional name is classified by Table 2 unless the full name is given: the category decides Q.
  if (found.status === 'conditional') return 'required';
  return 'beta';
}

function SubstanceLine({ index, onRemove, removable }: { index: number; onRemove: () => void; removable: boolean }) {
  const { t } = useTranslation();
  const form = Form.useFormInstance<SubstanceFormValues>();
  const row = Form.useWatch(['substances', index], form) as SubstanceRow | undefined;
  const role = categoryRole(row);
  const found = resolve(row);
  const defaultCategory = found?.status === 'found' ? found.substance.defaultCategory : undefined;
  const nameText = normaliseName(row?.name ?? '');
  // Filtered here: the typed text against names, aliases and CAS numbers (full-width forms folded).
  const options = useMemo(() => {
    if (!nameText) return NAME_OPTIONS.slice(0, MAX_OPTIONS);
    // The name typed itself first, then names containing it, then rows that match by another name or CAS.
    const rank = (o: NameOption) =>
      o.own === nameText ? 0 : o.own.startsWith(nameText) ? 1 : o.own.includes(nameText) ? 2 : 3;
    return NAME_OPTIONS.filter((o) => o.search.includes(nameText))
      .sort((a, b) => rank(a) - rank(b))
      .slice(0, MAX_OPTIONS);
  }, [nameText]);
  return (
    <div
      data-testid={`substance-${index}`}
      style={{ border: '1px solid #f0f0f0', borderRadius: 6, padding: '8px 8px 0', marginBottom: 8 }}
    >
      <Row gutter={8} align="top">
        <Col xs={24} md={8}>
          <Form.Item name={[index, 'name']} label={t('hazard.substance.name')} style={{ marginBottom: 8 }}>
            <AutoComplete
              id={`substances_${index}_name`}
              options={options}
              showSearch={{ filterOption: false }}
              popupMatchSelectWidth={420}
              placeholder={t('hazard.substance.namePlaceholder')}
              allowClear
            />
          </Form.Item>
        </Col>
        <Col xs={12} md={4}>
          <Form.Item name={[index, 'cas']} label={t('hazard.substance.cas')} style={{ marginBottom: 8 }}>
            <Input id={`substances_${index}_cas`} maxLength={30} placeholder="7664-41-7" />
          </Form.Item>
        </Col>
        <Col xs={12} md={7}>
          <Form.Item
            name={[index, 'category']}
            label={role === 'beta' ? t('hazard.substance.categoryForBeta') : t('hazard.substance.category')}
            style={{ marginBottom: 8 }}
            rules={role === 'required' ? [{ required: true, message: t('hazard.substance.categoryRequired') }] : []}
          >
            <Select
              id={`substances_${index}_category`}
              mode="multiple"
              maxCount={5}
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              options={CATEGORY_OPTIONS}
              placeholder={
                role === 'none'
                  ? t('hazard.substance.categoryNotNeeded')
                  : defaultCategory
                    ? t('hazard.substance.categoryDefault', { category: defaultCategory })
                    : 'W5.1'
              }
              popupMatchSelectWidth={460}
              // A Table-3 gas: Q from Table 1 and β from Table 3, no category needed.
              disabled={role === 'none'}
            />
          </Form.Item>
        </Col>
        <Col xs={18} md={4}>
          <Form.Item
            name={[index, 'quantityT']}
            label={t('hazard.substance.quantity')}
            style={{ marginBottom: 8 }}
            rules={[{ required: true, message: t('hazard.substance.quantityRequired') }]}
          >
            <InputNumber<string>
              id={`substances_${index}_quantityT`}
              stringMode
              min="0"
              step="1"
              style={{ width: '100%' }}
              suffix="t"
            />
          </Form.Item>
        </Col>
        <Col xs={6} md={1} style={{ paddingTop: 30, textAlign: 'right' }}>
          {removable && (
            <Button
              type="text"
              danger
              icon={<DeleteOutlined />}
              aria-label={t('hazard.substance.remove')}
              onClick={onRemove}
            />
          )}
        </Col>
      </Row>
      <div style={{ marginTop: -4, marginBottom: 6 }}>
        <RowHint row={row} t={t} />
      </div>
    </div>
  );
}

/** The Form.List of substances and the people within 500 m; put inside a <Form>. */
export function SubstanceFields() {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item
        name="exposedPeople"
        label={t('hazard.exposedPeople')}
        tooltip={t('hazard.exposedPeopleHint')}
        rules={[{ required: true, message: t('hazard.exposedPeopleRequired') }]}
      >
        <InputNumber
          id="exposedPeople"
          min={0}
          max={1_000_000}
          precision={0}
          style={{ width: 200 }}
          suffix={t('hazard.peopleUnit')}
        />
      </Form.Item>
      <Typography.Text strong>{t('hazard.substance.title')}</Typography.Text>
      <Form.List name="substances">
        {(fields, { add, remove }) => (
          <div style={{ marginTop: 6 }}>
            {fields.map((field) => (
              <SubstanceLine
                key={field.key}
                index={field.name}
                removable={fields.length > 1}
                onRemove={() => remove(field.name)}
              />
            ))}
            <Button
              type="dashed"
              icon={<PlusOutlined />}
              onClick={() => add({ ...EMPTY_SUBSTANCE })}
              data-testid="substance-add"
              block
            >
              {t('hazard.substance.add')}
            </Button>
          </div>
        )}
      </Form.List>
    </>
  );
}

const DECIMAL = /^\d{1,9}(\.\d{1,6})?$/;

/**
 * The evaluate body of the form's values, with the form index of each substance sent (empty rows are left out);
 * null while something needed is missing.
 */
export function evaluateInputOf(values: SubstanceFormValues | undefined): {
  body: EvaluateInput | null;
  indexes: number[];
} {
  const rows = values?.substances ?? [];
  const indexes: number[] = [];
  const substances: SubstanceInput[] = [];
  rows.forEach((row, i) => {
    if (!row || (blank(row.name) && blank(row.cas) && !row.category?.length)) return;
    const q = row.quantityT === null || row.quantityT === undefined ? '' : String(row.quantityT).trim();
    indexes.push(i);
    substances.push({
      ...(blank(row.name) ? {} : { name: row.name?.trim() }),
      ...(blank(row.cas) ? {} : { cas: row.cas?.trim() }),
      ...(row.category?.length ? { category: row.category.length === 1 ? row.category[0] : row.category } : {}),
      quantityT: DECIMAL.test(q) ? q : q === '' ? '' : Number(q),
    } as SubstanceInput);
  });
  const people = values?.exposedPeople;
  const complete =
    substances.length > 0 &&
    substances.every((s) => s.quantityT !== '') &&
    typeof people === 'number' &&
    Number.isInteger(people) &&
    people >= 0;
  return { body: complete ? { substances, exposedPeople: people } : null, indexes };
}

/** Server paths ("substances.0.category.1") → form field names (['substances', 2, 'category']). */
export function substanceFieldName(path: string, indexes: number[]): (string | number)[] | null {
  const parts = path.split('.');
  if (parts[0] === 'exposedPeople') return ['exposedPeople'];
  if (parts[0] !== 'substances' || parts.length < 3) return null;
  const sent = Number(parts[1]);
  const index = indexes[sent] ?? sent;
  return ['substances', index, parts[2] as string];
}

/** The server's field issues on the substance and people fields; the others are returned. */
export function substanceIssues(issues: FieldIssue[], indexes: number[]) {
  const fields: { name: (string | number)[]; errors: string[] }[] = [];
  const rest: FieldIssue[] = [];
  for (const issue of issues) {
    const name = substanceFieldName(issue.path, indexes);
    if (name) fields.push({ name, errors: [issue.message] });
    else rest.push(issue);
  }
  return { fields, rest };
}
