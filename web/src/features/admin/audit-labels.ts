import type { Lang } from '../i18n/format.ts';

/**
 * The audit log's action codes in words. An action the table does not know yet (the API may add
 * some) shows as its code: better raw than hidden.
 */
const ACTIONS: Record<string, [zh: string, en: string]> = {
  'auth.login': ['登录', 'Signed in'],
  'auth.login_failed': ['登录失败', 'Sign-in failed'],
  'auth.login_locked': ['登录被锁定', 'Sign-in locked'],
  'auth.device_login': ['大屏设备登录', 'Wall device signed in'],
  'auth.device_login_failed': ['大屏设备登录失败', 'Wall device sign-in failed'],
  'auth.logout': ['退出登录', 'Signed out'],
  'user.create': ['新增用户', 'User created'],
  'user.update': ['修改用户', 'User changed'],
  'device.create': ['新建设备令牌', 'Device token created'],
  'device.revoke': ['撤销设备', 'Device revoked'],
  export: ['导出', 'Export'],
  'import.ledger': ['导入台账', 'Ledger import'],
  'import.boundaries': ['导入边界', 'Boundary import'],
  'intake.hazard': ['上报隐患', 'Hazard reported'],
  'intake.dispute': ['受理纠纷', 'Dispute received'],
  'intake.visit': ['登记走访', 'Visit recorded'],
  'status.hazard': ['隐患状态变更', 'Hazard status changed'],
  'status.dispute': ['纠纷状态变更', 'Dispute status changed'],
  'campaign.create': ['新建专项行动', 'Campaign created'],
  'campaign.update': ['修改专项行动', 'Campaign changed'],
  'campaign.delete': ['删除专项行动', 'Campaign deleted'],
};

export function auditActionLabel(action: string, lang: Lang): string {
  const pair = ACTIONS[action];
  return pair ? pair[lang === 'zh' ? 0 : 1] : action;
}

/** The detail object on one line, without the empty and unset members. */
export function auditDetailText(detail: Record<string, unknown> | null | undefined): string {
  if (!detail) return '';
  return Object.entries(detail)
    .filter(([, v]) => v !== null && v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
    .join(' · ');
}
