import type { Domain, RobotForm, Role, SiteKind } from '@app/contract';

/**
 * The field the demo builds, modelled on the Sichuan provincial embodied-intelligence robot training
 * field in Mianyang: a main site of three floors (1F guided tours and shopping guidance, 2F household
 * services, 3F industrial manufacturing), each with physical bays and a simulation twin, plus a
 * branch and a scenario site ("1+2+N"). Vendors and people are invented.
 */
export const SITES: { code: string; name: string; city: string; kind: SiteKind }[] = [
  { code: 'MY-MAIN', name: '四川省具身智能机器人训练场（绵阳主场地）', city: '绵阳', kind: 'main' },
  { code: 'MY-KJC', name: '科技城分场地', city: '绵阳科技城', kind: 'branch' },
  { code: 'MY-CARE', name: '社区康养场景点', city: '绵阳涪城区', kind: 'scenario' },
];

export interface BaySpec {
  site: string;
  code: string;
  name: string;
  domain: Domain;
  mode: 'physical' | 'virtual';
  capacity: number;
}

export const BAYS: BaySpec[] = [
  {
    site: 'MY-MAIN',
    code: '1F-GUIDE',
    name: '1F 导览导购实训区',
    domain: 'commerce_culture_tourism',
    mode: 'physical',
    capacity: 4,
  },
  {
    site: 'MY-MAIN',
    code: '1F-GUIDE-SIM',
    name: '1F 导览导购仿真孪生',
    domain: 'commerce_culture_tourism',
    mode: 'virtual',
    capacity: 8,
  },
  {
    site: 'MY-MAIN',
    code: '2F-HOME',
    name: '2F 家庭服务实训区',
    domain: 'social_livelihood',
    mode: 'physical',
    capacity: 4,
  },
  {
    site: 'MY-MAIN',
    code: '2F-HOME-SIM',
    name: '2F 家庭服务仿真孪生',
    domain: 'social_livelihood',
    mode: 'virtual',
    capacity: 8,
  },
  {
    site: 'MY-MAIN',
    code: '3F-FACTORY',
    name: '3F 工业制造实训区',
    domain: 'industrial_manufacturing',
    mode: 'physical',
    capacity: 4,
  },
  {
    site: 'MY-MAIN',
    code: '3F-FACTORY-SIM',
    name: '3F 工业制造仿真孪生',
    domain: 'industrial_manufacturing',
    mode: 'virtual',
    capacity: 8,
  },
  {
    site: 'MY-MAIN',
    code: '3F-DRILL',
    name: '3F 群体协同演练区',
    domain: 'industrial_manufacturing',
    mode: 'physical',
    capacity: 6,
  },
  {
    site: 'MY-KJC',
    code: 'KJC-LOGISTICS',
    name: '智能物流实训区',
    domain: 'industrial_manufacturing',
    mode: 'physical',
    capacity: 4,
  },
  {
    site: 'MY-CARE',
    code: 'CARE-HOME',
    name: '康养陪护场景',
    domain: 'social_livelihood',
    mode: 'physical',
    capacity: 2,
  },
];

export const VENDORS = [
  { name: '蜀智机器人', country: 'CN' },
  { name: '天府具身智能', country: 'CN' },
  { name: '涪江智造', country: 'CN' },
  { name: '九洲灵动', country: 'CN' },
];

export interface PersonSpec {
  email: string;
  name: string;
  role: Role;
  vendor?: string;
}

/** Demo sign-ins; the password of each is DEMO_PASSWORD. */
export const DEMO_PASSWORD = 'mianyang-demo-2026';
export const PEOPLE: PersonSpec[] = [
  { email: 'operator@mianyang-field.cn', name: '李调度', role: 'operator' },
  { email: 'operator2@mianyang-field.cn', name: '王运营', role: 'operator' },
  { email: 'engineer@mianyang-field.cn', name: '陈工程师', role: 'engineer' },
  { email: 'engineer2@mianyang-field.cn', name: '赵数据', role: 'engineer' },
  { email: 'vendor@shuzhi-robotics.cn', name: '蜀智 · 周经理', role: 'vendor', vendor: '蜀智机器人' },
  { email: 'vendor@fujiang-im.cn', name: '涪江 · 吴工', role: 'vendor', vendor: '涪江智造' },
];

export interface StudentSpec {
  key: string;
  name: string;
  model: string;
  form: RobotForm;
  vendor: string;
  domain: Domain;
  specs: Record<string, number | boolean | string>;
  /** Task success probability at the start and the end of the term: robots learn. */
  skill: [number, number];
  tasks: string[];
}

const safe = { estop: true, safetyCertified: true, telemetryInterface: true };

/** The first cohort: eight robots of different forms, one of which lacks an emergency stop. */
export const STUDENTS: StudentSpec[] = [
  {
    key: 'W1',
    name: '行者 W1',
    model: 'Walker W1',
    form: 'humanoid',
    vendor: '蜀智机器人',
    domain: 'commerce_culture_tourism',
    specs: { ...safe, batteryHours: 5, payloadKg: 3, dof: 32, mtbfHours: 800, heightCm: 165 },
    skill: [0.7, 0.95],
    tasks: ['guide_tour', 'answer_question'],
  },
  {
    key: 'L2',
    name: '灵犀 L2',
    model: 'Lingxi L2',
    form: 'wheeled_humanoid',
    vendor: '天府具身智能',
    // A household helper: it trains on 2F with the service robot (if that one is admitted).
    domain: 'social_livelihood',
    specs: { ...safe, batteryHours: 8, payloadKg: 5, dof: 24, mtbfHours: 1200, heightCm: 150 },
    skill: [0.72, 0.96],
    tasks: ['fold_laundry', 'tidy_table'],
  },
  {
    key: 'Q3',
    name: '岷山 Q3',
    model: 'Minshan Q3',
    form: 'quadruped',
    vendor: '涪江智造',
    domain: 'industrial_manufacturing',
    specs: { ...safe, batteryHours: 6, payloadKg: 8, dof: 12, mtbfHours: 1500, ipRating: 'IP66' },
    skill: [0.3, 0.45],
    tasks: ['inspect_gauge'],
  },
  {
    key: 'M4',
    name: '匠心 M4',
    model: 'Jiangxin M4',
    form: 'mobile_manipulator',
    vendor: '涪江智造',
    domain: 'industrial_manufacturing',
    specs: { ...safe, batteryHours: 7, payloadKg: 10, dof: 9, mtbfHours: 2000 },
    skill: [0.75, 0.97],
    tasks: ['pick_place', 'machine_tending'],
  },
  {
    key: 'D5',
    name: '双臂协作 D5',
    model: 'Duet D5 (dual-arm)',
    form: 'dual_arm',
    vendor: '九洲灵动',
    domain: 'industrial_manufacturing',
    specs: { ...safe, batteryHours: 24, payloadKg: 6, dof: 14, mtbfHours: 5000, arms: 2 },
    skill: [0.74, 0.96],
    tasks: ['assemble_part', 'pick_place'],
  },
  {
    key: 'A6',
    name: '精工 A6',
    model: 'Jinggong A6',
    form: 'robot_arm',
    vendor: '九洲灵动',
    domain: 'industrial_manufacturing',
    specs: { ...safe, batteryHours: 24, payloadKg: 12, dof: 6, mtbfHours: 8000, repeatabilityMm: 0.02 },
    skill: [0.8, 0.98],
    tasks: ['pick_place', 'screw_drive'],
  },
  {
    key: 'T7',
    name: '速达 T7',
    model: 'Suda T7',
    form: 'amr',
    vendor: '天府具身智能',
    domain: 'industrial_manufacturing',
    specs: { ...safe, batteryHours: 10, payloadKg: 300, dof: 6, mtbfHours: 3000 },
    skill: [0.78, 0.97],
    tasks: ['deliver_tote'],
  },
  {
    key: 'S8',
    name: '暖心 S8',
    model: 'Nuanxin S8',
    form: 'service',
    vendor: '蜀智机器人',
    domain: 'social_livelihood',
    // No emergency stop: the admission standard requires one.
    specs: {
      estop: false,
      safetyCertified: true,
      telemetryInterface: true,
      batteryHours: 6,
      payloadKg: 3,
      dof: 7,
      mtbfHours: 900,
    },
    skill: [0.7, 0.9],
    tasks: ['fetch_item'],
  },
];
