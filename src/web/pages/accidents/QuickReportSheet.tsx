/**
 * 生产安全事故快报单 as printed: the report's 493号令 第十二条 content in a bordered form on A4, with the chain's
 * receipts and the signature lines of the duty room. Hidden on screen; the print stylesheet (index.html) shows only it.
 */
import { useTranslation } from 'react-i18next';
import type { AccidentView } from '../../api/types.js';
import { formatTime } from '../../components/format.js';

const cell = { border: '1px solid #000', padding: '6px 8px', verticalAlign: 'top' } as const;
const head = { ...cell, width: '18%', fontWeight: 600, whiteSpace: 'nowrap' } as const;

export function QuickReportSheet({ a }: { a: AccidentView }) {
  const { t } = useTranslation();
  const row = (label: string, value: React.ReactNode, label2?: string, value2?: React.ReactNode) => (
    <tr>
      <td style={head}>{label}</td>
      <td style={cell} colSpan={label2 ? 1 : 3}>
        {value ?? '—'}
      </td>
      {label2 && (
        <>
          <td style={head}>{label2}</td>
          <td style={cell}>{value2 ?? '—'}</td>
        </>
      )}
    </tr>
  );
  const wan = (Number(a.directLossYuan) / 10_000).toFixed(1);
  return (
    <div className="print-only" data-testid="quick-report-sheet" style={{ fontFamily: '"FangSong", "仿宋", serif' }}>
      <h1 style={{ textAlign: 'center', fontSize: 24, margin: '0 0 4px', letterSpacing: 4 }}>{t('print.title')}</h1>
      <p style={{ display: 'flex', justifyContent: 'space-between', margin: '0 0 8px' }}>
        <span>
          {t('accident.reportNo')}：{a.reportNo}
        </span>
        <span>
          {t('accident.receivedAt')}：{formatTime(a.receivedAt)}
        </span>
      </p>
      <table style={{ width: '100%', borderCollapse: 'collapse', fontSize: 14 }}>
        <tbody>
          {row(t('accident.unitName'), a.unitName, t('accident.unitCreditCode'), a.unitCreditCode)}
          {row(t('accident.occurredAt'), formatTime(a.occurredAt), t('accident.regionShort'), a.regionName)}
          {row(t('accident.address'), a.address)}
          {row(t('accident.industryCode'), a.industryCode, t('accident.accidentType'), a.accidentTypeName)}
          {row(
            t('print.casualties'),
            t('print.casualtiesValue', {
              deaths: a.deaths,
              missing: a.missing,
              serious: a.seriousInjuries,
              minor: a.minorInjuries,
            }),
            t('print.loss'),
            `${wan} ${t('print.wan')}`,
          )}
          {row(t('accident.grade'), a.gradeLabel, t('accident.target'), t(`level.${a.targetLevel}`))}
          {row(t('accident.summary'), <div style={{ minHeight: 96, whiteSpace: 'pre-wrap' }}>{a.summary}</div>)}
          {row(
            t('accident.measuresTaken'),
            <div style={{ minHeight: 64, whiteSpace: 'pre-wrap' }}>{a.measuresTaken}</div>,
          )}
          {row(t('accident.reporterName'), a.reporterName, t('accident.reporterPhone'), a.reporterPhone)}
          {row(
            t('print.chain'),
            a.chain
              .filter((c) => c.receivedAt)
              .map((c) => `${t(`level.${c.level}`)} ${formatTime(c.receivedAt)}`)
              .join('；'),
          )}
        </tbody>
      </table>
      <p style={{ display: 'flex', justifyContent: 'space-between', marginTop: 24 }}>
        <span>{t('print.officer')}：</span>
        <span>{t('print.leader')}：</span>
        <span>{t('print.issuer')}：</span>
      </p>
    </div>
  );
}
