import { PLAN_TARGETS_2030, type KpiId, type LiveLayer } from '@mekong-ioc/shared';
import { lazy, Suspense, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { isWebGl2Available } from '../../city-map/utils/webgl-support.util';
import { usePageTitle } from '../../shell/hooks/use-page-title';
import { isLinkDead } from '../../../realtime/live-link.util';
import { useFirstLiveFrame } from '../hooks/use-first-live-frame';
import { useWallData } from '../hooks/use-wall-data';
import type { LayerStore } from '../state/layer-store';
import { liveCompleteness } from '../utils/first-live-frame.util';
import { ageSecondsOf, formatAge, formatClock } from '../utils/freshness.util';
import { parseWallOptions, SCENE_LAYERS, startRotation, stepRotation, type RotationState, type WallScene } from '../utils/wall-options.util';
import { AlertTicker, criticalTakeover, CriticalAlertPanel, playChime } from './wall-alerts';
import type { WallChartId } from './wall-charts';
import { KpiTile } from './kpi-tile';
import './wall.css';

// deck.gl and Recharts load after the numbers are on screen.
const WallMap = lazy(() => import('./wall-map').then((module) => ({ default: module.WallMap })));
const WallCharts = lazy(() => import('./wall-charts').then((module) => ({ default: module.WallCharts })));

const SCENE_TILES: Record<WallScene, readonly KpiId[]> = {
  overview: [
    'incidents.active',
    'incidents.active_p1',
    'reports.received_today',
    'reports.open',
    'traffic.congestion_index',
    'environment.vn_aqi_worst',
    'environment.water_level_vs_alarm',
    'cameras.online_share',
    'incidents.within_sla',
    'reports.on_time_rate',
    'public_services.on_time_rate',
    'public_services.overdue',
  ],
  traffic: ['traffic.congestion_index', 'traffic.vehicles_per_hour', 'cameras.online_share', 'cameras.events_last_hour', 'incidents.active', 'incidents.active_p1', 'incidents.mean_time_to_dispatch', 'reports.received_today'],
  environment: ['environment.vn_aqi_worst', 'environment.water_level_vs_alarm', 'environment.salinity_max', 'cameras.online_share', 'incidents.active', 'reports.received_today', 'public_services.received', 'public_services.overdue'],
  incidents: [
    'incidents.active',
    'incidents.active_p1',
    'incidents.mean_time_to_dispatch',
    'incidents.mean_time_to_resolve',
    'incidents.within_sla',
    'reports.received_today',
    'reports.open',
    'reports.overdue',
    'reports.on_time_rate',
    'reports.median_first_response',
    'public_services.received',
    'public_services.on_time_rate',
  ],
};
const SCENE_CHARTS: Record<WallScene, readonly WallChartId[]> = {
  overview: ['reportsByCategory', 'incidentFlow'],
  traffic: ['congestion', 'incidentFlow'],
  environment: ['aqiByZone', 'waterLevels'],
  incidents: ['incidentFlow', 'reportsByCategory'],
};
const ALL_TILE_IDS = [...new Set(Object.values(SCENE_TILES).flat())];
const ALERT_FOCUS_ZOOM = 15;

function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

/** Steps the scene rotation once a second with the wall's current inputs. */
function useSceneRotation(sceneCount: number, intervalSeconds: number | null, criticalAlertActive: boolean, focusHeld: boolean): RotationState {
  const [rotation, setRotation] = useState(() => startRotation(Date.now()));
  const inputs = useRef({ sceneCount, intervalSeconds, criticalAlertActive, focusHeld });
  useEffect(() => {
    inputs.current = { sceneCount, intervalSeconds, criticalAlertActive, focusHeld };
  }, [sceneCount, intervalSeconds, criticalAlertActive, focusHeld]);
  useEffect(() => {
    const timer = setInterval(() => setRotation((state) => stepRotation(state, { now: Date.now(), ...inputs.current })), 1_000);
    return () => clearInterval(timer);
  }, []);
  return rotation;
}

/** Marks each second the wall rendered, for the watchdog that reloads a wall that stopped. */
export const WALL_HEARTBEAT = { at: Date.now() };

/**
 * The video wall: live map, KPI tiles, trends and alerts for leaders reading from 5 m. Scenes rotate
 * from the URL and stop on a critical alert or a focus pushed from the console; everything shows its
 * age, and without a connection the last known state stays up under a banner.
 */
export function WallPage() {
  const { t, i18n } = useTranslation();
  const location = useLocation();
  const options = useMemo(() => parseWallOptions(location.search), [location.search]);
  const language = options.language ?? 'vi';
  useEffect(() => {
    if (i18n.language !== language) void i18n.changeLanguage(language);
  }, [i18n, language]);
  usePageTitle(t('screens.wall.title'));

  const now = useNow(1_000);
  useEffect(() => {
    WALL_HEARTBEAT.at = now;
  }, [now]);
  const data = useWallData(ALL_TILE_IDS);
  const takeover = criticalTakeover(data.alerts, now);
  const focusHeld = data.focus !== null && Date.parse(data.focus.holdUntil) > now;
  const rotation = useSceneRotation(options.scenes.length, options.intervalSeconds, takeover !== null, focusHeld);
  const scene = options.scenes[rotation.index % options.scenes.length] ?? 'overview';

  const chimed = useRef(new Set<string>());
  useEffect(() => {
    if (!takeover || takeover.state !== 'raised' || chimed.current.has(takeover.id)) return;
    chimed.current.add(takeover.id);
    if (options.chime) playChime();
  }, [takeover, options.chime]);

  const [mapAvailable, setMapAvailable] = useState(() => isWebGl2Available());
  const visibleLayers = useMemo(() => new Set<LiveLayer>(options.layers ?? SCENE_LAYERS[scene]), [options.layers, scene]);
  const alertPoint = takeover && takeover.lat !== null && takeover.lon !== null ? { lat: takeover.lat, lon: takeover.lon } : null;
  const mapFocus = useMemo(
    () => (alertPoint ? { ...alertPoint, zoom: ALERT_FOCUS_ZOOM } : focusHeld && data.focus ? { lat: data.focus.lat, lon: data.focus.lon, zoom: data.focus.zoom } : null),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [alertPoint?.lat, alertPoint?.lon, focusHeld, data.focus],
  );
  const marker = useMemo(() => alertPoint ?? (focusHeld && data.focus ? { lat: data.focus.lat, lon: data.focus.lon } : null), [alertPoint?.lat, alertPoint?.lon, focusHeld, data.focus]); // eslint-disable-line react-hooks/exhaustive-deps
  const incidentReference = takeover?.incidentId
    ? ((data.layers.incidents as LayerStore<'incidents'> | undefined)?.get(takeover.incidentId)?.reference ?? null)
    : null;

  const onMapFrame = useFirstLiveFrame(liveCompleteness(SCENE_TILES[scene], data.liveKpis, visibleLayers, data.liveLayers));

  const { status } = data;
  const dead = isLinkDead(status.link, now);
  const disconnected = status.connection === 'reconnecting' || status.connection === 'refused' || dead || (status.connection !== 'connected' && data.fromCache);
  const connectionState = disconnected ? 'offline' : status.connection === 'connected' ? 'online' : 'connecting';
  const serverNow = now + (status.link.clockSkewMs ?? 0);
  const freshestFeed = status.link.feeds
    .filter((feed) => feed.ageSeconds !== null && ['traffic', 'environment', 'camera'].includes(feed.feed))
    .reduce<number | null>((best, feed) => (best === null || (feed.ageSeconds ?? Infinity) < best ? feed.ageSeconds : best), null);
  const delaySeconds = freshestFeed === null || status.link.lastTickAt === null ? null : freshestFeed + (now - status.link.lastTickAt) / 1000;

  return (
    <div className="wall" data-testid="wall" data-scene={scene} data-connection={connectionState} lang={language}>
      <header className="wall__top">
        <div className="wall__brand">
          <span className="wall__name">{t('app.name')}</span>
          <span className="wall__scene" data-testid="wall-scene">
            {t(`wall.live.scenes.${scene}`)}
            {rotation.holding && <span className="wall__hold">{t(`wall.live.hold.${rotation.holding}`)}</span>}
          </span>
        </div>
        <ol className="wall__scene-dots" aria-label={t('wall.live.scenesLabel')}>
          {options.scenes.map((item, i) => (
            <li key={item} data-current={i === rotation.index % options.scenes.length}>
              {t(`wall.live.scenes.${item}`)}
            </li>
          ))}
        </ol>
        <dl className="wall__link" data-testid="wall-link">
          <div data-state={connectionState}>
            <dt>{t('wall.live.connection')}</dt>
            <dd data-testid="wall-connection">{t(`wall.live.connectionState.${connectionState}`)}</dd>
          </div>
          <div>
            <dt>{t('wall.live.delay')}</dt>
            <dd>{delaySeconds === null ? '—' : t('wall.live.seconds', { count: Math.round(delaySeconds) })}</dd>
          </div>
          <div className="wall__clock">
            <dt>{t('wall.localTime')}</dt>
            <dd>{formatClock(serverNow, true)}</dd>
          </div>
        </dl>
      </header>

      {disconnected && (
        <div className="wall__banner" role="status" data-testid="wall-disconnected">
          {t('wall.live.disconnected', { time: data.dataAsOf === null ? '—' : formatClock(data.dataAsOf) })}
        </div>
      )}

      <main className="wall__body">
        <section className="wall__map" aria-label={t('wall.mapTitle')}>
          {mapAvailable ? (
            <Suspense fallback={<p className="wall__map-wait">{t('wall.live.mapLoading')}</p>}>
              <WallMap stores={data.layers} visible={visibleLayers} focus={mapFocus} marker={marker} onUnavailable={() => setMapAvailable(false)} onFrame={onMapFrame} />
            </Suspense>
          ) : (
            <p className="wall__map-wait">{t('wall.live.mapUnavailable')}</p>
          )}
          <p className="wall__map-note">{t('wall.mapNote')}</p>
          <ul className="wall__legend" aria-label={t('wall.live.layersLabel')}>
            {[...visibleLayers].map((layer) => (
              <li key={layer} data-layer={layer}>
                {t(`wall.live.layers.${layer}`)} · {data.layers[layer]?.size ?? 0}
              </li>
            ))}
          </ul>
          {focusHeld && !takeover && data.focus && (
            <p className="wall__focus" data-testid="wall-focus">
              {data.focus.incident ? `${data.focus.incident.reference} · ${data.focus.incident.title}` : t('wall.live.focusView')} — {t('wall.live.pushedBy', { name: data.focus.sentBy })}
            </p>
          )}
        </section>

        <section className="wall__side">
          <div className="wall__kpis" data-count={SCENE_TILES[scene].length} aria-label={t('wall.kpisLabel')}>
            {SCENE_TILES[scene].map((id) => (
              <KpiTile
                key={id}
                id={id}
                value={data.kpis.get(id)}
                previousWeek={data.previousWeek[id]}
                series={data.series[id]}
                language={language}
                now={now}
                clockSkewMs={status.link.clockSkewMs}
              />
            ))}
          </div>
          <Suspense fallback={<div className="wall-charts" />}>
            <WallCharts charts={SCENE_CHARTS[scene]} trends={data.trends} reports={data.layers.reports} language={language} now={now} />
          </Suspense>
          {takeover && <CriticalAlertPanel alert={takeover} incidentReference={incidentReference} language={language} now={now} />}
        </section>
      </main>

      <footer className="wall__foot">
        <AlertTicker alerts={data.alerts} language={language} />
        <ul className="wall__plan" aria-label={t('wall.live.planTargets')}>
          <li className="wall__plan-title">{t('wall.live.planTargets')}</li>
          {PLAN_TARGETS_2030.map((target) => (
            <li key={target.id}>
              <span>{target.label[language]}</span>{' '}
              <strong>
                {typeof target.target === 'number' ? target.target.toLocaleString(language === 'vi' ? 'vi-VN' : 'en-GB') : `${target.target.min}–${target.target.max}`} {target.unit[language]}
              </strong>{' '}
              <span className="wall__plan-actual">{t('wall.live.actualPending')}</span>
            </li>
          ))}
        </ul>
        <span className="wall__asof">{data.dataAsOf === null ? t('wall.noData') : t('wall.live.dataAge', { age: formatAge(ageSecondsOf(new Date(data.dataAsOf).toISOString(), now), language) })}</span>
      </footer>
    </div>
  );
}
