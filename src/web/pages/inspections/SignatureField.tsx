/**
 * The representative signs on the device's screen (signature_pad): strokes are smoothed as drawn, the result is a PNG
 * data URL kept in the draft (IndexedDB) until it syncs, and printed on the 现场检查记录.
 */
import { Button, Space, Typography } from 'antd';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import SignaturePad from 'signature_pad';

/** The canvas keeps at most twice its CSS pixels: sharp on a phone, well under the server's 2,000-pixel limit. */
const MAX_RATIO = 2;
const HEIGHT = 180;

export interface SignatureFieldProps {
  value: string | undefined;
  disabled: boolean;
  onChange: (image: string | undefined) => void;
}

export function SignatureField({ value, disabled, onChange }: SignatureFieldProps) {
  const { t } = useTranslation();
  const canvas = useRef<HTMLCanvasElement>(null);
  const pad = useRef<SignaturePad | null>(null);
  // The latest callback and value without re-creating the pad (which would wipe the strokes) on every render.
  const latest = useRef({ value, onChange });
  latest.current = { value, onChange };

  useEffect(() => {
    const el = canvas.current;
    if (!el) return;
    const ratio = Math.min(Math.max(window.devicePixelRatio || 1, 1), MAX_RATIO);
    el.width = el.offsetWidth * ratio;
    el.height = HEIGHT * ratio;
    el.getContext('2d')?.scale(ratio, ratio);
    const p = new SignaturePad(el, { penColor: '#000' });
    const saved = latest.current.value;
    if (saved) void p.fromDataURL(saved, { ratio, width: el.offsetWidth, height: HEIGHT });
    const save = () => latest.current.onChange(p.isEmpty() ? undefined : p.toDataURL('image/png'));
    p.addEventListener('endStroke', save);
    pad.current = p;
    return () => {
      p.removeEventListener('endStroke', save);
      p.off();
      pad.current = null;
    };
  }, []);

  useEffect(() => {
    if (disabled) pad.current?.off();
    else pad.current?.on();
  }, [disabled]);

  const clear = () => {
    pad.current?.clear();
    onChange(undefined);
  };

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Text type="secondary">{t('inspections.signHere')}</Typography.Text>
      <canvas
        ref={canvas}
        data-testid="signature-pad"
        data-signed={value ? 'true' : 'false'}
        style={{
          width: '100%',
          height: HEIGHT,
          border: '1px dashed #bfbfbf',
          borderRadius: 6,
          background: '#fff',
          // The page must not scroll while a finger signs.
          touchAction: 'none',
        }}
      />
      {!disabled && (
        <Button onClick={clear} disabled={!value} data-testid="signature-clear">
          {t('inspections.signClear')}
        </Button>
      )}
    </Space>
  );
}
