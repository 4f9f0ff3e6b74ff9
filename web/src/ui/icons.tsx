// Transport icons as inline SVG: fonts on projector laptops often lack the media glyphs.

export type IconName = 'start' | 'back' | 'play' | 'pause' | 'forward' | 'end';

const PATHS: Record<IconName, string> = {
  start: 'M4 4h2.5v16H4zM20 4v16L8 12z',
  back: 'M18 4v16L6 12z',
  play: 'M6 4v16l14-8z',
  pause: 'M6 4h4.5v16H6zM13.5 4H18v16h-4.5z',
  forward: 'M6 4v16l12-8z',
  end: 'M17.5 4H20v16h-2.5zM4 4v16l12-8z',
};

export function Icon({ name }: { name: IconName }) {
  return (
    <svg class="icon" viewBox="0 0 24 24" width="1em" height="1em" aria-hidden="true" focusable="false">
      <path d={PATHS[name]} fill="currentColor" />
    </svg>
  );
}
