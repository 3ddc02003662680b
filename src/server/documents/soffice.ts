/**
 * LibreOffice headless conversion (docx/xlsx → pdf, txt, csv). Used by tests to prove a generated document opens
 * (issue 3, bar 3) and available to produce PDFs from the same documents later.
 *
 * Each call gets its own temporary directory and LibreOffice profile (-env:UserInstallation), so parallel
 * conversions do not fight over one profile lock.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const CANDIDATES = ['/usr/bin/soffice', '/usr/lib/libreoffice/program/soffice', '/opt/libreoffice/program/soffice'];

/** The soffice binary ($SOFFICE or a usual install path), or null when LibreOffice is not installed. */
export function sofficePath(): string | null {
  const fromEnv = process.env.SOFFICE;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : null;
  return CANDIDATES.find((p) => existsSync(p)) ?? null;
}

/**
 * Converts a document with soffice and returns the output file. `target` is soffice's --convert-to argument
 * ('pdf', 'txt:Text', 'csv' …); `inputExt` the extension LibreOffice uses to pick the import filter ('docx', 'xlsx').
 */
export async function convertWithSoffice(
  input: Buffer,
  inputExt: string,
  target: string,
  timeoutMs = 60_000,
): Promise<Buffer> {
  const soffice = sofficePath();
  if (!soffice) throw new Error('LibreOffice (soffice) is not installed');
  const dir = await mkdtemp(join(tmpdir(), 'anjian-lo-'));
  try {
    const source = join(dir, `document.${inputExt}`);
    const out = join(dir, 'out');
    await writeFile(source, input);
    const profile = pathToFileURL(join(dir, 'profile')).href;
    await new Promise<void>((resolve, reject) => {
      execFile(
        soffice,
        [
          `-env:UserInstallation=${profile}`,
          '--headless',
          '--norestore',
          '--convert-to',
          target,
          '--outdir',
          out,
          source,
        ],
        { timeout: timeoutMs },
        (error, _stdout, stderr) =>
          error ? reject(new Error(`soffice failed: ${error.message} ${stderr}`)) : resolve(),
      );
    });
    const produced = existsSync(out) ? await readdir(out) : [];
    const file = produced[0];
    if (!file) throw new Error(`soffice produced no ${target} file`);
    return await readFile(join(out, file));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
