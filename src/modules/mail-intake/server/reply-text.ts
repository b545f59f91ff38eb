/**
 * The new part of a reply: mail clients append the message replied to, and on a case timeline
 * that history is already there. Cut at the first reply marker the common zh-CN and English
 * clients write (Foxmail / Tencent Exmail / QQ Mail, Outlook, NetEase, Gmail, Apple Mail), and drop
 * trailing `>` quotes. A reply that is nothing but quotes keeps its whole text.
 */

// A line that starts the quoted history on its own.
const SEPARATORS = [
  /^-{2,}\s*原始邮件\s*-{2,}$/, // -----原始邮件----- and QQ's ------------------ 原始邮件 ------------------
  /^-{2,}\s*(original message|forwarded message|转发的邮件|回复的邮件)\s*-{2,}$/i,
  /^_{10,}$/, // Outlook's rule above "From: … Sent: …"
  /^在.{1,200}(写道|寫道)\s*[:：]$/, // Gmail / Apple Mail in Chinese
];
// A header block of the message replied to: "发件人:" or "From:" followed by its date or recipients.
const BLOCK_START = /^(发件人|寄件者|from)\s*[:：]/i;
const BLOCK_NEXT = /^(发送时间|发件时间|日期|时间|收件人|主题|寄件日期|sent|date|to|subject)\s*[:：]/i;

/** The reply without the quoted history (trimmed). */
export function stripQuotedHistory(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  let cut = lines.length;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim().replace(/^\*+|\*+$/g, '');
    if (SEPARATORS.some((s) => s.test(line)) || isWrote(lines, i) || isHeaderBlock(lines, i)) {
      cut = i;
      break;
    }
  }
  const kept = lines.slice(0, cut);
  // Bottom quotes ("> …") below the new text.
  while (kept.length && (kept.at(-1)!.trim() === '' || kept.at(-1)!.trimStart().startsWith('>'))) kept.pop();
  const reply = kept.join('\n').trim();
  return reply || text.trim();
}

/** "On Tue, 10 Mar 2026 at 10:00, 张三 <a@b.cn> wrote:", possibly wrapped onto a second line. */
function isWrote(lines: string[], i: number): boolean {
  const line = lines[i]!.trim();
  if (!/^on\s/i.test(line)) return false;
  if (/wrote:\s*$/i.test(line)) return true;
  return /wrote:\s*$/i.test(`${line} ${lines[i + 1]?.trim() ?? ''}`) && line.length < 200;
}

function isHeaderBlock(lines: string[], i: number): boolean {
  if (!BLOCK_START.test(lines[i]!.trim().replace(/^\*+/, ''))) return false;
  return lines.slice(i + 1, i + 4).some((l) => BLOCK_NEXT.test(l.trim().replace(/^\*+/, '')));
}
