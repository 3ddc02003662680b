/** The refusals of an unreadable or oversized table file, shared by the main thread and the worker. */
import { AppError } from '../errors.js';

export function unreadable(reason: string): AppError {
  return new AppError(
    'IMPORT_FILE_UNREADABLE',
    [{ path: 'file', code: 'unreadable', message: reason }],
    `文件无法读取：${reason}`,
  );
}

export function tooManyRows(maxRows: number): AppError {
  return new AppError(
    'IMPORT_TOO_MANY_ROWS',
    [{ path: 'file', code: 'too_many_rows', message: `超过${maxRows}行，单个文件最多${maxRows}行` }],
    `数据行过多：单个文件最多${maxRows}行，请拆分后分批导入`,
  );
}
