/**
 * The file picker of the import pages: one .xlsx or .csv, dropped or chosen, kept in the page's state (never
 * uploaded by antd itself — the page posts it when the user starts the import).
 */
import { InboxOutlined } from '@ant-design/icons';
import { Upload } from 'antd';
import { useTranslation } from 'react-i18next';

export interface FileDropperProps {
  file: File | null;
  disabled: boolean;
  /** A file was chosen (it replaces the previous one). */
  onPick: (file: File) => void;
  onRemove: () => void;
  testId: string;
}

export function FileDropper({ file, disabled, onPick, onRemove, testId }: FileDropperProps) {
  const { t } = useTranslation();
  return (
    <Upload.Dragger
      accept=".xlsx,.csv"
      maxCount={1}
      disabled={disabled}
      fileList={file ? [{ uid: 'file', name: file.name, status: 'done', size: file.size }] : []}
      beforeUpload={(f) => {
        onPick(f);
        return false;
      }}
      onRemove={() => {
        onRemove();
        return true;
      }}
      data-testid={testId}
    >
      <p className="ant-upload-drag-icon">
        <InboxOutlined />
      </p>
      <p className="ant-upload-text">{t('imports.drop')}</p>
      <p className="ant-upload-hint">{t('imports.dropHint')}</p>
    </Upload.Dragger>
  );
}
