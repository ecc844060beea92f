// Texts of the cockpit (领导驾驶舱), 分管 scope and indicator links: Chinese first, English for the UI switch.
import { useCallback } from 'react';
import { useI18n } from './i18n';

const TEXT = {
  title: ['领导驾驶舱', 'Cockpit'],
  scopeMine: ['分管处室', 'My departments'],
  scopeAll: ['全局', 'All departments'],
  showAllRanks: ['显示全部 {n} 个处室', 'Show all {n} departments'],
  showTopRanks: ['只显示前 {n} 名', 'Show the top {n} only'],
  scopeHint: ['分管：{names}', 'Overseeing: {names}'],
  total: ['事项总数', 'Measures'],
  totalHint: ['不含已撤销', 'cancelled ones excluded'],
  completionRate: ['办结率', 'Completion rate'],
  completionHint: ['已办结 {n} / {total} 项', '{n} of {total} completed'],
  onTimeRate: ['按期率', 'On-time rate'],
  onTimeHint: ['按期办结 {n} 项，逾期办结 {late} 项', '{n} on time, {late} late'],
  overdue: ['逾期事项', 'Overdue'],
  overdueHint: ['在办且已过截止日期', 'in hand and past due'],
  accountability: ['问责', 'Accountability'],
  accountabilityHint: ['升级至问责 {ladder} 项，问责结果 {outcomes} 条', '{ladder} at the 问责 step, {outcomes} outcomes recorded'],
  topOverdue: ['逾期最久的事项', 'Most overdue'],
  noOverdue: ['暂无逾期事项', 'Nothing overdue'],
  workingDaysOverdue: ['逾期工作日', 'Working days overdue'],
  ranking: ['处室排名', 'Department ranking'],
  rankingChart: ['处室综合得分', 'Department scores'],
  rank: ['名次', 'Rank'],
  score: ['综合得分', 'Score'],
  department: ['处室', 'Department'],
  completed: ['已办结', 'Completed'],
  trend: ['处室得分趋势（按月末）', 'Score trend (month ends)'],
  noTrend: ['本年度尚未开始', 'The plan year has not begun'],
  indicatorMeasures: ['服务该指标的措施（{n} 项）', 'Measures serving it ({n})'],
  indicatorProgress: ['措施平均进度', 'Average progress of its measures'],
  noLinked: ['尚未关联措施', 'No measures linked'],
  link: ['关联措施', 'Link measures'],
  linkTitle: ['关联措施：指标（{code}）', 'Link measures to indicator ({code})'],
  linkSaved: ['已保存关联措施', 'Links saved'],
  save: ['保存', 'Save'],
  cancel: ['取消', 'Cancel'],
  chooseMeasures: ['选择措施', 'Choose measures'],
  leaderDepartments: ['分管领导', 'Leaders’ departments'],
  leader: ['局领导', 'Bureau leader'],
  leaderDepartmentsHint: ['设置每位局领导分管的业务处室：驾驶舱和全部事项默认只看分管处室，可一键切换到全局。', 'The departments each bureau leader oversees: their cockpit and measure list start there, with one click to all.'],
  leaderDepartmentsSaved: ['已保存 {name} 的分管处室', 'Saved {name}’s departments'],
  noLeaders: ['尚无局领导账号', 'No bureau leaders yet'],
  filtered: ['筛选条件', 'Filters'],
  clearFilters: ['清除筛选', 'Clear filters'],
  fYear: ['{v} 年', 'Year {v}'],
  fLead: ['牵头处室：{v}', 'Lead: {v}'],
  fDepartment: ['处室：{v}', 'Department: {v}'],
  fStatus: ['状态：{v}', 'State: {v}'],
  fLight: ['灯色：{v}', 'Light: {v}'],
  fAssignee: ['承办人：{v}', 'Assignee: {v}'],
  fQ: ['搜索：{v}', 'Search: {v}'],
  fOverdue: ['已逾期', 'Overdue'],
  fNotOverdue: ['未逾期', 'Not overdue'],
  fEscalation: ['督办级别：{v}', 'Escalation: {v}'],
  fOnTime: ['按期办结', 'Completed on time'],
  fLate: ['逾期办结', 'Completed late'],
  fAccountability: ['问责', 'Under accountability'],
  fNoAccountability: ['未问责', 'Not under accountability'],
  fExcludeCancelled: ['不含已撤销', 'Cancelled excluded'],
} as const;

export type CockpitTextKey = keyof typeof TEXT;

export function useCockpitText(): (key: CockpitTextKey, values?: Record<string, string | number>) => string {
  const { language } = useI18n();
  return useCallback(
    (key, values = {}) => {
      const [zh, en] = TEXT[key];
      return (language === 'en' ? en : zh).replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ''));
    },
    [language],
  );
}
