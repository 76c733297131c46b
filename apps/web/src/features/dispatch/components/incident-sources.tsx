import type { IncidentPhoto, IncidentSourceEntry } from '@mekong-ioc/shared';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../../i18n/use-language';
import { formatReportTime, toDateTimeAttribute } from '../../citizen-report/utils/report-time.util';

/** The reports, camera events and entries merged into the incident, with their photos; ticking one marks it for a split. */
export function IncidentSources({
  sources,
  splitIds,
  onToggleSplit,
}: {
  sources: readonly IncidentSourceEntry[];
  splitIds: ReadonlySet<string> | null;
  onToggleSplit: (id: string) => void;
}) {
  const { t } = useTranslation();
  const [language] = useLanguage();
  return (
    <ol className="incident-sources" data-testid="incident-sources">
      {sources.map((source) => (
        <li key={source.id} className="incident-source">
          <div className="incident-source__head">
            <strong>{t(`dispatchConsole.detail.sourceKinds.${source.kind}`)}</strong>
            <time dateTime={toDateTimeAttribute(source.receivedAt)}>{formatReportTime(source.receivedAt, language)}</time>
            {splitIds && (
              <label className="incident-source__split">
                <input type="checkbox" checked={splitIds.has(source.id)} onChange={() => onToggleSplit(source.id)} />
                {t('dispatchConsole.actions.splitSource')}
              </label>
            )}
          </div>
          <p>{source.description}</p>
          <PhotoStrip photos={source.photos} altKey="dispatchConsole.detail.photoAlt" />
        </li>
      ))}
    </ol>
  );
}

export function PhotoStrip({ photos, altKey }: { photos: readonly IncidentPhoto[]; altKey: 'dispatchConsole.detail.photoAlt' | 'dispatchConsole.detail.fieldPhotoAlt' }) {
  const { t } = useTranslation();
  if (!photos.length) return null;
  return (
    <ul className="photo-strip">
      {photos.map((photo, index) => (
        <li key={photo.id}>
          <a href={photo.url} target="_blank" rel="noreferrer">
            <img src={photo.thumbnailUrl} alt={t(altKey, { number: index + 1 })} loading="lazy" data-testid="incident-photo" />
          </a>
        </li>
      ))}
    </ul>
  );
}
