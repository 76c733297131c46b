import type { BilingualLabel, BriefingLocale } from '@mekong-ioc/shared';
import type { BriefingChapter } from './briefing-content';

/** Every label of the briefing documents, in both languages (the web app's strings are in its locale files). */
export const BRIEFING_TEXT = {
  title: { vi: 'Báo cáo giao ban tuần', en: 'Weekly briefing' },
  city: { vi: 'Trung tâm Điều hành đô thị thông minh – TP. Mỹ Tho', en: 'Intelligent Operations Centre – My Tho City' },
  weekRange: { vi: 'Tuần {number}/{year}: từ {from} đến {to}', en: 'Week {number} of {year}: {from} to {to}' },
  provisional: {
    vi: 'SỐ LIỆU TẠM THỜI: tuần chưa kết thúc, số liệu tính đến {at}',
    en: 'PROVISIONAL: the week is not over; figures as of {at}',
  },
  generatedAt: { vi: 'Thời điểm lập báo cáo: {at} (giờ Việt Nam)', en: 'Generated: {at} (Vietnam time)' },
  contents: { vi: 'Nội dung', en: 'Contents' },
  page: { vi: 'Trang {page}/{pages}', en: 'Page {page}/{pages}' },
  sourcesTitle: { vi: 'Nguồn số liệu', en: 'Data sources' },
  aboutTitle: { vi: 'Về báo cáo này', en: 'About this briefing' },
  noRows: { vi: 'Không có số liệu trong tuần.', en: 'No data for the week.' },
  moreRows: { vi: 'Còn {count} dòng nữa trong bản XLSX/CSV.', en: '{count} more rows in the XLSX/CSV edition.' },
  noData: { vi: 'chưa có số liệu', en: 'no data yet' },
  unassigned: { vi: 'Chưa giao đơn vị', en: 'Not assigned' },
  yes: { vi: 'Có', en: 'Yes' },
  no: { vi: 'Không', en: 'No' },
} as const satisfies Record<string, BilingualLabel>;

export const CHAPTER_TITLES: Record<BriefingChapter, BilingualLabel> = {
  kpis: { vi: '1. Tổng quan chỉ số', en: '1. KPI summary' },
  incidents: { vi: '2. Sự cố', en: '2. Incidents' },
  reports: { vi: '3. Phản ánh hiện trường', en: '3. Citizen reports' },
  environment: { vi: '4. Môi trường', en: '4. Environment' },
  traffic: { vi: '5. Giao thông', en: '5. Traffic' },
  cameras: { vi: '6. Camera', en: '6. Cameras' },
  public_services: { vi: '7. Dịch vụ công', en: '7. Public services' },
  plan: { vi: '8. Mục tiêu kế hoạch 2030', en: '8. 2030 plan targets' },
};

export const t = (label: BilingualLabel, locale: BriefingLocale, values: Record<string, string | number> = {}): string =>
  label[locale].replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));

export const INCIDENT_STATUS_LABELS: Record<string, BilingualLabel> = {
  new: { vi: 'Mới', en: 'New' },
  verified: { vi: 'Đã xác minh', en: 'Verified' },
  dispatched: { vi: 'Đã điều phối', en: 'Dispatched' },
  on_scene: { vi: 'Đang xử lý', en: 'On scene' },
  resolved: { vi: 'Đã xử lý', en: 'Resolved' },
  closed: { vi: 'Đã đóng', en: 'Closed' },
  rejected: { vi: 'Không hợp lệ', en: 'Rejected' },
  duplicate: { vi: 'Trùng', en: 'Duplicate' },
};

export const CAMERA_KIND_LABELS: Record<string, BilingualLabel> = {
  traffic: { vi: 'Camera giao thông', en: 'Traffic cameras' },
  security: { vi: 'Camera an ninh', en: 'Security cameras' },
  flood: { vi: 'Camera giám sát ngập', en: 'Flood cameras' },
};

/**
 * KPI labels for a week: the wall's "today" and "last hour" KPIs measured over a whole week read
 * differently (the wall says "Phản ánh hôm nay", the briefing "Phản ánh tiếp nhận trong tuần").
 */
export const WEEKLY_KPI_LABELS: Record<string, BilingualLabel> = {
  'reports.received_today': { vi: 'Phản ánh tiếp nhận trong tuần', en: 'Reports received in the week' },
  'cameras.events_last_hour': { vi: 'Sự kiện phân tích camera', en: 'Camera analytics events' },
  'public_services.received': { vi: 'Hồ sơ tiếp nhận trong tuần', en: 'Dossiers received in the week' },
  'public_services.overdue': { vi: 'Hồ sơ quá hạn trong tuần', en: 'Dossiers overdue in the week' },
};
