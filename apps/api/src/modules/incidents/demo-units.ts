/**
 * Three units per demo agency, placed at plausible (approximate) Mỹ Tho spots: ward offices,
 * police and fire stations, depots. Offsets in metres from each agency's base.
 */
interface DemoUnitBase {
  agencyCode: string;
  prefixVi: string;
  prefixEn: string;
  base: [lat: number, lon: number];
}

const BASES: readonly DemoUnitBase[] = [
  { agencyCode: 'ubnd-phuong', prefixVi: 'Tổ công tác phường', prefixEn: 'Ward team', base: [10.3565, 106.3655] },
  { agencyCode: 'cong-an', prefixVi: 'Tổ tuần tra', prefixEn: 'Patrol', base: [10.3555, 106.3625] },
  { agencyCode: 'csgt', prefixVi: 'Tổ CSGT', prefixEn: 'Traffic patrol', base: [10.3625, 106.3525] },
  { agencyCode: 'trat-tu-do-thi', prefixVi: 'Đội trật tự', prefixEn: 'Urban order team', base: [10.3595, 106.3685] },
  { agencyCode: 'moi-truong', prefixVi: 'Xe môi trường', prefixEn: 'Sanitation truck', base: [10.3705, 106.3405] },
  { agencyCode: 'dien-luc', prefixVi: 'Tổ sửa chữa điện', prefixEn: 'Power repair crew', base: [10.3615, 106.3745] },
  { agencyCode: 'pccc', prefixVi: 'Xe chữa cháy', prefixEn: 'Fire engine', base: [10.3665, 106.3595] },
  { agencyCode: 'cap-nuoc', prefixVi: 'Tổ sửa chữa nước', prefixEn: 'Water repair crew', base: [10.3585, 106.3775] },
];

/** Spread around the base so the three units of an agency are not drawn on top of each other. */
const SPREAD: readonly [dLat: number, dLon: number][] = [
  [0, 0],
  [0.004, -0.006],
  [-0.003, 0.007],
];

export interface DemoUnit {
  agencyCode: string;
  code: string;
  nameVi: string;
  nameEn: string;
  lat: number;
  lon: number;
}

export const DEMO_UNITS: readonly DemoUnit[] = BASES.flatMap(({ agencyCode, prefixVi, prefixEn, base }) =>
  SPREAD.map(([dLat, dLon], i) => ({
    agencyCode,
    code: `${agencyCode}-${i + 1}`,
    nameVi: `${prefixVi} ${i + 1}`,
    nameEn: `${prefixEn} ${i + 1}`,
    lat: Math.round((base[0] + dLat) * 1e5) / 1e5,
    lon: Math.round((base[1] + dLon) * 1e5) / 1e5,
  })),
);
