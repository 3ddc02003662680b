/**
 * A voice memo recorded in the page with the device's microphone (MediaRecorder), kept as evidence like a photo.
 * Opus in WebM where the browser records it (Chromium, Firefox), AAC in MP4 otherwise (Safari): both are among the
 * evidence types the server reads from the bytes. Browsers give the microphone only to a secure context (HTTPS or
 * this machine); on an intranet served over plain HTTP the button is not shown and the device's own recorder is used
 * through the file picker.
 */
import { AudioOutlined, StopOutlined } from '@ant-design/icons';
import { Button, Space, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EVIDENCE_LIMITS } from '../../../contracts/inspections.js';

const MIME_TYPES = ['audio/webm;codecs=opus', 'audio/webm', 'audio/mp4', 'audio/ogg;codecs=opus'];
/** Speech at this rate is clear; the longest memo below stays far under the evidence limit. */
const BITS_PER_SECOND = 64_000;
const MAX_SECONDS = Math.min(30 * 60, Math.floor((EVIDENCE_LIMITS.audio.maxBytes * 8 * 0.8) / BITS_PER_SECOND));

const EXTENSIONS: Record<string, string> = { 'audio/webm': 'webm', 'audio/mp4': 'm4a', 'audio/ogg': 'ogg' };

export const canRecord = () =>
  typeof MediaRecorder !== 'undefined' && globalThis.isSecureContext && !!navigator.mediaDevices?.getUserMedia;

const clock = (s: number) => `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;

interface Recording {
  recorder: MediaRecorder;
  startedAt: number;
}

/** Stopping twice throws (InvalidStateError): the limit, the button and leaving the page may all stop it. */
const stop = (r: Recording | null) => {
  if (r && r.recorder.state !== 'inactive') r.recorder.stop();
};

export function AudioRecorder({ onRecorded, testId }: { onRecorded: (file: File) => void; testId: string }) {
  const { t } = useTranslation();
  const [recording, setRecording] = useState<Recording | null>(null);
  const [seconds, setSeconds] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const done = useRef(onRecorded);
  done.current = onRecorded;

  useEffect(() => {
    if (!recording) return;
    const timer = setInterval(() => {
      const s = Math.floor((Date.now() - recording.startedAt) / 1000);
      setSeconds(s);
      if (s >= MAX_SECONDS) stop(recording);
    }, 250);
    return () => clearInterval(timer);
  }, [recording]);
  // Leaving the page stops the recording; what was recorded is kept (onstop saves it to the draft).
  useEffect(() => () => stop(recording), [recording]);

  const start = async () => {
    setError(null);
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    } catch {
      setError(t('inspections.micDenied'));
      return;
    }
    const mimeType = MIME_TYPES.find((m) => MediaRecorder.isTypeSupported(m));
    const recorder = new MediaRecorder(stream, {
      ...(mimeType ? { mimeType } : {}),
      audioBitsPerSecond: BITS_PER_SECOND,
    });
    const startedAt = Date.now();
    const chunks: Blob[] = [];
    recorder.ondataavailable = (e) => {
      if (e.data.size > 0) chunks.push(e.data);
    };
    recorder.onstop = () => {
      for (const track of stream.getTracks()) track.stop();
      setRecording(null);
      setSeconds(0);
      const type = recorder.mimeType.split(';')[0] || 'audio/webm';
      const stamp = new Date(startedAt).toISOString().slice(0, 19).replace(/[-:T]/g, '');
      const name = `${t('inspections.audio')}-${stamp}.${EXTENSIONS[type] ?? 'webm'}`;
      done.current(new File(chunks, name, { type, lastModified: startedAt }));
    };
    recorder.start(1000);
    setRecording({ recorder, startedAt });
  };

  if (!canRecord()) return null;
  return (
    <Space>
      {recording ? (
        <Button
          size="large"
          danger
          icon={<StopOutlined />}
          onClick={() => stop(recording)}
          data-testid={`${testId}-stop`}
        >
          {t('inspections.recordStop')} {clock(seconds)}
        </Button>
      ) : (
        <Button size="large" icon={<AudioOutlined />} onClick={() => void start()} data-testid={testId}>
          {t('inspections.audio')}
        </Button>
      )}
      {error && <Typography.Text type="danger">{error}</Typography.Text>}
    </Space>
  );
}
