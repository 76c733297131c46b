import { ZONE_LABELS, ZONES } from '@mekong-ioc/shared';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../../i18n/use-language';
import { useSession } from '../../auth/hooks/use-session';
import { WallClock } from '../../clock/components/wall-clock';
import { HealthStatus } from '../../health/components/health-status';
import { usePageTitle } from '../../shell/hooks/use-page-title';
import './wall.css';

const KPI_TILES = ['kpiReports', 'kpiIncidents', 'kpiTraffic', 'kpiAir', 'kpiWater', 'kpiCameras'] as const;
const UPCOMING = ['upcoming1', 'upcoming2', 'upcoming3'] as const;

/**
 * The video wall, for now a placeholder in its final frame: dark, read from 5 m, sized in viewport
 * units so a 3840×2160 screen and a laptop show the same layout, never scrolling, nothing to click.
 */
export function WallPage() {
  const { t } = useTranslation();
  const [language] = useLanguage();
  const session = useSession();
  usePageTitle(t('screens.wall.title'));

  return (
    <div className="wall" data-testid="wall">
      <header className="wall__top">
        <div className="wall__brand">
          <span className="wall__name">{t('app.name')}</span>
          <span className="wall__tagline">{t('app.tagline')}</span>
        </div>
        <WallClock />
      </header>

      <main className="wall__body">
        <section className="wall__map" aria-labelledby="wall-map-title">
          <div className="wall__panel-head">
            <h1 id="wall-map-title">{t('wall.mapTitle')}</h1>
            <span className="wall__badge">{t('placeholder.badge')}</span>
          </div>
          <p className="wall__lead">{t('wall.comingSoon')}</p>
          <ul className="wall__upcoming">
            {UPCOMING.map((item) => (
              <li key={item}>{t(`screens.wall.${item}`)}</li>
            ))}
          </ul>
          <h2 className="wall__zones-title">{t('wall.zones')}</h2>
          <ul className="wall__zones">
            {ZONES.map((zone) => (
              <li key={zone}>{ZONE_LABELS[zone][language]}</li>
            ))}
          </ul>
          <p className="wall__map-note">{t('wall.mapNote')}</p>
        </section>

        <section className="wall__kpis" aria-label={t('wall.kpisLabel')}>
          {KPI_TILES.map((tile) => (
            <article key={tile} className="wall-kpi" data-state="no-data">
              <h2 className="wall-kpi__label">{t(`wall.${tile}`)}</h2>
              <p className="wall-kpi__value" aria-hidden="true">
                —
              </p>
              <p className="wall-kpi__freshness">{t('wall.noData')}</p>
            </article>
          ))}
        </section>
      </main>

      <footer className="wall__foot">
        <HealthStatus className="health-status--wall" />
        {session.status === 'signed-in' && <span className="wall__who">{t('wall.screenOf', { name: session.user.displayName })}</span>}
      </footer>
    </div>
  );
}
