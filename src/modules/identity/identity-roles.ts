/**
 * Staff roles of a TAC service centre (DOMAIN.md "Who uses it"). A user may hold several.
 * Codes are stable identifiers stored in the database; labels are for people.
 */
export const STAFF_ROLES = [
  'admin',
  'hotline_operator',
  'duty_engineer',
  'tac_engineer',
  'field_engineer',
  'second_line_engineer',
  'spare_parts_clerk',
  'regional_manager',
  'manager1',
  'manager2',
  'manager3',
  'quality_staff',
  'project_manager',
] as const;

export type StaffRole = (typeof STAFF_ROLES)[number];

export const ROLE_LABELS: Record<StaffRole, { 'zh-CN': string; en: string }> = {
  admin: { 'zh-CN': '系统管理员', en: 'Administrator' },
  hotline_operator: { 'zh-CN': '呼叫受理员（热线专员）', en: 'Hotline operator (CaseAdmin)' },
  duty_engineer: { 'zh-CN': '值班工程师', en: 'Duty engineer' },
  tac_engineer: { 'zh-CN': 'TAC 工程师', en: 'TAC engineer' },
  field_engineer: { 'zh-CN': '现场工程师', en: 'Field engineer' },
  second_line_engineer: { 'zh-CN': '二线工程师（专家组）', en: 'Second-line engineer' },
  spare_parts_clerk: { 'zh-CN': '备件专员', en: 'Spare-parts clerk' },
  regional_manager: { 'zh-CN': '大区技术经理', en: 'Regional technical manager' },
  manager1: { 'zh-CN': '一级经理（Manager1）', en: 'Manager1' },
  manager2: { 'zh-CN': '服务交付中心总经理（Manager2）', en: 'Manager2 (service delivery GM)' },
  manager3: { 'zh-CN': '公司总经理（Manager3）', en: 'Manager3 (general manager)' },
  quality_staff: { 'zh-CN': '服务质量专员', en: 'Service quality staff' },
  project_manager: { 'zh-CN': '项目经理', en: 'Project manager' },
};

/** Roles that count as management for read-everything purposes (reports, audit of their area). */
export const MANAGER_ROLES: readonly StaffRole[] = ['manager1', 'manager2', 'manager3', 'regional_manager'];
