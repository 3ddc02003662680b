/**
 * 重大危险源辨识工具: the substances of a unit and the people within 500 m in, the GB 18218-2018 computation out,
 * step by step (Tables 1–6), recomputed by the server's engine as the user types. Nothing is saved.
 */
import { Button, Card, Form, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { EvaluationPreview } from './EvaluationPreview.js';
import { EMPTY_SUBSTANCE, SubstanceFields, type SubstanceFormValues } from './SubstanceFields.js';

const INITIAL: SubstanceFormValues = { substances: [{ ...EMPTY_SUBSTANCE }], exposedPeople: null };

export function EvaluatePage() {
  const { t } = useTranslation();
  const [form] = Form.useForm<SubstanceFormValues>();
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Card
        title={t('hazard.evaluate.title')}
        extra={
          <Button onClick={() => form.setFieldsValue({ substances: [{ ...EMPTY_SUBSTANCE }], exposedPeople: null })}>
            {t('common.reset')}
          </Button>
        }
      >
        <Typography.Paragraph type="secondary">{t('hazard.evaluate.intro')}</Typography.Paragraph>
        <Form<SubstanceFormValues> form={form} layout="vertical" initialValues={INITIAL} data-testid="evaluate-form">
          <SubstanceFields />
        </Form>
      </Card>
      <EvaluationPreview form={form} detail="steps" />
    </Space>
  );
}
