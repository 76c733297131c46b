/*
 * Benchmark page (built apart from the app, see vite.bench.config.ts): the wall-load baseline, a
 * deck.gl map with the wall's basemap and nothing live. It marks its first drawn frame.
 */
import type { MapViewState } from '@deck.gl/core';
import { DeckGL } from '@deck.gl/react';
import { useMemo, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { createCityBasemapLayers } from '../features/city-map/layers/city-basemap.layers';
import { fitViewToBounds } from '../features/city-map/utils/fit-view.util';

export const BLANK_FIRST_FRAME_MARK = 'wall-blank:first-frame';

function BlankMap() {
  const layers = useMemo(() => createCityBasemapLayers({ theme: 'dark', idPrefix: 'wall-basemap' }), []);
  const [size, setSize] = useState<{ width: number; height: number } | null>(null);
  const viewState = useMemo<MapViewState | null>(() => (size ? { ...fitViewToBounds(size.width, size.height, undefined, 24), pitch: 0, bearing: 0 } : null), [size]);
  const marked = useRef(false);
  return (
    <DeckGL
      {...(viewState ? { viewState } : { initialViewState: { longitude: 106.36, latitude: 10.365, zoom: 12 } })}
      controller={false}
      layers={layers}
      onResize={({ width, height }) => setSize({ width, height })}
      onAfterRender={() => {
        if (marked.current) return;
        marked.current = true;
        performance.mark(BLANK_FIRST_FRAME_MARK);
      }}
      useDevicePixels={1}
    />
  );
}

const root = document.getElementById('root');
if (!root) throw new Error('no #root');
createRoot(root).render(
  <div style={{ position: 'fixed', inset: 0 }}>
    <BlankMap />
  </div>,
);
