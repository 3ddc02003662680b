/**
 * A 400's field issues onto an antd form: each known field shows its Chinese message under it (the first one scrolled
 * to); issues of other fields, or none at all, go to a message.
 */
import type { FormInstance } from 'antd';
import type { MessageInstance } from 'antd/es/message/interface.js';
import type { ApiError } from '../api/client.js';

export function showFieldIssues(form: FormInstance, e: ApiError, message: MessageInstance): void {
  const known = new Set(Object.keys(form.getFieldsValue(true) as object));
  const fields = e.fieldIssues.filter((i) => known.has(i.path));
  form.setFields(fields.map((i) => ({ name: i.path, errors: [i.message] })));
  if (fields[0]) form.scrollToField(fields[0].path);
  const rest = e.fieldIssues.filter((i) => !known.has(i.path));
  if (rest.length || fields.length === 0)
    void message.error(rest.length ? rest.map((i) => i.message).join('；') : e.message);
}

/**
 * The form's values once every rule passes, or null: the form then shows its own messages. (A bare validateFields()
 * rejects, and a dialog's onOk does not catch it: an unhandled rejection in the page.)
 */
export async function validValues<T>(form: FormInstance<T>): Promise<T | null> {
  try {
    return await form.validateFields();
  } catch {
    return null;
  }
}
