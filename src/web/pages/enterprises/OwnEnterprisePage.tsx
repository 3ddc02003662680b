/**
 * 本单位档案 (/enterprises/mine): an enterprise user's menu entry, straight to its own card. GET /api/enterprises
 * answers an enterprise user with its own record only; without one, it may register itself.
 */
import { Alert, Button, Result, Skeleton } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate } from 'react-router';
import { useMe } from '../../api/queries.js';
import { mayDo } from '../../routes.js';
import { EnterpriseFormModal } from './EnterpriseFormModal.js';
import { useOwnEnterprise } from './queries.js';

export function OwnEnterprisePage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const navigate = useNavigate();
  const own = useOwnEnterprise(me?.org.kind === 'enterprise');
  const [registering, setRegistering] = useState(false);
  if (own.isPending) return <Skeleton active />;
  if (own.error) return <Alert type="error" showIcon title={t('common.loadFailed', { message: own.error.message })} />;
  if (own.data) return <Navigate to={`/enterprises/${own.data.id}`} replace />;
  return (
    <>
      <Result
        status="info"
        title={t('enterprise.ownMissing')}
        subTitle={t('enterprise.ownMissingHint')}
        extra={
          mayDo(me, 'enterprise.write') ? (
            <Button type="primary" onClick={() => setRegistering(true)}>
              {t('enterprise.new')}
            </Button>
          ) : null
        }
      />
      {registering && (
        <EnterpriseFormModal
          enterprise={null}
          open
          onClose={() => setRegistering(false)}
          onSaved={(e) => void navigate(`/enterprises/${e.id}`, { replace: true })}
        />
      )}
    </>
  );
}
