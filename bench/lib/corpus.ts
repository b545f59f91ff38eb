/**
 * Realistic case text for the benchmarks: what a hotline operator types at a Chinese system
 * integrator's TAC — Chinese fault descriptions around English product names, models, ports and
 * error strings. Deterministic (seeded PRNG) so runs are comparable.
 */

/** A small, fast, seedable PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

/** Weighted choice: `[[value, weight], …]`. */
export function weighted<T>(r: () => number, table: ReadonlyArray<readonly [T, number]>): T {
  const total = table.reduce((s, [, w]) => s + w, 0);
  let x = r() * total;
  for (const [v, w] of table) {
    x -= w;
    if (x < 0) return v;
  }
  return table.at(-1)![0];
}

const PLACES = [
  '核心机房',
  '灾备中心',
  '门诊楼 5 层机房',
  '调度中心',
  '营业部',
  '数据中心 A 区',
  '二号楼弱电间',
  '总部大楼 12 层',
  '生产车间',
  '分行营业厅',
  '信息中心',
  '云平台资源池',
];

const DEVICES = [
  '核心交换机 Huawei S12700',
  '汇聚交换机 Cisco Catalyst 9300',
  '数据中心交换机 Nexus 9336C',
  '防火墙 FortiGate 600E',
  '负载均衡 F5 BIG-IP',
  '路由器 H3C SR6608',
  '存储阵列 OceanStor 5500',
  '存储 NetApp FAS8200',
  '服务器 PowerEdge R740',
  '刀片服务器 Huawei E9000',
  '数据库 Oracle RAC',
  '虚拟化 VMware ESXi 7.0',
  '无线控制器 AC6605',
  '备份一体机 Data Domain',
  'UPS 电源 Eaton 9355',
  '光纤交换机 Brocade G620',
];

const FAULTS = [
  '宕机',
  '端口频繁 up/down',
  'CPU 利用率持续 100%',
  '电源模块告警',
  '风扇故障告警',
  '无法登录管理界面',
  'BGP 邻居中断',
  'OSPF 邻居反复震荡',
  '光模块 CRC 错误增多',
  '硬盘故障，RAID 降级',
  '内存 ECC 报错',
  '集群切换失败',
  '业务访问缓慢',
  'License 即将过期',
  '固件升级后无法启动',
  'HA 心跳丢失',
  '丢包严重',
  '存储链路中断',
  '温度过高告警',
  '日志报 kernel panic',
];

const DETAILS = [
  '客户反映从今天上午开始业务系统访问异常，已影响部分用户。',
  '现场工程师已检查线缆和光模块，问题依旧。',
  '设备日志中出现大量 %LINK-3-UPDOWN 记录。',
  '已收集 display diagnostic-information 输出，待二线分析。',
  '客户要求 2 小时内给出处理方案。',
  '重启后短暂恢复，约 30 分钟后再次出现。',
  '监控平台 Zabbix 持续告警，阈值 90%。',
  '涉及核心交易系统，客户非常着急。',
  '已开启 debug，抓包文件随后上传。',
  '备件已在途，预计明天到达现场。',
  'show tech-support 已导出，请厂商 TAC 协助。',
  '夜间批处理作业失败，影响次日报表。',
  '与上周的同类故障现象一致，怀疑是软件 bug。',
  '客户计划本周末变更窗口进行割接。',
  'iLO/iDRAC 显示 PSU 2 failed。',
  'VMware vCenter 中多台 VM 出现 I/O 延迟。',
];

const CATEGORIES = ['网络', '服务器', '存储', '安全', '数据库', '虚拟化', '电源环境', '咨询'];

const NOTES = [
  '已电话联系客户确认故障时间点。',
  '内部备注：客户合同即将到期，注意续保。',
  '二线判断为光模块兼容性问题，建议更换原厂模块。',
  '已向厂商提交 SR，等待回复。',
  '现场照片已上传，机柜 A03 第 2 槽位。',
  'internal: possible firmware bug, see vendor advisory.',
];

export interface CaseText {
  title: string;
  description: string;
  category: string;
}

/** Title like "调度中心核心交换机 Huawei S12700端口频繁 up/down" and a 2–4 sentence description. */
export function caseText(r: () => number): CaseText {
  const device = pick(r, DEVICES);
  const fault = pick(r, FAULTS);
  const title = `${pick(r, PLACES)}${device}${fault}`.slice(0, 200);
  const n = 2 + Math.floor(r() * 3);
  const parts = [`${device}${fault}。`];
  for (let i = 0; i < n; i++) parts.push(pick(r, DETAILS));
  // A rare detail (about 1 case in 500): what a search for an unusual word has to find.
  if (r() < 0.002) parts.push('机房空调漏水，设备进水后自动断电。');
  // A needle (about 1 case in 100 000): a word only a handful of cases hold, like a serial.
  if (r() < 0.00001) parts.push('该批次电源模块已列入厂商召回清单。');
  return { title, description: parts.join(''), category: pick(r, CATEGORIES) };
}

export const internalNote = (r: () => number) => pick(r, NOTES);

/** Search terms used by the bench: common and rare Chinese terms, an English word. */
export const SEARCH_TERMS = {
  /** In about a third of the cases. */
  zhCommon: '业务',
  /** In about 1 case in 500. */
  zhRare: '漏水',
  /** A product name in about 1 case in 16 (single word: matched as a prefix). */
  en: 'OceanStor',
  /** In about 1 case in 100 000: fewer matches than a page, so every one must be found. */
  zhNeedle: '召回',
} as const;
