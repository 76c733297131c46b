import type { IncidentContext } from '@mekong-ioc/shared';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../../i18n/use-language';
import { formatReportTime } from '../../citizen-report/utils/report-time.util';

const round = (value: number): string => String(Math.round(value * 10) / 10);

/** What cameras and sensors near the incident saw: e.g. the canal level during a flood report. */
export function IncidentContextPanel({ context }: { context: IncidentContext | null }) {
  const { t } = useTranslation();
  const [language] = useLanguage();
  if (!context) return <p className="muted">{t('dispatchConsole.detail.contextLoading')}</p>;
  const name = (entry: { nameVi: string; nameEn: string }) => (language === 'vi' ? entry.nameVi : entry.nameEn);
  const label = (entry: { labelVi: string; labelEn: string }) => (language === 'vi' ? entry.labelVi : entry.labelEn);
  return (
    <div className="incident-context" data-testid="incident-context">
      <p className="muted">{t('dispatchConsole.detail.contextNote', { radius: context.radiusMeters, hours: context.windowHours })}</p>
      {!context.cameraEvents.length && !context.sensorReadings.length && <p>{t('dispatchConsole.detail.contextEmpty')}</p>}
      {context.sensorReadings.length > 0 && (
        <>
          <h4>{t('dispatchConsole.detail.sensorReadings')}</h4>
          <ul>
            {context.sensorReadings.map((reading) => (
              <li key={`${reading.deviceId}/${reading.metric}`} data-testid="context-sensor">
                {t('dispatchConsole.detail.sensorReading', {
                  device: name(reading),
                  label: label(reading),
                  value: round(reading.lastValue),
                  unit: reading.unit,
                  min: round(reading.min),
                  max: round(reading.max),
                  distance: reading.distanceMeters,
                })}
                {reading.alarmLevels && (
                  <span className="muted"> · {t('dispatchConsole.detail.alarmLevels', { levels: reading.alarmLevels.join(' / '), unit: reading.unit })}</span>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      {context.cameraEvents.length > 0 && (
        <>
          <h4>{t('dispatchConsole.detail.cameraEvents')}</h4>
          <ul>
            {context.cameraEvents.map((event) => (
              <li key={`${event.deviceId}/${event.metric}`} data-testid="context-camera">
                {t('dispatchConsole.detail.cameraEvent', {
                  camera: name(event),
                  label: label(event),
                  n: event.events,
                  time: formatReportTime(event.lastAt, language),
                  distance: event.distanceMeters,
                })}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
