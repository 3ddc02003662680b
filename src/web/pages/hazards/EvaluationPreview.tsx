/**
 * The live evaluation of what is in a substance form: the server's engine (POST /api/hazards/evaluate, debounced)
 * on every change, shown as the verdict (构成 / 不构成重大危险源, S, R, the grade) and, when asked, step by step.
 */
import { Alert, Card, Collapse, Empty, Form, type FormInstance, Space, Spin, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Evaluation } from '../../../contracts/hazards.js';
import { ApiError } from '../../api/client.js';
import { EvaluationSteps } from './EvaluationSteps.js';
import { useEvaluation } from './queries.js';
import { evaluateInputOf, type SubstanceRow } from './SubstanceFields.js';
import { figure, HazardGradeTag } from './tags.js';

export function Verdict({ evaluation }: { evaluation: Pick<Evaluation, 's' | 'r' | 'isMajor' | 'grade'> }) {
  const { t } = useTranslation();
  return (
    <Space
      orientation="vertical"
      size={4}
      data-testid="evaluation-result"
      data-grade={evaluation.grade ?? 0}
      data-major={evaluation.isMajor}
    >
      <Space wrap size={6}>
        <span style={{ fontSize: 18 }}>
          <HazardGradeTag grade={evaluation.grade} />
        </span>
        <Typography.Text strong>{evaluation.isMajor ? t('hazard.isMajor') : t('hazard.notMajorLong')}</Typography.Text>
      </Space>
      <Typography.Text>
        S = {figure(evaluation.s)} {evaluation.isMajor ? '≥' : '<'} 1
        {evaluation.isMajor ? ` · R = ${figure(evaluation.r)}` : ''}
      </Typography.Text>
    </Space>
  );
}

/** "第1种物质：须为数字（吨）" — an issue of the evaluation, numbered as the form's rows are. */
function issueText(t: TFunction, path: string, message: string, indexes: number[]): string {
  const parts = path.split('.');
  if (parts[0] === 'substances' && parts.length >= 2) {
    const n = (indexes[Number(parts[1])] ?? Number(parts[1])) + 1;
    return `${t('hazard.substance.nth', { n })}：${message}`;
  }
  if (parts[0] === 'exposedPeople') return `${t('hazard.exposedPeople')}：${message}`;
  return message;
}

export interface EvaluationPreviewProps {
  /** A form with the SubstanceFields in it. */
  form: FormInstance;
  /** 'steps': the whole computation (辨识工具); 'summary': the verdict with the steps folded away (unit form). */
  detail: 'steps' | 'summary';
}

export function EvaluationPreview({ form, detail }: EvaluationPreviewProps) {
  const { t } = useTranslation();
  const substances = Form.useWatch('substances', { form, preserve: true }) as SubstanceRow[] | undefined;
  const exposedPeople = Form.useWatch('exposedPeople', { form, preserve: true }) as number | null | undefined;
  const { body, indexes } = evaluateInputOf({ substances: substances ?? [], exposedPeople });
  const evaluation = useEvaluation(body);
  const data = body ? evaluation.data : undefined;
  const error = body ? evaluation.error : null;
  const issues =
    error instanceof ApiError && error.fieldIssues.length
      ? error.fieldIssues.map((i) => issueText(t, i.path, i.message, indexes))
      : error
        ? [error.message]
        : [];

  const content = !body ? (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('hazard.previewEmpty')} />
  ) : issues.length ? (
    <Alert
      type="warning"
      showIcon
      title={t('hazard.previewInvalid')}
      description={
        <ul className="diff-list">
          {issues.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      }
      data-testid="evaluation-issues"
    />
  ) : data ? (
    <Space orientation="vertical" size={8} style={{ width: '100%' }}>
      <Verdict evaluation={data} />
      {detail === 'steps' ? (
        <EvaluationSteps evaluation={data} exposedPeople={body.exposedPeople} />
      ) : (
        <Collapse
          size="small"
          items={[
            {
              key: 'steps',
              label: t('hazard.showSteps'),
              children: <EvaluationSteps evaluation={data} exposedPeople={body.exposedPeople} />,
            },
          ]}
        />
      )}
    </Space>
  ) : (
    <Spin />
  );

  return (
    <Card
      size="small"
      title={detail === 'steps' ? t('hazard.evaluate.result') : t('hazard.preview')}
      extra={body && evaluation.isFetching ? <Spin size="small" /> : null}
      data-testid="evaluation-preview"
      style={{ borderColor: '#adc6ff' }}
    >
      {content}
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '8px 0 0' }}>
        {t('hazard.standardNote')}
      </Typography.Paragraph>
    </Card>
  );
}
