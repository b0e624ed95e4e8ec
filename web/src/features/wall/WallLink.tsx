import { useView } from '../url-state/ViewContext.tsx';
import { encodeWallParams, WALL_DEFAULTS } from './wall-params.ts';

/** The dashboard's switch to the wall: same township and language, wall defaults otherwise. */
export function WallLink() {
  const { view } = useView();
  const href = `/wall${encodeWallParams({ ...WALL_DEFAULTS, township: view.township, lang: view.lang })}`;
  return (
    <a className="btn ghost" href={href} data-testid="wall-link">
      {view.lang === 'zh' ? '大屏模式' : 'Wall mode'}
    </a>
  );
}
