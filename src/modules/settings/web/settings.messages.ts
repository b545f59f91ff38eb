/** The zh-CN and English strings of the settings screen, spread into the app's dictionaries. */
export const settingsZhCN = {
  'settings.admin': '系统管理',
  'settings.title': '系统设置',
  'settings.companyName': '公司名称',
  'settings.companyNameHint': '显示在页面顶部、邮件和报表中',
  'settings.hotlineNumber': '服务热线',
  'settings.hotlineNumberHint': '客户门户提示：P1/P2 紧急故障请同时拨打此热线',
  'settings.hotlineShort': '至少 3 位',
  'settings.caseReopenDays': 'CASE 重开期限',
  'settings.caseReopenDaysHint': '解决或关闭后多少天内客户仍可重开 CASE；0 表示不可重开',
  'settings.days': '天',
  'settings.required': '必填',
  'settings.save': '保存',
  'settings.saved': '设置已保存',
} satisfies Record<string, string>;

export const settingsEn: Record<keyof typeof settingsZhCN, string> = {
  'settings.admin': 'Administration',
  'settings.title': 'Settings',
  'settings.companyName': 'Company name',
  'settings.companyNameHint': 'Shown in the header, mails and reports',
  'settings.hotlineNumber': 'Hotline number',
  'settings.hotlineNumberHint': 'The portal asks customers to also phone this number for P1/P2 faults',
  'settings.hotlineShort': 'At least 3 characters',
  'settings.caseReopenDays': 'Case reopen window',
  'settings.caseReopenDaysHint':
    'Days after resolution or closure during which a customer may reopen a case; 0: never',
  'settings.days': 'days',
  'settings.required': 'Required',
  'settings.save': 'Save',
  'settings.saved': 'Settings saved',
};
