/** The one "fill in and save" dialog: 保存 / 取消 labels, a spinner while saving, a fresh form each time. */
import { Modal, type ModalProps } from 'antd';
import { useTranslation } from 'react-i18next';

export function SaveModal({ saving, ...props }: Omit<ModalProps, 'okText' | 'cancelText'> & { saving: boolean }) {
  const { t } = useTranslation();
  return (
    <Modal
      {...props}
      confirmLoading={saving}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      destroyOnHidden
    />
  );
}
