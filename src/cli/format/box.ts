/** Draws a popup as a small box: title bar, wrapped text, buttons, with East Asian widths respected. */
import { padEnd, textWidth, wrap } from './width';

export interface BoxInput {
  title: string;
  text: string;
  buttons: string[];
  /** a note above the box, e.g. "endpoint" */
  caption?: string;
}

export function drawBox(box: BoxInput, maxInner = 64): string {
  const buttons = box.buttons.map((b) => `[ ${b} ]`).join(' ');
  const body = wrap(box.text, maxInner);
  const inner = Math.max(textWidth(box.title), textWidth(buttons), ...body.map(textWidth), 10);
  const row = (s: string) => `│ ${padEnd(s, inner)} │`;
  const lines = [
    `┌${'─'.repeat(inner + 2)}┐`,
    row(box.title),
    `├${'─'.repeat(inner + 2)}┤`,
    ...body.map(row),
  ];
  if (buttons) lines.push(row(''), row(' '.repeat(inner - textWidth(buttons)) + buttons));
  lines.push(`└${'─'.repeat(inner + 2)}┘`);
  return (box.caption ? box.caption + '\n' : '') + lines.join('\n') + '\n';
}
