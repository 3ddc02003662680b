/**
 * 通报打印: a bulletin laid out as the official document it is (GB/T 9704), from the same layout as its .docx, with a
 * print button. The toolbar and the app's frame do not print; the sheet prints on A4 with the 公文 margins.
 */
import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Space, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { OfficialDocumentView } from '../../components/OfficialDocumentView.js';
import { useBulletinLayout } from './queries.js';

export function BulletinPrintPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const layout = useBulletinLayout(id);
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Space className="no-print" wrap>
        <Link to="/bulletins">
          <Button icon={<ArrowLeftOutlined />}>{t('bulletins.back')}</Button>
        </Link>
        <Button
          type="primary"
          icon={<PrinterOutlined />}
          disabled={!layout.data}
          onClick={() => window.print()}
          data-testid="bulletin-print-now"
        >
          {t('bulletins.printNow')}
        </Button>
        <Typography.Text type="secondary">{t('bulletins.printHint')}</Typography.Text>
      </Space>
      {layout.error ? <Alert type="error" showIcon title={String(layout.error)} /> : null}
      {layout.data ? <OfficialDocumentView layout={layout.data} /> : !layout.error && <Spin />}
    </Space>
  );
}
