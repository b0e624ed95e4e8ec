import { afterEach, describe, expect, it } from 'vitest';
import { withPref } from '../../app/page-prefs.ts';
import { landingFor } from '../auth/landing.ts';
import { canonicaliseAddress, normalisePath, sameOriginHref } from './same-origin.ts';
import { decodeView } from './url-codec.ts';
import { navigateTo } from './useViewState.ts';

const ORIGIN = 'http://localhost:8080';

describe('normalisePath', () => {
  it.each([
    ['/', '/'],
    ['', '/'],
    ['/wall', '/wall'],
    ['/briefing/', '/briefing/'],
    ['//evil.example/x', '/evil.example/x'],
    ['///evil.example/x', '/evil.example/x'],
    ['////', '/'],
    ['/\\evil.example/x', '/evil.example/x'],
    ['\\\\evil.example', '/evil.example'],
    ['/\t/evil.example', '/evil.example'],
    ['/\n/evil.example', '/evil.example'],
    ['evil.example', '/evil.example'],
    ['http://evil.example/x', '/http://evil.example/x'],
    ['//evil.example//a//b', '/evil.example//a//b'],
    ['/a//b', '/a//b'],
    ['/%2F%2Fevil.example', '/%2F%2Fevil.example'],
  ])('%j -> %j, a path of this origin', (input, expected) => {
    const out = normalisePath(input);
    expect(out).toBe(expected);
    const url = new URL(out, ORIGIN);
    expect(url.origin).toBe(ORIGIN);
    expect(url.host).toBe('localhost:8080');
  });

  it.each([
    ['//evil.example/x', '?lang=en', '#top', '/evil.example/x?lang=en#top'],
    ['/', '?m=coverage', '', '/?m=coverage'],
  ])('sameOriginHref(%j, %j, %j) = %j', (path, search, hash, expected) => {
    expect(sameOriginHref(path, search, hash)).toBe(expected);
    expect(new URL(sameOriginHref(path, search, hash), ORIGIN).origin).toBe(ORIGIN);
  });
});

describe('canonicaliseAddress', () => {
  afterEach(() => window.history.replaceState(null, '', '/'));

  it('leaves a plain address alone', () => {
    window.history.replaceState(null, '', '/briefing?week=2026-W47');
    expect(canonicaliseAddress()).toBe(false);
    expect(window.location.pathname + window.location.search).toBe('/briefing?week=2026-W47');
  });

  it('rewrites a path jsdom holds with a doubled leading slash, keeping query and hash', () => {
    // jsdom, like a browser, keeps http://localhost:3000//evil.example/x as a same-origin path.
    window.history.replaceState(null, '', '/x');
    const here = new URL(window.location.href);
    window.history.replaceState(null, '', `${here.origin}//evil.example/x?m=coverage#k`);
    expect(window.location.pathname).toBe('//evil.example/x');
    expect(canonicaliseAddress()).toBe(true);
    expect(window.location.pathname + window.location.search + window.location.hash).toBe('/evil.example/x?m=coverage#k');
    expect(window.location.origin).toBe(here.origin);
  });
});

describe('the writers of the address, on a path starting with //', () => {
  afterEach(() => window.history.replaceState(null, '', '/'));
  const atDoubleSlash = () => window.history.replaceState(null, '', `${window.location.origin}//evil.example/x`);

  it('navigateTo writes a same-origin address instead of throwing', () => {
    atDoubleSlash();
    expect(() => navigateTo({ ...decodeView(''), theme: 'dark' }, { replace: true })).not.toThrow();
    expect(window.location.pathname).toBe('/evil.example/x');
  });

  it('withPref keeps the path (not a host) and stays on this origin', () => {
    expect(withPref('//evil.example/x?theme=dark', 'lang', 'en')).toBe('/evil.example/x?theme=dark&lang=en');
  });

  it("a township account's redirect keeps to this origin", () => {
    const user = { id: 2, username: 'demo-township', displayName: 'x', role: 'township', townshipCode: '430421110', townshipName: '界牌镇', villageCodes: null } as const;
    const landing = landingFor(user as never, { pathname: '//evil.example/briefing', search: '' });
    if (landing.kind === 'redirect') expect(new URL(landing.href, ORIGIN).origin).toBe(ORIGIN);
    const dash = landingFor(user as never, { pathname: '//evil.example/x', search: '?township=430421100' });
    expect(dash.kind).toBe('redirect');
    if (dash.kind === 'redirect') expect(new URL(dash.href, ORIGIN).origin).toBe(ORIGIN);
  });
});
