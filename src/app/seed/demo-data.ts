/** The demo data set: a Chinese integrator's branches, staff and customers (all fictitious). */
import type { StaffRole } from '../../modules/identity/identity-roles.ts';

export const DEMO_PASSWORD = 'Demo-2026-tac';

export const DEMO_BRANCHES = [
  {
    code: 'HQ-BJ',
    name: '北京总部',
    region: '华北大区',
    isHeadquarters: true,
    vendorDirectDelivery: true,
    address: '北京市海淀区中关村南大街 18 号',
    phone: '010-62880000',
  },
  {
    code: 'SH',
    name: '上海分公司',
    region: '华东大区',
    isHeadquarters: false,
    vendorDirectDelivery: true,
    address: '上海市浦东新区张江路 88 号',
    phone: '021-50800000',
  },
  {
    code: 'GZ',
    name: '广州分公司',
    region: '华南大区',
    isHeadquarters: false,
    vendorDirectDelivery: true,
    address: '广州市天河区体育西路 101 号',
    phone: '020-38880000',
  },
  {
    code: 'CD',
    name: '成都分公司',
    region: '西南大区',
    isHeadquarters: false,
    vendorDirectDelivery: true,
    address: '成都市高新区天府大道 666 号',
    phone: '028-85550000',
  },
  {
    code: 'WH',
    name: '武汉办事处',
    region: '华中大区',
    isHeadquarters: false,
    vendorDirectDelivery: false,
    address: '武汉市洪山区珞喻路 1037 号',
    phone: '027-87540000',
  },
] as const;

export const DEMO_STAFF: Array<{
  username: string;
  name: string;
  roles: StaffRole[];
  branch: string;
  phone: string;
}> = [
  { username: 'wangfang', name: '王芳', roles: ['hotline_operator'], branch: 'HQ-BJ', phone: '13800010001' },
  {
    username: 'lina',
    name: '李娜',
    roles: ['hotline_operator', 'quality_staff'],
    branch: 'HQ-BJ',
    phone: '13800010002',
  },
  {
    username: 'zhaolei',
    name: '赵磊',
    roles: ['duty_engineer', 'tac_engineer'],
    branch: 'HQ-BJ',
    phone: '13800010003',
  },
  { username: 'liuyang', name: '刘洋', roles: ['tac_engineer'], branch: 'HQ-BJ', phone: '13800010004' },
  { username: 'chenjing', name: '陈静', roles: ['tac_engineer'], branch: 'SH', phone: '13800010005' },
  { username: 'yangwei', name: '杨伟', roles: ['field_engineer'], branch: 'SH', phone: '13800010006' },
  { username: 'huangqiang', name: '黄强', roles: ['field_engineer'], branch: 'GZ', phone: '13800010007' },
  {
    username: 'zhoujie',
    name: '周杰',
    roles: ['field_engineer', 'duty_engineer'],
    branch: 'CD',
    phone: '13800010008',
  },
  { username: 'wujun', name: '吴军', roles: ['second_line_engineer'], branch: 'HQ-BJ', phone: '13800010009' },
  { username: 'xumin', name: '徐敏', roles: ['second_line_engineer'], branch: 'SH', phone: '13800010010' },
  { username: 'sunli', name: '孙丽', roles: ['spare_parts_clerk'], branch: 'HQ-BJ', phone: '13800010011' },
  { username: 'maqing', name: '马青', roles: ['spare_parts_clerk'], branch: 'GZ', phone: '13800010012' },
  {
    username: 'zhuhua',
    name: '朱华',
    roles: ['regional_manager', 'manager1'],
    branch: 'SH',
    phone: '13800010013',
  },
  {
    username: 'hulin',
    name: '胡林',
    roles: ['regional_manager', 'manager1'],
    branch: 'GZ',
    phone: '13800010014',
  },
  { username: 'guoping', name: '郭平', roles: ['manager1'], branch: 'HQ-BJ', phone: '13800010015' },
  { username: 'hezhiyuan', name: '何志远', roles: ['manager2'], branch: 'HQ-BJ', phone: '13800010016' },
  { username: 'linguodong', name: '林国栋', roles: ['manager3'], branch: 'HQ-BJ', phone: '13800010017' },
  { username: 'luoxue', name: '罗雪', roles: ['quality_staff'], branch: 'HQ-BJ', phone: '13800010018' },
  { username: 'liangchen', name: '梁晨', roles: ['project_manager'], branch: 'SH', phone: '13800010019' },
  { username: 'songyu', name: '宋宇', roles: ['project_manager'], branch: 'CD', phone: '13800010020' },
];

export const DEMO_CUSTOMERS = [
  {
    code: 'HNZQ',
    name: '华南证券股份有限公司',
    industry: '金融',
    branch: 'GZ',
    phone: '020-83330000',
    address: '广州市天河区珠江新城华夏路 10 号',
    sites: [
      { name: '总部数据中心', city: '广州', address: '广州市天河区华夏路 10 号 B1 机房' },
      { name: '深圳灾备中心', city: '深圳', address: '深圳市南山区科技园南区 7 栋' },
    ],
    contacts: [
      {
        name: '邓志刚',
        title: '信息技术部总经理',
        mobile: '13902000001',
        phone: '020-83330001',
        email: 'dengzg@hnzq.example.cn',
        login: 'dengzg',
      },
      {
        name: '冯晓琳',
        title: '网络管理员',
        mobile: '13902000002',
        phone: '020-83330002',
        email: 'fengxl@hnzq.example.cn',
        login: 'fengxl',
      },
    ],
  },
  {
    code: 'JCRMYY',
    name: '江城市第一人民医院',
    industry: '医疗',
    branch: 'WH',
    phone: '027-82210000',
    address: '江城市解放大道 1277 号',
    sites: [
      { name: '门诊楼信息中心', city: '江城', address: '江城市解放大道 1277 号门诊楼 5 层' },
      { name: '光谷院区', city: '江城', address: '江城市东湖高新区高新大道 501 号' },
    ],
    contacts: [
      {
        name: '曹建华',
        title: '信息科科长',
        mobile: '13971000001',
        phone: '027-82210101',
        email: 'caojh@jcyy.example.cn',
        login: 'caojh',
      },
      {
        name: '彭琴',
        title: '系统工程师',
        mobile: '13971000002',
        phone: '027-82210102',
        email: 'pengq@jcyy.example.cn',
        login: null,
      },
    ],
  },
  {
    code: 'LHDL',
    name: '蓝海电力集团有限公司',
    industry: '能源',
    branch: 'SH',
    phone: '021-63210000',
    address: '上海市黄浦区中山东一路 23 号',
    sites: [
      { name: '集团调度中心', city: '上海', address: '上海市黄浦区中山东一路 23 号 12 层' },
      { name: '苏州运维基地', city: '苏州', address: '苏州工业园区星湖街 328 号' },
      { name: '杭州营销中心', city: '杭州', address: '杭州市西湖区文三路 90 号' },
    ],
    contacts: [
      {
        name: '韩雪梅',
        title: '数字化部主任',
        mobile: '13601000001',
        phone: '021-63210001',
        email: 'hanxm@lhdl.example.cn',
        login: 'hanxm',
      },
      {
        name: '唐俊',
        title: '网络运维组长',
        mobile: '13601000002',
        phone: '021-63210002',
        email: 'tangj@lhdl.example.cn',
        login: null,
      },
    ],
  },
  {
    code: 'BCDX',
    name: '北辰大学',
    industry: '教育',
    branch: 'HQ-BJ',
    phone: '010-62750000',
    address: '北京市海淀区颐和园路 5 号',
    sites: [{ name: '网络与信息中心', city: '北京', address: '北京市海淀区颐和园路 5 号理科楼' }],
    contacts: [
      {
        name: '董明',
        title: '网络中心主任',
        mobile: '13501000001',
        phone: '010-62750001',
        email: 'dongm@bcdx.example.edu.cn',
        login: 'dongm',
      },
    ],
  },
  {
    code: 'XYYD',
    name: '西蜀移动通信有限责任公司',
    industry: '电信',
    branch: 'CD',
    phone: '028-86000000',
    address: '成都市锦江区红星路二段 99 号',
    sites: [
      { name: '核心网机房', city: '成都', address: '成都市锦江区红星路二段 99 号 3 层' },
      { name: '绵阳汇聚节点', city: '绵阳', address: '绵阳市涪城区临园路 12 号' },
    ],
    contacts: [
      {
        name: '蒋涛',
        title: '网络部经理',
        mobile: '13808000001',
        phone: '028-86000001',
        email: 'jiangt@xyyd.example.cn',
        login: 'jiangt',
      },
      {
        name: '魏芳芳',
        title: '值班长',
        mobile: '13808000002',
        phone: '028-86000002',
        email: 'weiff@xyyd.example.cn',
        login: null,
      },
    ],
  },
];
