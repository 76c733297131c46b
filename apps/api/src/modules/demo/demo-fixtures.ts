import type { Agency, ApiKeyScope, Role } from '@mekong-ioc/shared';
import { API_KEY_SCOPES } from '@mekong-ioc/shared';

/** The agencies of the Mỹ Tho demo (domain brief). A real deployment registers its own. */
export const DEMO_AGENCIES: Omit<Agency, 'id'>[] = [
  { code: 'ubnd-phuong', kind: 'ward_committee', nameVi: 'UBND phường/xã', nameEn: "Ward People's Committees" },
  { code: 'cong-an', kind: 'police', nameVi: 'Công an TP. Mỹ Tho', nameEn: 'My Tho City Police' },
  { code: 'csgt', kind: 'traffic_police', nameVi: 'Cảnh sát giao thông', nameEn: 'Traffic Police' },
  { code: 'trat-tu-do-thi', kind: 'urban_order', nameVi: 'Đội trật tự đô thị', nameEn: 'Urban Order Team' },
  { code: 'moi-truong', kind: 'environment_sanitation', nameVi: 'Công ty Môi trường đô thị', nameEn: 'Urban Environment Company' },
  { code: 'dien-luc', kind: 'electricity', nameVi: 'Điện lực Mỹ Tho', nameEn: 'My Tho Electricity' },
  { code: 'pccc', kind: 'fire_rescue', nameVi: 'Cảnh sát PCCC & CNCH', nameEn: 'Fire and Rescue Police' },
  { code: 'cap-nuoc', kind: 'water_supply', nameVi: 'Công ty Cấp nước', nameEn: 'Water Supply Company' },
];

export interface DemoAccount {
  username: string;
  password: string;
  role: Role;
  displayName: string;
  agencyCode?: string;
}

/** Demo sign-ins, created only when DEMO_MODE is on (never allowed with NODE_ENV=production). */
export const DEMO_PASSWORD = 'mytho-demo-2026';
export const DEMO_ACCOUNTS: DemoAccount[] = [
  { username: 'admin', password: DEMO_PASSWORD, role: 'admin', displayName: 'Quản trị viên' },
  { username: 'lanhdao', password: DEMO_PASSWORD, role: 'leader', displayName: 'Lãnh đạo UBND thành phố' },
  { username: 'truc', password: DEMO_PASSWORD, role: 'duty_officer', displayName: 'Cán bộ trực ca' },
  { username: 'csgt', password: DEMO_PASSWORD, role: 'responder', displayName: 'Tổ CSGT số 1', agencyCode: 'csgt' },
  { username: 'manhinh', password: DEMO_PASSWORD, role: 'wall', displayName: 'Màn hình phòng điều hành' },
];

export interface DemoApiKey {
  name: string;
  key: string;
  scopes: ApiKeyScope[];
}

/** Well-known demo keys so the simulator and a newcomer's curl need no set-up. */
export const DEMO_API_KEYS: DemoApiKey[] = [
  {
    name: 'Bộ mô phỏng Mỹ Tho (simulator)',
    key: 'mioc_demosimula_' + 'Mekong-IOC-demo-simulator-key-not-a-secret0',
    scopes: API_KEY_SCOPES.filter((scope) => scope.startsWith('ingest:')),
  },
  {
    name: 'Cổng phản ánh công dân (public report form)',
    key: 'mioc_demoreport_' + 'Mekong-IOC-demo-report-form-key-not-secret0',
    scopes: ['reports:submit'],
  },
];
