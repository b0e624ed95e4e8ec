import { defineMessages } from '../i18n/local-messages.ts';

/** "导出图片" and the exported figure's own lines. */
export const exportText = defineMessages(
  {
    idle: '导出图片',
    busy: '正在导出…',
    failed: '导出失败',
    figureTitle: '衡阳县政法综治态势',
    scope: '范围：{s}',
    period: '时段：{p}',
    asOf: '数据{t}',
    filters: '筛选：{f}',
    exported: '导出于 {t}',
    boundary: '注：{n}',
  },
  {
    idle: 'Export PNG',
    busy: 'Exporting…',
    failed: 'Export failed',
    figureTitle: 'Hengyang County Public Safety',
    scope: 'Scope: {s}',
    period: 'Period: {p}',
    asOf: 'Data {t}',
    filters: 'Filters: {f}',
    exported: 'Exported {t}',
    boundary: 'Note: {n}',
  },
);
