/**
 * The core's abstract buttons → VK keyboards. Text buttons carry `{"id": <button id>}` as payload, so
 * a press arrives as an ordinary message_new (one event type, deduped like any message, and it works
 * in every VK client); the resident also sees what they pressed in the dialog.
 */
import { Keyboard } from 'vk-io';
import type { Button } from '../../core/texts-ru.ts';
import { MY_APPEALS_LABEL } from './texts.ts';

/** VK refuses payloads over 255 bytes. */
const MAX_PAYLOAD_BYTES = 255;

function fits(b: Button): boolean {
  return Buffer.byteLength(JSON.stringify({ id: b.id }), 'utf8') <= MAX_PAYLOAD_BYTES;
}

function build(rows: Button[][], color: 'positive' | 'primary') {
  const builder = Keyboard.builder();
  for (const row of rows) {
    for (const b of row) builder.textButton({ label: b.label, payload: { id: b.id }, color });
    builder.row();
  }
  return builder;
}

/**
 * Consent: a one-time keyboard under the input field. Per-message choices («Проблема решена?», the
 * rating): an inline keyboard on the message itself. Everything else: the standing «Мои обращения».
 */
export function keyboardFor(buttons: Button[][]): string {
  const rows = buttons.map((row) => row.filter(fits)).filter((row) => row.length > 0);
  if (rows.some((row) => row.some((b) => b.id === 'consent')))
    return build(rows, 'positive').oneTime().toString();
  if (rows.length > 0) return build(rows, 'primary').inline().toString();
  return build([[{ id: 'status', label: MY_APPEALS_LABEL }]], 'primary').toString();
}
