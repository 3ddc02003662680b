/**
 * Demo penalty cases (issue 11 bar 6): in 张店区, 临淄区 and 博山区, cases in every state — 立案审批, 不予立案, 调查取证
 * (one past its 30-day decision clock, one extended), 审理, 告知, 听证 with the hearing ahead, 决定 awaiting service (one
 * overdue), 送达 with the payment running or overdue and its 加处罚款 growing, 催告, 申请法院强制执行, 结案审批 (one with
 * its 备案 overdue), 结案 and 归档 — with 简易程序, 不予处罚, persons as parties, 按日连续处罚, 行政复议 and 移送公安.
 *
 * Written through the service with the clock set back, so histories, documents, audit rows, statistics and clocks are
 * what real use leaves. Each case is planned first on the official calendar (every date meets the rule the service
 * checks: the 陈述 and 听证申请 periods, 七日前 notice of a hearing, the payment day, the court window …) and placed so
 * that it reaches its state a given number of days ago; then the steps of all cases run in date order, so document
 * numbers and audit rows follow the calendar. A case the calendar cannot carry (a year without its 节假日安排) stops in
 * an earlier state, or is left out, instead of failing the seed.
 */
import { sql } from 'kysely';
import type { CaseActionInput, CreateCaseInput, TransitionInput } from '../../../contracts/cases.js';
import { addCalendarDays, CalendarGapError, type LocalDate, type WorkingCalendar } from '../../../domain/calendar.js';
import {
  courtClosesOn,
  courtOpensOn,
  decisionDueOn,
  earliestHearingOn,
  hearingHeldDueOn,
  hearingRequestDueOn,
  hearingRight,
  lateFee,
  litigationDueOn,
  needsFiling,
  paymentDueOn,
  statementDueOn,
} from '../../../domain/case-clocks.js';
import type { Circumstance, PenaltyKind } from '../../../domain/discretion-defaults.js';
import type { CaseStatus } from '../../../domain/penalty-case.js';
import { shanghaiDate } from '../../../domain/time.js';
import type { Actor } from '../../auth/actor.js';
import { AppError } from '../../errors.js';
import { workingCalendar } from '../../modules/calendar/service.js';
import * as cases from '../../modules/cases/service.js';
import type { SeedContext } from './demo.js';

type County = '370303' | '370305' | '370304';
type Trade = 'chemical' | 'mine' | 'ceramic';

const COUNTY: Record<County, { name: string; abbr: string; reviewer: string; host: string }> = {
  '370303': { name: '张店区', abbr: '张', reviewer: '法制审核科 赵敏', host: '法制审核科科长 刘洪涛' },
  '370305': { name: '临淄区', abbr: '临', reviewer: '法制科 孙立国', host: '法制科科长 韩雪梅' },
  '370304': { name: '博山区', abbr: '博', reviewer: '政策法规科 李静', host: '政策法规科科长 高振华' },
};

/** The demo enterprises that are parties by name (淄博鑫泰化工, 淄博齐鲁石化配套材料, 博山陶瓷制品). */
const XINTAI = '91370303MA3C4B2X1Y';
const QILU = '91370305MA3D7F5Q2H';
const BOSHAN_CERAMICS = '91370304MA3E8H6R3M';

/** How many days back a case may start, at most, to reach its state on time. */
const SEARCH_DAYS = 420;

interface Violation {
  code: string;
  circumstance: Circumstance;
  facts: string;
}

/** A person as the party: 主要负责人 or 安全生产管理人员 of the unit picked for the case. */
interface Person {
  name: string;
  /** YYYYMMDD */
  born: string;
  /** 顺序码 (odd for a man, even for a woman) */
  seq: string;
  position: string;
  address: string;
  phone: string;
}

interface Spec {
  key: string;
  county: County;
  /** The unit: a demo enterprise by its credit code, or the next enterprise of the county in this trade. */
  trade: Trade;
  creditCode?: string;
  person?: Person;
  cause: string;
  /** What the officers found, after "X月X日现场检查发现，". */
  found: string;
  violations: Violation[];
  /** 询问笔录: the questions and answers after the officers' introduction (none on the spot, 简易程序). */
  interview?: string;
  /** 勘验笔录, when the site was examined. */
  examination?: string;
  /** The state the case is left in, and how many days ago it got there. */
  until: CaseStatus;
  daysAgo: number;
  /** Where the case stops when the calendar cannot carry it to `until` (the court needs the next year's calendar). */
  fallback?: CaseStatus;
  /** 拟处罚 and 决定: the fine (the decision's may be lower after the hearing) and the kinds. */
  proposed?: number;
  fine?: number;
  kinds?: PenaltyKind[];
  mitigation?: string;
  statement?: string;
  /** 简易程序: decided on the spot. */
  onTheSpot?: { fineYuan: number; warning: boolean };
  notFiled?: string;
  noPenalty?: string;
  /** The party asks for a hearing. */
  hearing?: boolean;
  /** The party waives the 陈述 period in writing. */
  waived?: boolean;
  /** 延长办案期限 by the head, some weeks after 立案. */
  extension?: string;
  /** 责令限期改正 with 按日连续处罚: the deadline days after 审理, verified days after it. */
  correction?: { days: number; verifiedAfter: number };
  police?: string;
  appeal?: { after: number; outcome: 'pending' | 'upheld'; decidedAfter?: number };
  /** Unpaid after the payment day: 催告, then the court. */
  enforce?: boolean;
  /** Days from service to payment (past the 15 days: with its 加处罚款). */
  paidAfter?: number;
  /** 备案 left undone (overdue). */
  unfiled?: boolean;
  serviceMethod?: 'direct' | 'mail' | 'electronic';
}

const opening = (county: County, cause: string) =>
  `问：我们是淄博市${COUNTY[county].name}应急管理局的执法人员，这是我们的执法证件。现就${cause}一事依法向你调查询问，你有如实回答的义务，也有陈述、申辩的权利，听清楚了吗？\n答：听清楚了。\n`;

const SPECS: Spec[] = [
  // ——————————————————————————————— 张店区
  {
    key: 'zd-pending',
    county: '370303',
    trade: 'chemical',
    cause: '动火作业未安排专门人员进行现场安全管理',
    found: '该公司常减压装置区进行管线动火作业，现场未安排专门人员进行安全管理，动火作业票未经审批即开始作业。',
    violations: [
      {
        code: 'aqsf-101-3',
        circumstance: 'general',
        facts: '常减压装置区管线动火作业现场无专人监护，动火作业票未经审批。',
      },
    ],
    interview: '问：动火作业前是否办理了动火作业票？\n答：票填了，还没来得及找安全科审批。',
    until: 'pending_approval',
    daysAgo: 1,
  },
  {
    key: 'zd-not-filed',
    county: '370303',
    trade: 'mine',
    cause: '特种作业人员未取得相应资格上岗作业',
    found: '该矿露天采场一名爆破工现场未能出示特种作业操作证。',
    violations: [{ code: 'aqsf-97-7', circumstance: 'general', facts: '一名爆破工现场未能出示特种作业操作证。' }],
    interview: '问：该爆破工是否持有特种作业操作证？\n答：有证，正在换证。',
    notFiled:
      '经向发证机关核验，该爆破工持有有效的特种作业操作证，现场出示的为换证期间的受理凭证，违法事实不成立，不予立案。',
    until: 'not_filed',
    daysAgo: 18,
  },
  {
    key: 'zd-investigating-overdue',
    county: '370303',
    trade: 'chemical',
    cause: '重大危险源未进行定期检测、评估、监控',
    found: '该公司液化石油气球罐区构成二级重大危险源，未按规定进行定期检测、评估，压力、液位远传监控系统已停用两个月。',
    violations: [
      {
        code: 'aqsf-101-2',
        circumstance: 'serious',
        facts: '液化石油气球罐区（二级重大危险源）未定期检测、评估，压力、液位远传监控系统停用两个月。',
      },
    ],
    interview:
      '问：球罐区的远传监控系统为什么停用？\n答：系统升级改造，供应商一直没来调试。\n问：重大危险源最近一次安全评估是什么时间？\n答：三年多以前。',
    examination: '球罐区DCS画面压力、液位点位均显示通讯中断；现场压力表、液位计读数正常，未见泄漏。拍照4张。',
    until: 'investigating',
    daysAgo: 40,
  },
  {
    key: 'zd-investigating-extended',
    county: '370303',
    trade: 'mine',
    cause: '主要负责人和安全生产管理人员未按照规定经考核合格',
    found: '该矿主要负责人、安全生产管理人员共3人未经安全生产知识和管理能力考核合格即任职。',
    violations: [
      {
        code: 'aqsf-97-2',
        circumstance: 'general',
        facts: '矿长及2名专职安全生产管理人员未经安全生产知识和管理能力考核合格即任职。',
      },
    ],
    interview: '问：矿长和安全管理人员是否参加了考核？\n答：报了名，还没考。',
    extension: '案情复杂，需调取该矿近三年人员任职及培训考核档案并向发证机关核实考核记录，延长办案期限。',
    until: 'investigating',
    daysAgo: 68,
  },
  {
    key: 'zd-reviewing-police',
    county: '370303',
    trade: 'chemical',
    cause: '关闭直接关系生产安全的报警设备、删除相关数据',
    found: '该公司人为关闭加氢装置区可燃气体检测报警系统，并删除了近一个月的报警记录数据。',
    violations: [
      {
        code: 'aqsf-99-4',
        circumstance: 'severe',
        facts: '人为关闭加氢装置区可燃气体检测报警系统，删除近一个月的报警记录数据。',
      },
    ],
    interview:
      '问：报警系统是谁关闭的？\n答：车间主任让关的，说误报太多影响生产。\n问：报警记录为什么被删除？\n答：检查前一天晚上删的。',
    examination: '加氢装置区12台可燃气体探测器均处于屏蔽状态，报警控制器历史记录为空。',
    police:
      '当事人关闭直接关系生产安全的报警设备、删除相关数据，具有发生重大伤亡事故的现实危险，涉嫌危险作业罪（《中华人民共和国刑法》第一百三十四条之一），依法移送公安机关。',
    proposed: 150_000,
    kinds: ['fine', 'suspension'],
    until: 'reviewing',
    daysAgo: 3,
  },
  {
    key: 'zd-notified',
    county: '370303',
    trade: 'chemical',
    cause: '储存危险物品未建立专门安全管理制度',
    found: '该公司化学品仓库储存甲苯、丙酮等危险化学品，未建立出入库核查、登记等专门安全管理制度。',
    violations: [
      {
        code: 'aqsf-101-1',
        circumstance: 'general',
        facts: '化学品仓库储存甲苯、丙酮等危险化学品，未建立出入库核查、登记等专门安全管理制度。',
      },
    ],
    interview: '问：仓库有没有危险化学品出入库登记？\n答：只有财务的进销存台账。',
    proposed: 45_000,
    until: 'notified',
    daysAgo: 1,
  },
  {
    key: 'zd-hearing',
    county: '370303',
    trade: 'chemical',
    cause: '高危行业生产经营单位未按照国家规定投保安全生产责任保险',
    found: '该公司属于危险化学品生产企业，本年度未按照国家规定投保安全生产责任保险。',
    violations: [
      {
        code: 'aqsf-109',
        circumstance: 'minor',
        facts: '危险化学品生产企业，本年度安全生产责任保险到期后未续保。',
      },
    ],
    interview: '问：安全生产责任保险为什么没有续保？\n答：和保险公司谈费率，还没谈妥。',
    proposed: 60_000,
    hearing: true,
    until: 'hearing',
    daysAgo: 3,
  },
  {
    key: 'zd-decided',
    county: '370303',
    trade: 'mine',
    cause: '未为从业人员提供符合国家标准的劳动防护用品',
    found: '该矿采场凿岩作业人员未配备符合国家标准的防尘口罩和护耳器，仅佩戴普通纱布口罩。',
    violations: [
      {
        code: 'aqsf-99-5',
        circumstance: 'general',
        facts: '采场凿岩作业人员未配备符合国家标准的防尘口罩和护耳器。',
      },
    ],
    interview: '问：凿岩工的防尘口罩是谁发的？\n答：自己买的，公司没发。',
    proposed: 20_000,
    until: 'decided',
    daysAgo: 2,
  },
  {
    key: 'zd-served-appeal',
    county: '370303',
    trade: 'chemical',
    creditCode: XINTAI,
    cause: '特种作业人员未按照规定经专门的安全作业培训并取得相应资格上岗作业',
    found: '该公司2名电工未取得特种作业操作证，在配电室从事低压电工作业。',
    violations: [
      {
        code: 'aqsf-97-7',
        circumstance: 'general',
        facts: '2名电工未取得特种作业操作证，在配电室从事低压电工作业。',
      },
    ],
    interview: '问：这两名电工是否取得了特种作业操作证？\n答：正在参加培训，还没有取证。',
    proposed: 30_000,
    appeal: { after: 3, outcome: 'pending' },
    until: 'served',
    daysAgo: 5,
  },
  {
    key: 'zd-enforcing',
    county: '370303',
    trade: 'mine',
    cause: '未对安全设备进行经常性维护、保养和定期检测',
    found: '该矿主斜坡道提升绞车的过卷、过速保护装置未定期检测，最近一次检测已过期一年。',
    violations: [
      {
        code: 'aqsf-99-3',
        circumstance: 'serious',
        facts: '主斜坡道提升绞车过卷、过速保护装置检测已过期一年。',
      },
    ],
    interview: '问：提升绞车保护装置为什么没有按期检测？\n答：检测机构排不上，拖下来了。',
    proposed: 35_000,
    enforce: true,
    until: 'enforcing',
    daysAgo: 20,
  },
  {
    key: 'zd-court',
    county: '370303',
    trade: 'chemical',
    cause: '未按照规定对从业人员、实习学生进行安全生产教育和培训',
    found: '该公司新招录的9名操作工及2名实习学生未经安全生产教育和培训即上岗作业。',
    violations: [
      {
        code: 'aqsf-97-3',
        circumstance: 'serious',
        facts: '新招录的9名操作工及2名实习学生未经安全生产教育和培训即在聚合装置上岗作业。',
      },
    ],
    interview: '问：新员工上岗前是否进行了三级安全教育？\n答：生产任务紧，没来得及培训。',
    proposed: 80_000,
    enforce: true,
    until: 'court',
    fallback: 'enforcing',
    daysAgo: 75,
  },
  {
    key: 'zd-archived-hearing',
    county: '370303',
    trade: 'chemical',
    cause: '重大事故隐患排查治理情况未按照规定报告',
    found: '该公司液氨储罐区紧急切断阀失效，构成重大事故隐患，未按照规定向应急管理部门报告。',
    violations: [
      {
        code: 'aqsf-101-5',
        circumstance: 'serious',
        facts: '液氨储罐区紧急切断阀失效的重大事故隐患未按照规定报告，已持续三个月。',
      },
    ],
    interview: '问：紧急切断阀失效为什么没有报告？\n答：以为自己能修好，就没报。',
    examination: '液氨储罐区4台紧急切断阀中2台无法远程关闭，现场手动阀处于常开状态。',
    proposed: 90_000,
    fine: 80_000,
    hearing: true,
    statement: '听证中当事人提出检查后三日内已更换切断阀并完成联锁调试，经集体讨论予以采纳，在裁量基准内从轻处罚。',
    paidAfter: 9,
    until: 'archived',
    daysAgo: 40,
  },
  {
    key: 'zd-summary',
    county: '370303',
    trade: 'chemical',
    cause: '未在有较大危险因素的场所设置明显的安全警示标志',
    found: '该公司装卸站台未设置明显的安全警示标志。',
    violations: [{ code: 'aqsf-99-1', circumstance: 'minor', facts: '汽车装卸站台未设置明显的安全警示标志。' }],
    onTheSpot: { fineYuan: 2000, warning: true },
    until: 'served',
    daysAgo: 2,
  },
  {
    key: 'zd-daily-closed',
    county: '370303',
    trade: 'mine',
    cause: '未采取措施消除事故隐患',
    found: '该矿排土场边坡出现裂缝、局部滑塌，该矿未采取监测、削坡等措施消除事故隐患。',
    violations: [
      {
        code: 'aqsf-102',
        circumstance: 'general',
        facts: '排土场边坡裂缝、局部滑塌，未采取监测、削坡等措施消除事故隐患。',
      },
    ],
    interview: '问：边坡裂缝发现多久了？\n答：一个多月，一直在观察。',
    examination: '排土场西侧边坡坡顶裂缝长约30米、宽5至10厘米，坡脚局部滑塌，未设监测点和警戒。',
    proposed: 20_000,
    correction: { days: 10, verifiedAfter: 4 },
    until: 'closed',
    daysAgo: 12,
  },
  // ——————————————————————————————— 临淄区
  {
    key: 'lz-pending',
    county: '370305',
    trade: 'chemical',
    cause: '未建立安全风险分级管控制度',
    found: '该公司未建立安全风险分级管控制度，催化裂化装置区未辨识评估重大风险，未采取相应管控措施。',
    violations: [
      {
        code: 'aqsf-101-4',
        circumstance: 'general',
        facts: '未建立安全风险分级管控制度，催化裂化装置区未辨识评估重大风险。',
      },
    ],
    interview: '问：公司是否开展了安全风险辨识评估？\n答：请了咨询公司，还没做完。',
    until: 'pending_approval',
    daysAgo: 0,
  },
  {
    key: 'lz-investigating',
    county: '370305',
    trade: 'mine',
    cause: '使用应当淘汰的危及生产安全的设备',
    found: '该矿井下运输仍在使用国家明令淘汰的非阻燃输送带和无制动装置的自制矿车。',
    violations: [
      {
        code: 'aqsf-99-7',
        circumstance: 'serious',
        facts: '井下运输使用国家明令淘汰的非阻燃输送带和无制动装置的自制矿车。',
      },
    ],
    interview: '问：井下输送带是什么型号？\n答：老设备，一直用着。',
    examination: '-120米水平运输巷输送带无阻燃标识，3辆自制矿车无制动装置。',
    until: 'investigating',
    daysAgo: 6,
  },
  {
    key: 'lz-reviewing-person',
    county: '370305',
    trade: 'chemical',
    person: {
      name: '孙志刚',
      born: '19720315',
      seq: '031',
      position: '总经理（主要负责人）',
      address: '淄博市临淄区辛店街道桓公路66号',
      phone: '13905331234',
    },
    cause: '生产经营单位的主要负责人未履行安全生产管理职责',
    found:
      '该公司主要负责人孙志刚未组织制定并实施本单位安全生产教育和培训计划，未组织开展本年度应急演练，未督促检查本单位安全生产工作。',
    violations: [
      {
        code: 'aqsf-94',
        circumstance: 'general',
        facts: '主要负责人未组织制定并实施安全生产教育和培训计划，未组织应急演练，未督促检查安全生产工作。',
      },
    ],
    interview: '问：你是否组织制定了本年度安全生产教育和培训计划？\n答：交给安全科办，我没有过问。',
    proposed: 30_000,
    until: 'reviewing',
    daysAgo: 2,
  },
  {
    key: 'lz-notified',
    county: '370305',
    trade: 'chemical',
    cause: '封堵生产经营场所出口、疏散通道',
    found: '该公司机修车间两处安全出口被上锁封堵，员工宿舍楼疏散通道堆放杂物。',
    violations: [
      {
        code: 'aqsf-105-2',
        circumstance: 'general',
        facts: '机修车间两处安全出口上锁封堵，员工宿舍楼疏散通道堆放杂物。',
      },
    ],
    interview: '问：安全出口为什么上锁？\n答：怕丢东西，下班就锁上了。',
    proposed: 18_000,
    until: 'notified',
    daysAgo: 2,
  },
  {
    key: 'lz-decided-service-overdue',
    county: '370305',
    trade: 'chemical',
    cause: '安全设备的使用不符合国家标准或者行业标准',
    found: '该公司常压储罐区呼吸阀、阻火器已损坏，未按照行业标准更换。',
    violations: [
      {
        code: 'aqsf-99-2',
        circumstance: 'general',
        facts: '常压储罐区3台储罐呼吸阀、阻火器损坏，未按照行业标准更换。',
      },
    ],
    interview: '问：呼吸阀、阻火器损坏多长时间了？\n答：上次检修发现的，备件还没到。',
    proposed: 22_000,
    until: 'decided',
    daysAgo: 16,
  },
  {
    key: 'lz-served-overdue',
    county: '370305',
    trade: 'mine',
    cause: '未如实记录安全生产教育和培训情况',
    found: '该矿未如实记录安全生产教育和培训情况，培训档案中5名井下作业人员的签到系他人代签。',
    violations: [
      {
        code: 'aqsf-97-4',
        circumstance: 'general',
        facts: '培训档案中5名井下作业人员的培训签到系他人代签。',
      },
    ],
    interview: '问：这5名工人参加培训了吗？\n答：当时在井下上班，是班长替他们签的。',
    proposed: 30_000,
    until: 'served',
    daysAgo: 24,
    serviceMethod: 'mail',
  },
  {
    key: 'lz-closing-unfiled',
    county: '370305',
    trade: 'chemical',
    creditCode: QILU,
    cause: '吊装作业未安排专门人员进行现场安全管理',
    found: '该公司在催化剂装卸作业中进行吊装作业，未安排专门人员进行现场安全管理，吊装区域未设置警戒。',
    violations: [
      {
        code: 'aqsf-101-3',
        circumstance: 'serious',
        facts: '催化剂装卸吊装作业未安排专门人员现场安全管理，吊装区域未设置警戒，吊物下方有人员通行。',
      },
    ],
    interview: '问：吊装作业是否办理了作业票、是否有专人监护？\n答：外包队伍干的，我们没派人。',
    proposed: 60_000,
    paidAfter: 7,
    unfiled: true,
    until: 'closing',
    daysAgo: 6,
  },
  {
    key: 'lz-closed-late-fee',
    county: '370305',
    trade: 'mine',
    cause: '未在有较大危险因素的场所设置明显的安全警示标志',
    found: '该矿井口、炸药库周边未设置明显的安全警示标志。',
    violations: [{ code: 'aqsf-99-1', circumstance: 'general', facts: '主井口、炸药库周边未设置明显的安全警示标志。' }],
    interview: '问：井口和炸药库的警示标志呢？\n答：去年刮大风刮掉了，一直没补。',
    proposed: 15_000,
    paidAfter: 21,
    until: 'closed',
    daysAgo: 10,
  },
  {
    key: 'lz-summary-archived',
    county: '370305',
    trade: 'chemical',
    cause: '封堵生产经营场所出口、疏散通道',
    found: '该公司机柜间安全出口被纸箱堵塞。',
    violations: [
      { code: 'aqsf-105-2', circumstance: 'minor', facts: '机柜间安全出口被纸箱堵塞，现场已责令立即清除。' },
    ],
    onTheSpot: { fineYuan: 1500, warning: false },
    paidAfter: 5,
    until: 'archived',
    daysAgo: 45,
  },
  {
    key: 'lz-not-filed',
    county: '370305',
    trade: 'chemical',
    cause: '危险物品储存未采取可靠的安全措施',
    found: '群众反映该公司曾在厂区露天堆放危险化学品。',
    violations: [{ code: 'aqsf-101-1', circumstance: 'minor', facts: '群众反映曾在厂区露天堆放危险化学品。' }],
    interview: '问：厂区是否露天堆放过危险化学品？\n答：前年扩建时临时放过几天。',
    notFiled:
      '经核查，反映的违法行为发生在二年以前且此后未再发生，已超过行政处罚追责时效（《中华人民共和国行政处罚法》第三十六条），不予立案。',
    until: 'not_filed',
    daysAgo: 30,
  },
  {
    key: 'lz-archived-review',
    county: '370305',
    trade: 'chemical',
    cause: '破坏直接关系生产安全的报警设备',
    found: '该公司将聚丙烯装置区2台可燃气体检测报警器探头用塑料袋包裹，致使报警功能失效。',
    violations: [
      {
        code: 'aqsf-99-4',
        circumstance: 'serious',
        facts: '聚丙烯装置区2台可燃气体检测报警器探头被塑料袋包裹，报警功能失效。',
      },
    ],
    interview: '问：探头为什么被包裹？\n答：装置区刷漆，怕把探头弄脏，刷完忘了拆。',
    examination: '聚丙烯装置区东侧2台可燃气体探测器探头外套塑料袋，通气测试不报警。',
    proposed: 45_000,
    paidAfter: 10,
    appeal: { after: 15, outcome: 'upheld', decidedAfter: 45 },
    until: 'archived',
    daysAgo: 20,
  },
  // ——————————————————————————————— 博山区
  {
    key: 'bs-pending',
    county: '370304',
    trade: 'mine',
    cause: '未按照规定组织生产安全事故应急救援预案演练',
    found: '该矿未按照规定组织生产安全事故应急救援预案演练，近两年无演练记录。',
    violations: [{ code: 'aqsf-97-6', circumstance: 'general', facts: '近两年未组织应急救援预案演练。' }],
    interview: '问：最近一次应急演练是什么时候？\n答：记不清了。',
    until: 'pending_approval',
    daysAgo: 2,
  },
  {
    key: 'bs-investigating',
    county: '370304',
    trade: 'ceramic',
    creditCode: BOSHAN_CERAMICS,
    cause: '未按照规定对从业人员进行安全生产教育和培训',
    found: '该公司辊道窑、喷雾干燥塔岗位12名新入职员工未经安全生产教育和培训即上岗作业。',
    violations: [
      {
        code: 'aqsf-97-3',
        circumstance: 'general',
        facts: '辊道窑、喷雾干燥塔岗位12名新入职员工未经安全生产教育和培训上岗作业。',
      },
    ],
    interview: '问：新员工入职后是否进行了三级安全教育？\n答：车间简单讲了讲，没有考试也没有记录。',
    examination: '辊道窑烧成工段、喷雾干燥塔操作岗位共12名员工无培训档案，现场询问不掌握天然气泄漏应急处置要点。',
    until: 'investigating',
    daysAgo: 10,
  },
  {
    key: 'bs-no-penalty',
    county: '370304',
    trade: 'chemical',
    cause: '未如实记录安全生产教育和培训情况',
    found: '该公司三级安全教育培训记录缺少部分学时登记。',
    violations: [{ code: 'aqsf-97-4', circumstance: 'minor', facts: '三级安全教育培训记录缺少部分学时登记。' }],
    interview: '问：培训记录为什么不全？\n答：培训做了，登记漏了，今天就补上。',
    proposed: 0,
    kinds: ['warning'],
    noPenalty:
      '当事人系初次违法，危害后果轻微，检查当日即补齐培训学时登记并组织补训，依照《中华人民共和国行政处罚法》第三十三条第一款不予行政处罚。',
    until: 'closed',
    daysAgo: 8,
  },
  {
    key: 'bs-archived-hearing',
    county: '370304',
    trade: 'mine',
    cause: '主要负责人和安全生产管理人员未按照规定经考核合格',
    found: '该矿主要负责人及2名专职安全生产管理人员未经考核合格即任职，长期未参加安全生产知识和管理能力考核。',
    violations: [
      {
        code: 'aqsf-97-2',
        circumstance: 'serious',
        facts: '矿长及2名专职安全生产管理人员未经安全生产知识和管理能力考核合格即任职，时间超过一年。',
      },
    ],
    interview: '问：矿长任职多长时间了？是否考核合格？\n答：一年多了，考过一次没通过。',
    proposed: 70_000,
    fine: 60_000,
    hearing: true,
    statement: '听证中当事人提出3人已于立案后全部考核合格，经集体讨论予以部分采纳，在裁量基准内从轻处罚。',
    paidAfter: 12,
    until: 'archived',
    daysAgo: 30,
  },
  {
    key: 'bs-enforcing',
    county: '370304',
    trade: 'chemical',
    cause: '危险物品仓库与员工宿舍在同一座建筑物内',
    found: '该公司将员工宿舍设在甲醇、液化气钢瓶仓库所在的同一座建筑内。',
    violations: [
      {
        code: 'aqsf-105-1',
        circumstance: 'serious',
        facts: '员工宿舍设在甲醇、液化气钢瓶仓库所在的同一座建筑内，住宿员工8人。',
      },
    ],
    interview: '问：宿舍楼一层存放的是什么？\n答：甲醇桶和液化气钢瓶。',
    proposed: 40_000,
    enforce: true,
    until: 'enforcing',
    daysAgo: 8,
  },
  {
    key: 'bs-summary',
    county: '370304',
    trade: 'ceramic',
    creditCode: BOSHAN_CERAMICS,
    cause: '未为从业人员提供符合国家标准的劳动防护用品',
    found: '该公司施釉车间作业人员未配备防尘口罩。',
    violations: [{ code: 'aqsf-99-5', circumstance: 'minor', facts: '施釉车间作业人员未配备防尘口罩。' }],
    onTheSpot: { fineYuan: 3000, warning: false },
    unfiled: true,
    until: 'served',
    daysAgo: 3,
  },
  {
    key: 'bs-person-archived',
    county: '370304',
    trade: 'chemical',
    person: {
      name: '刘丽娟',
      born: '19850923',
      seq: '042',
      position: '安全环保部部长（安全生产管理人员）',
      address: '淄博市博山区城东街道新博路29号',
      phone: '13805337788',
    },
    cause: '安全生产管理人员未履行安全生产管理职责',
    found: '该公司安全生产管理人员刘丽娟未如实记录事故隐患排查治理情况，未制止作业人员违章动火作业。',
    violations: [
      {
        code: 'aqsf-96a',
        circumstance: 'minor',
        facts: '未如实记录事故隐患排查治理情况，发现作业人员违章动火作业未予制止。',
      },
    ],
    interview: '问：动火作业时你在现场吗？\n答：在，看他们干得快，就没管。',
    proposed: 12_000,
    paidAfter: 6,
    until: 'archived',
    daysAgo: 50,
  },
  {
    key: 'bs-served-waived',
    county: '370304',
    trade: 'mine',
    cause: '未对安全设备进行经常性维护、保养和定期检测',
    found: '该矿主通风机反风装置未按规定进行检测和维护保养，近一年无检测记录。',
    violations: [
      {
        code: 'aqsf-99-3',
        circumstance: 'general',
        facts: '主通风机反风装置近一年无检测和维护保养记录。',
      },
    ],
    interview: '问：主通风机反风装置最近一次检测是什么时候？\n答：去年检测过，今年还没做。',
    proposed: 15_000,
    waived: true,
    statement: '当事人书面放弃陈述、申辩权利，对违法事实和拟作出的处罚无异议。',
    serviceMethod: 'electronic',
    until: 'served',
    daysAgo: 4,
  },
];

// ————————————————————————————————————————— the plan

interface EnterpriseRow {
  id: string;
  name: string;
  credit_code: string;
  industry_code: string;
  legal_representative: string | null;
}

interface Kit {
  county: County;
  inspector: Actor;
  leader: Actor;
  officers: string[];
  enterprises: EnterpriseRow[];
  /** Inspections of the county's bureau: enterprise → [inspected_on, id], oldest first. */
  inspections: Map<string, [LocalDate, string][]>;
  used: Set<string>;
  archived: number;
}

interface Run {
  key: string;
  id: string | null;
  stopped: boolean;
  steps: Step[];
}

interface Step {
  on: LocalDate;
  what: string;
  exec: (ctx: SeedContext, run: Run) => Promise<void>;
}

/** Planning past the case's state, or into days not yet come. */
class Stop extends Error {}

/** 居民身份证号码 (GB 11643-1999): the 17 digits and their check character. */
function idNumber(county: County, born: string, seq: string): string {
  const body = `${county}${born}${seq}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((s, w, i) => s + w * Number(body[i]), 0);
  return `${body}${'10X98765432'[sum % 11]}`;
}

const cn = (d: LocalDate) => `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;

const tradeOf = (e: EnterpriseRow): Trade =>
  e.industry_code.startsWith('B') ? 'mine' : e.industry_code.startsWith('C30') ? 'ceramic' : 'chemical';

const NAMED = new Set(SPECS.flatMap((s) => (s.creditCode ? [s.creditCode] : [])));

function pickEnterprise(kit: Kit, spec: Spec): EnterpriseRow | undefined {
  if (spec.creditCode) return kit.enterprises.find((e) => e.credit_code === spec.creditCode);
  const fits = kit.enterprises.filter((e) => tradeOf(e) === spec.trade && !NAMED.has(e.credit_code));
  const e = fits.find((x) => !kit.used.has(x.id)) ?? fits[kit.used.size % Math.max(fits.length, 1)];
  if (e) kit.used.add(e.id);
  return e;
}

interface Party {
  enterprise: EnterpriseRow;
  input: CreateCaseInput['party'];
  /** Who signs for the party: the legal representative, or the person. */
  signer: string;
}

function partyOf(kit: Kit, spec: Spec, e: EnterpriseRow): Party {
  if (spec.person) {
    const p = spec.person;
    return {
      enterprise: e,
      signer: p.name,
      input: {
        kind: 'person',
        name: p.name,
        idNumber: idNumber(kit.county, p.born, p.seq),
        enterpriseId: e.id,
        position: p.position,
        address: p.address,
        phone: p.phone,
      },
    };
  }
  const rep = e.legal_representative ?? '王建国';
  return {
    enterprise: e,
    signer: rep,
    input: { kind: 'unit', enterpriseId: e.id, legalRepresentative: rep, phone: '0533-2180000' },
  };
}

/**
 * The steps of a case that is opened on `start`, up to its state `spec.until` (and what happens in that state up to
 * today). Stops when a step would need the case past its state, or a day after today; a calendar gap throws.
 */
function plan(kit: Kit, cal: WorkingCalendar, today: LocalDate, spec: Spec, party: Party, start: LocalDate) {
  const steps: Step[] = [];
  let reached: CaseStatus | null = null;
  let arrivedOn: LocalDate | null = null;
  const work = (d: LocalDate) => cal.lastDayOfPeriod(d);
  const after = (d: LocalDate, n: number) => work(addCalendarDays(d, n));
  const latest = (...ds: LocalDate[]) => [...ds].sort().pop() as LocalDate;
  const lastOn = () => latest(...steps.map((s) => s.on));
  /** Days 结案 waits for, whether or not they have come: a 复议 decided, a correction verified. */
  const awaited: LocalDate[] = [];
  const { inspector, leader } = kit;
  const id = (run: Run) => run.id as string;
  const moveTo = (actor: Actor, body: TransitionInput) => async (ctx: SeedContext, run: Run) => {
    await cases.transition(ctx, actor, id(run), body);
  };
  const doing = (actor: Actor, body: CaseActionInput) => async (ctx: SeedContext, run: Run) => {
    await cases.act(ctx, actor, id(run), body);
  };
  /** A move to `to`: planned only while the case has not reached its state, and not after today. */
  const move = (to: CaseStatus, make: () => { on: LocalDate; exec: Step['exec'] }) => {
    if (reached === spec.until) throw new Stop();
    const s = make();
    if (s.on > today) throw new Stop();
    steps.push({ on: s.on, what: to, exec: s.exec });
    reached = to;
    arrivedOn = s.on;
    return s.on;
  };
  /** Something done in a state: left out when its day has not come or the calendar cannot place it. */
  const action = (what: string, make: () => { on: LocalDate; exec: Step['exec'] }) => {
    try {
      const s = make();
      if (s.on <= today) steps.push({ on: s.on, what, exec: s.exec });
    } catch (e) {
      if (!(e instanceof CalendarGapError)) throw e;
    }
  };

  try {
    walk();
  } catch (e) {
    if (!(e instanceof Stop)) throw e;
  }
  // Actions land between moves by their day; a case's own steps stay in order (the sort is stable).
  steps.sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
  return { steps, reached: reached as CaseStatus | null, arrivedOn: arrivedOn as LocalDate | null };

  function walk() {
    const county = COUNTY[kit.county];
    // The inspection that found it: one of the bureau's in the month before.
    const since = addCalendarDays(start, -30);
    const inspection = [...(kit.inspections.get(party.enterprise.id) ?? [])]
      .reverse()
      .find(([d]) => d <= start && d >= since);
    const foundOn = inspection?.[0] ?? work(addCalendarDays(start, -3));
    const created: CreateCaseInput = {
      procedure: spec.onTheSpot ? 'summary' : 'general',
      source: inspection ? 'inspection' : 'manual',
      ...(inspection ? { sourceId: inspection[1] } : {}),
      party: party.input,
      cause: spec.cause,
      summary: `${cn(spec.onTheSpot ? start : foundOn)}现场检查发现，${spec.found}`,
      violations: spec.violations,
      officers: kit.officers,
      ...(spec.onTheSpot ? { decision: { decidedOn: start, ...spec.onTheSpot } } : {}),
    };
    move(spec.onTheSpot ? 'served' : 'pending_approval', () => ({
      on: start,
      exec: async (ctx, run) => {
        run.id = (await cases.createCase(ctx, inspector, created)).id;
      },
    }));
    if (spec.onTheSpot) {
      const fine = spec.onTheSpot.fineYuan;
      // 简易程序: filed with the bureau within 5 days (15号令 第二十二条).
      if (!spec.unfiled) {
        action('filed', () => {
          const on = after(start, 1);
          return { on, exec: doing(inspector, { kind: 'filed', filedOn: on }) };
        });
      }
      pay(start, fine);
      return close();
    }
    if (spec.notFiled) {
      const reason = spec.notFiled;
      move('not_filed', () => ({
        on: after(start, 2),
        exec: moveTo(leader, { to: 'not_filed', reason }),
      }));
      return;
    }
    const opened = move('investigating', () => {
      const on = after(start, 1);
      return { on, exec: moveTo(leader, { to: 'investigating', approvedOn: on, opinion: '同意立案调查。' }) };
    });
    const heard = after(opened, 1);
    const subject =
      party.input.kind === 'unit' ? `${party.signer}（法定代表人）` : `${party.signer}（${spec.person?.position}）`;
    action('record', () => ({
      on: heard,
      exec: doing(inspector, {
        kind: 'record',
        record: 'interview',
        officers: kit.officers,
        heldOn: heard,
        place: `${party.enterprise.name}会议室`,
        subject,
        content: `${opening(kit.county, spec.cause)}${spec.interview ?? ''}`,
      }),
    }));
    if (spec.examination) {
      const content = spec.examination;
      action('record', () => ({
        on: heard,
        exec: doing(inspector, {
          kind: 'record',
          record: 'examination',
          officers: kit.officers,
          heldOn: heard,
          place: `${party.enterprise.name}生产现场`,
          content,
        }),
      }));
    }
    let extension: 'none' | 'head' = 'none';
    if (spec.extension) {
      const reason = spec.extension;
      const on = after(opened, 20);
      if (on <= decisionDueOn(cal, opened, 'none') && on <= today) {
        extension = 'head';
        action('extension', () => ({
          on,
          exec: doing(leader, { kind: 'extension', level: 'head', approvedOn: on, reason }),
        }));
      }
    }
    if (spec.police) {
      const reason = spec.police;
      action('police_transfer', () => {
        const on = after(heard, 2);
        return { on, exec: doing(inspector, { kind: 'police_transfer', on, reason }) };
      });
    }
    const proposed = spec.proposed ?? 0;
    const kinds = spec.kinds ?? ['fine'];
    const reviewed = move('reviewing', () => {
      const on = after(lastOn(), 3);
      const deadline = spec.correction ? addCalendarDays(on, spec.correction.days) : undefined;
      return {
        on,
        exec: moveTo(inspector, {
          to: 'reviewing',
          proposedFineYuan: proposed,
          proposedKinds: kinds,
          ...(spec.mitigation ? { mitigation: spec.mitigation } : {}),
          ...(deadline ? { correctionDeadline: deadline } : {}),
        }),
      };
    });
    if (spec.correction) {
      const verifiedOn = after(addCalendarDays(reviewed, spec.correction.days), spec.correction.verifiedAfter);
      awaited.push(verifiedOn);
      action('correction_verified', () => ({
        on: verifiedOn,
        exec: doing(inspector, { kind: 'correction_verified', verifiedOn }),
      }));
    }
    if (spec.noPenalty) {
      const reason = spec.noPenalty;
      move('closing', () => ({
        on: after(reviewed, 3),
        exec: moveTo(inspector, { to: 'closing', outcome: 'no_penalty', reason }),
      }));
      return close();
    }
    const kind = party.input.kind;
    const right = hearingRight(kind, proposed, kinds);
    // 法制审核 and 集体讨论 where the service requires them (行政处罚法 第五十七条, 第五十八条).
    const grave = right || kinds.some((k) => k === 'suspension' || k === 'licence' || k === 'closure');
    const noticed = move('notified', () => {
      const on = after(reviewed, 1);
      const review = {
        reviewer: county.reviewer,
        opinion: '事实清楚，证据确凿，适用依据正确，程序合法，裁量适当。',
        on,
      };
      return {
        on,
        exec: moveTo(inspector, { to: 'notified', noticeServedOn: on, ...(grave ? { legalReview: review } : {}) }),
      };
    });
    let heldOn: LocalDate | null = null;
    if (spec.hearing) {
      move('hearing', () => {
        const lastDay = hearingRequestDueOn(cal, noticed);
        const requested = latest(noticed, [after(noticed, 2), lastDay].sort()[0] as LocalDate);
        const noticeOn = after(requested, 1);
        const hearingOn = earliestHearingOn(cal, noticeOn);
        // Held within 15 days of the request (15号令 第三十五条): a holiday in between calls for another start.
        if (hearingOn > hearingHeldDueOn(cal, requested)) throw new Stop();
        heldOn = hearingOn;
        return {
          on: noticeOn,
          exec: moveTo(inspector, {
            to: 'hearing',
            requestedOn: requested,
            noticeOn,
            hearingOn,
            place: `淄博市${county.name}应急管理局听证室`,
            host: county.host,
          }),
        };
      });
    }
    const fine = spec.fine ?? proposed;
    const decided = move('decided', () => {
      const periodsEnd = latest(statementDueOn(cal, noticed), ...(right ? [hearingRequestDueOn(cal, noticed)] : []));
      const on = heldOn ? after(heldOn, 1) : spec.waived ? after(noticed, 1) : after(periodsEnd, 1);
      // 办案期限: extended by the head before it runs out when the case needs longer (15号令 第三十二条).
      const due = decisionDueOn(cal, opened, extension);
      if (on > due && extension === 'none') {
        const approved = work(addCalendarDays(due, -2));
        extension = 'head';
        steps.push({
          on: approved,
          what: 'extension',
          exec: doing(leader, {
            kind: 'extension',
            level: 'head',
            approvedOn: approved,
            reason: '需组织听证并经集体讨论，经本机关负责人批准延长办案期限。',
          }),
        });
      }
      const statement =
        spec.statement ??
        (right ? '当事人在法定期限内未提出陈述、申辩，未要求听证。' : '当事人在法定期限内未提出陈述、申辩。');
      return {
        on,
        exec: moveTo(inspector, {
          to: 'decided',
          decidedOn: on,
          fineYuan: fine,
          kinds,
          ...(heldOn ? { hearingHeldOn: heldOn } : {}),
          ...(spec.waived ? { waived: true } : {}),
          ...(grave
            ? { collectiveDiscussion: { on, conclusion: `经局长办公会集体讨论，决定对当事人处罚款${fine}元。` } }
            : {}),
          statement,
        }),
      };
    });
    const served = move('served', () => {
      const on = after(decided, 1);
      return {
        on,
        exec: moveTo(inspector, {
          to: 'served',
          servedOn: on,
          method: spec.serviceMethod ?? 'direct',
          recipient: party.signer,
        }),
      };
    });
    // 备案 with the city bureau within 10 days (15号令 第六十三条 — 第六十五条).
    if (needsFiling('county', fine, kinds) && !spec.unfiled) {
      action('filed', () => {
        const on = latest(served, after(decided, 3));
        return { on, exec: doing(inspector, { kind: 'filed', filedOn: on }) };
      });
    }
    if (spec.appeal) {
      const a = spec.appeal;
      const filedOn = after(served, a.after);
      action('appeal', () => ({
        on: filedOn,
        exec: doing(inspector, { kind: 'appeal', appeal: 'review', filedOn, outcome: 'pending' }),
      }));
      if (a.outcome !== 'pending') {
        const on = after(filedOn, a.decidedAfter ?? 40);
        awaited.push(on);
        action('appeal', () => ({
          on,
          exec: doing(inspector, { kind: 'appeal', appeal: 'review', filedOn, outcome: a.outcome, decidedOn: on }),
        }));
      }
    }
    if (spec.enforce) {
      const reminded = move('enforcing', () => {
        const on = after(paymentDueOn(cal, served), 3);
        return { on, exec: moveTo(inspector, { to: 'enforcing', reminderServedOn: on }) };
      });
      move('court', () => {
        const opens = latest(courtOpensOn(cal, reminded), addCalendarDays(litigationDueOn(cal, served), 1));
        const on = after(opens, 2);
        // Past the 3 months after the appeal periods the court may no longer be asked (行政强制法 第五十三条).
        if (on > courtClosesOn(cal, served)) throw new Stop();
        return {
          on,
          exec: moveTo(inspector, { to: 'court', appliedOn: on, court: `淄博市${county.name}人民法院` }),
        };
      });
      return;
    }
    pay(served, fine);
    close();
  }

  /** Paid (with its 加处罚款 when late, to the fen), then 结案审批 requested. */
  function pay(served: LocalDate, fine: number) {
    move('closing', () => {
      const on = after(served, spec.paidAfter ?? 7);
      const fee = lateFee(fine, paymentDueOn(cal, served), on);
      const paid = Math.round((fine + fee.lateFeeYuan) * 100) / 100;
      return { on, exec: moveTo(inspector, { to: 'closing', outcome: 'executed', paidOn: on, paidYuan: paid }) };
    });
  }

  /** 结案 by the head after whatever happened last (a 复议 decided), then 归档. */
  function close() {
    const closed = move('closed', () => {
      const on = after(latest(lastOn(), ...awaited), 2);
      const opinion = spec.noPenalty ? '同意不予行政处罚，结案。' : '罚款已全部缴纳，执行完毕，同意结案。';
      return { on, exec: moveTo(leader, { to: 'closed', approvedOn: on, opinion }) };
    });
    move('archived', () => {
      const on = after(closed, 3);
      return {
        on,
        exec: async (ctx, run) => {
          kit.archived += 1;
          const fileNumber = `${COUNTY[kit.county].abbr}应急罚档〔${on.slice(0, 4)}〕${kit.archived}号`;
          await cases.transition(ctx, inspector, id(run), { to: 'archived', archivedOn: on, fileNumber });
        },
      };
    });
  }
}

/** The latest start that brings the case to its state by the day wanted, on the calendar loaded. */
function placed(kit: Kit, cal: WorkingCalendar, today: LocalDate, spec: Spec, party: Party): Run | null {
  for (const until of [spec.until, ...(spec.fallback ? [spec.fallback] : [])]) {
    const wanted = { ...spec, until };
    const by = addCalendarDays(today, -spec.daysAgo);
    for (let back = 0; back <= SEARCH_DAYS; back++) {
      const start = addCalendarDays(by, -back);
      try {
        if (!cal.isWorkingDay(start)) continue;
        const p = plan(kit, cal, today, wanted, party, start);
        if (p.reached === until && p.arrivedOn && p.arrivedOn <= by) {
          return { key: spec.key, id: null, stopped: false, steps: p.steps };
        }
      } catch (e) {
        if (!(e instanceof CalendarGapError)) throw e;
      }
    }
  }
  return null;
}

async function kitOf(ctx: SeedContext, county: County, actorOf: (u: string) => Promise<Actor>): Promise<Kit | null> {
  const db = ctx.db.kysely;
  const officers = await db
    .selectFrom('users')
    .select('id')
    .where('username', 'in', [`inspector.${county}`, `inspector2.${county}`])
    .where('enforcement_cert', 'is not', null)
    .orderBy('username')
    .execute();
  if (officers.length < 2) return null;
  const enterprises = await db
    .selectFrom('enterprises')
    .select(['id', 'name', 'credit_code', 'industry_code', 'legal_representative'])
    .where('region_code', 'like', `${county}%`)
    .where('status', '=', 'operating')
    .orderBy('name')
    .execute();
  const seen = await db
    .selectFrom('inspections')
    .select(['id', 'enterprise_id', sql<string>`inspected_on::text`.as('inspected_on')])
    .where('bureau_region_code', '=', county)
    .orderBy('inspected_on')
    .orderBy('id')
    .execute();
  const inspections = new Map<string, [LocalDate, string][]>();
  for (const i of seen)
    inspections.set(i.enterprise_id, [...(inspections.get(i.enterprise_id) ?? []), [i.inspected_on, i.id]]);
  return {
    county,
    inspector: await actorOf(`inspector.${county}`),
    leader: await actorOf(`leader.${county}`),
    officers: officers.map((o) => o.id),
    enterprises,
    inspections,
    used: new Set(),
    archived: 0,
  };
}

const isCalendarGap = (e: unknown) =>
  e instanceof CalendarGapError || (e instanceof AppError && e.code === 'CALENDAR_YEAR_MISSING');

export async function seedCaseDemo(ctx: SeedContext, actorOf: (username: string) => Promise<Actor>): Promise<string> {
  const now = new Date();
  const today = shanghaiDate(now);
  const cal = await workingCalendar(ctx);
  const kits = new Map<County, Kit | null>();
  const runs: Run[] = [];
  for (const spec of SPECS) {
    if (!kits.has(spec.county)) kits.set(spec.county, await kitOf(ctx, spec.county, actorOf));
    const kit = kits.get(spec.county);
    const enterprise = kit && pickEnterprise(kit, spec);
    if (!kit || !enterprise) continue;
    const run = placed(kit, cal, today, spec, partyOf(kit, spec, enterprise));
    if (run) runs.push(run);
  }
  // Every step of every case in date order: document numbers and audit rows follow the calendar.
  const queue = runs.flatMap((run, i) => run.steps.map((step, j) => ({ run, step, i, j })));
  queue.sort((a, b) => (a.step.on < b.step.on ? -1 : a.step.on > b.step.on ? 1 : a.i - b.i || a.j - b.j));
  let day = '';
  let minute = 0;
  for (const { run, step } of queue) {
    if (run.stopped) continue;
    if (step.on !== day) {
      day = step.on;
      minute = 0;
    }
    const at = Date.parse(`${step.on}T09:00:00+08:00`) + 4 * 60_000 * minute++;
    ctx.setNow(new Date(Math.min(at, now.getTime())));
    try {
      await step.exec(ctx, run);
    } catch (e) {
      // A year without its 节假日安排 on the way: the case stays where it is.
      if (isCalendarGap(e) && run.id) {
        run.stopped = true;
        continue;
      }
      const details = e instanceof AppError ? ` ${JSON.stringify(e.details)}` : '';
      throw new Error(`demo case ${run.key}, ${step.what} on ${step.on}: ${(e as Error).message}${details}`, {
        cause: e,
      });
    }
  }
  ctx.setNow(now);
  return `${runs.filter((r) => r.id).length} penalty cases`;
}
