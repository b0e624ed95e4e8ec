import type { Theme } from '../url-state/view-state.ts';

export const CHART_FONT = '"Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", sans-serif';

/** Chart colours per theme; series colours match the map (disputes warm, hazards cool). */
export const CHART_COLORS: Record<Theme, { text: string; muted: string; grid: string; disputes: string; hazards: string; visits: string; tooltipBg: string }> = {
  light: { text: '#1c2430', muted: '#5c6878', grid: '#e3e8ee', disputes: '#d9480f', hazards: '#1c7ed6', visits: '#2b8a3e', tooltipBg: '#ffffff' },
  dark: { text: '#e6edf6', muted: '#9fb0c4', grid: '#24354a', disputes: '#ff8a4c', hazards: '#5cb8ff', visits: '#69db7c', tooltipBg: '#101b29' },
};
