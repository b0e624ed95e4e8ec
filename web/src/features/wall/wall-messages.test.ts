import { describe, expect, it } from 'vitest';
import { translate } from '../i18n/I18nProvider.tsx';
import { wallText } from './wall-messages.ts';

describe('the wall and the dashboard name the same product', () => {
  it.each(['zh', 'en'] as const)('%s: the wall title is the app title and the room', (lang) => {
    const app = translate(lang, 'appTitle');
    const wall = wallText(lang)('wallTitle');
    expect(wall.startsWith(`${app} · `)).toBe(true);
    expect(wall.length).toBeGreaterThan(app.length + 3);
  });
});
