/** The antd design tokens of TACdesk: antd's defaults with a calmer blue and CJK-first fonts. */
import type { ThemeConfig } from 'antd';

export const APP_THEME: ThemeConfig = {
  token: {
    colorPrimary: '#1f5fd1',
    colorInfo: '#1f5fd1',
    borderRadius: 6,
    // PingFang / YaHei / Noto CJK first: Latin-first stacks render Chinese with mismatched fallback glyphs.
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', " +
      "'Noto Sans CJK SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei', 'Helvetica Neue', Arial, sans-serif",
  },
  components: {
    Layout: { headerBg: '#ffffff', headerHeight: 56, headerPadding: '0 16px', bodyBg: '#f4f6fa' },
  },
};
