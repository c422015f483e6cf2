// Times one refresh of `hproc top` with 1,000 processes: the new listing through update() and the
// whole frame laid out by renderTopScreen, at several terminal sizes, after a warm-up.
//   node --import tsx bench/top-render.ts
import { renderTopScreen } from '../src/render/top-screen.js';
import { createTheme } from '../src/render/theme.js';
import { update } from '../src/top/state.js';
import { apply, freshState, NOW, nthProcess } from '../tests/unit/top/fixtures.js';

const processes = Array.from({ length: 1000 }, (_, i) => nthProcess(i));
for (const [width, height] of [[80, 24], [120, 40], [200, 60]] as const) {
  const theme = createTheme(true);
  let state = apply(freshState(width, height), { type: 'listed', processes, now: NOW });
  for (let i = 0; i < 30; i += 1) renderTopScreen(update(state, { type: 'listed', processes: [...processes], now: NOW + i }), theme);
  const times: number[] = [];
  for (let i = 0; i < 51; i += 1) {
    const started = performance.now();
    // A new array each time, as a new listing is: nothing derived from the last one is reused.
    state = update(state, { type: 'listed', processes: [...processes], now: NOW + i });
    renderTopScreen(state, theme);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  console.log(`${width}×${height}: a refresh of 1,000 processes (update + frame): median ${(times[25] as number).toFixed(2)} ms, max ${(times[50] as number).toFixed(2)} ms`);
}
