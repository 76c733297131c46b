import { MY_THO_BOUNDS, type Device, type Zone } from '@mekong-ioc/shared';
import { hashString, unitRandom } from './seeded-random.util';

/*
 * The demo registry of Mỹ Tho's devices, drawn from approximate coordinates (domain brief): the
 * Tiền River along the south edge, the Bảo Định river north to south meeting it near the centre,
 * the Thới Sơn and Tân Long islets in the river, QL1 to the north, QL50 leaving eastwards and QL60
 * crossing the Rạch Miễu bridge on the east side. Street courses, station sites and unit offices
 * are plausible, not surveyed; a real deployment loads its own registry.
 *
 * Ids, counts, kinds and groups never depend on the seed (so the simulator and a registry seeded
 * with another seed still agree on which devices exist); the seed only jitters positions.
 */

type LatLon = readonly [lat: number, lon: number];

/** Free-flow speed and capacity drive the traffic model; capacity counts motorbikes as vehicles. */
export interface RoadProfile {
  code: string;
  nameVi: string;
  nameEn: string;
  freeFlowKmh: number;
  capacityVehPerHour: number;
  segments: number;
  /** The course of the road; QL60 starts on the Rạch Miễu bridge and runs north to QL1. */
  path: readonly LatLon[];
}

export const MY_THO_ROADS: readonly RoadProfile[] = [
  { code: 'ql1', nameVi: 'Quốc lộ 1', nameEn: 'National Road 1 (QL1)', freeFlowKmh: 60, capacityVehPerHour: 4800, segments: 14,
    path: [[10.3905, 106.301], [10.393, 106.325], [10.3955, 106.345], [10.3965, 106.365], [10.396, 106.388], [10.3935, 106.419]] },
  { code: 'ql50', nameVi: 'Quốc lộ 50', nameEn: 'National Road 50 (QL50)', freeFlowKmh: 50, capacityVehPerHour: 3600, segments: 8,
    path: [[10.361, 106.379], [10.364, 106.392], [10.368, 106.405], [10.372, 106.419]] },
  { code: 'ql60', nameVi: 'Quốc lộ 60 – dẫn cầu Rạch Miễu', nameEn: 'QL60 Rạch Miễu bridge approach', freeFlowKmh: 50, capacityVehPerHour: 4200, segments: 8,
    path: [[10.3335, 106.3978], [10.34, 106.397], [10.35, 106.3962], [10.365, 106.395], [10.38, 106.393], [10.3955, 106.3895]] },
  { code: 'ap-bac', nameVi: 'Đường Ấp Bắc', nameEn: 'Ap Bac Street', freeFlowKmh: 45, capacityVehPerHour: 5200, segments: 10,
    path: [[10.359, 106.356], [10.368, 106.35], [10.378, 106.344], [10.387, 106.339], [10.395, 106.334]] },
  { code: 'hung-vuong', nameVi: 'Đường Hùng Vương', nameEn: 'Hung Vuong Street', freeFlowKmh: 40, capacityVehPerHour: 3600, segments: 6,
    path: [[10.3525, 106.3655], [10.36, 106.366], [10.368, 106.367], [10.376, 106.369]] },
  { code: 'le-loi', nameVi: 'Đường Lê Lợi', nameEn: 'Le Loi Street', freeFlowKmh: 35, capacityVehPerHour: 3000, segments: 5,
    path: [[10.3555, 106.352], [10.356, 106.36], [10.3565, 106.37]] },
  { code: 'nguyen-trai', nameVi: 'Đường Nguyễn Trãi', nameEn: 'Nguyen Trai Street', freeFlowKmh: 40, capacityVehPerHour: 3400, segments: 6,
    path: [[10.362, 106.344], [10.3625, 106.356], [10.363, 106.368], [10.364, 106.379]] },
  { code: 'trung-trac', nameVi: 'Đường Trưng Trắc', nameEn: 'Trung Trac Street (riverfront)', freeFlowKmh: 30, capacityVehPerHour: 2600, segments: 5,
    path: [[10.353, 106.354], [10.3535, 106.361], [10.3532, 106.37]] },
  { code: 'dinh-bo-linh', nameVi: 'Đường Đinh Bộ Lĩnh', nameEn: 'Dinh Bo Linh Street', freeFlowKmh: 40, capacityVehPerHour: 3200, segments: 6,
    path: [[10.358, 106.37], [10.365, 106.374], [10.372, 106.379], [10.379, 106.383]] },
  { code: 'ly-thuong-kiet', nameVi: 'Đường Lý Thường Kiệt', nameEn: 'Ly Thuong Kiet Street', freeFlowKmh: 35, capacityVehPerHour: 3000, segments: 5,
    path: [[10.3545, 106.358], [10.361, 106.359], [10.369, 106.36]] },
  { code: 'le-van-pham', nameVi: 'Đường Lê Văn Phẩm', nameEn: 'Le Van Pham Street', freeFlowKmh: 40, capacityVehPerHour: 3000, segments: 6,
    path: [[10.36, 106.348], [10.359, 106.335], [10.358, 106.32], [10.357, 106.306]] },
  { code: 'tran-hung-dao', nameVi: 'Đường Trần Hưng Đạo', nameEn: 'Tran Hung Dao Street', freeFlowKmh: 40, capacityVehPerHour: 3000, segments: 5,
    path: [[10.354, 106.372], [10.353, 106.38], [10.352, 106.388]] },
  { code: 'nam-ky-khoi-nghia', nameVi: 'Đường Nam Kỳ Khởi Nghĩa', nameEn: 'Nam Ky Khoi Nghia Street', freeFlowKmh: 35, capacityVehPerHour: 2800, segments: 4,
    path: [[10.354, 106.362], [10.358, 106.363], [10.364, 106.3625]] },
  { code: 'tet-mau-than', nameVi: 'Đường Tết Mậu Thân', nameEn: 'Tet Mau Than Street', freeFlowKmh: 45, capacityVehPerHour: 3600, segments: 6,
    path: [[10.366, 106.358], [10.373, 106.362], [10.38, 106.368], [10.388, 106.374]] },
  { code: 'hoc-lac', nameVi: 'Đường Học Lạc', nameEn: 'Hoc Lac Street', freeFlowKmh: 30, capacityVehPerHour: 2400, segments: 3,
    path: [[10.356, 106.364], [10.359, 106.368]] },
  { code: 'dt864', nameVi: 'Đường tỉnh 864 (ven sông Tiền)', nameEn: 'Provincial Road 864 (Tiền riverside)', freeFlowKmh: 45, capacityVehPerHour: 2800, segments: 3,
    path: [[10.3525, 106.346], [10.351, 106.33], [10.3505, 106.305]] },
];

const ROADS_BY_CODE = new Map(MY_THO_ROADS.map((road) => [road.code, road]));
const SEGMENT_GROUP = /^seg-([a-z0-9-]+)-\d+$/;

/** The road a traffic detector's segment lies on, from its group id (`seg-<road>-<nn>`). */
export function roadOfSegment(groupId: string): RoadProfile | undefined {
  const code = SEGMENT_GROUP.exec(groupId)?.[1];
  return code === undefined ? undefined : ROADS_BY_CODE.get(code);
}

/** The Rạch Miễu bridge's north abutment, where jams on the QL60 approach start. */
export const RACH_MIEU_BRIDGEHEAD: LatLon = [10.35, 106.3962];

/** Approximate latitude of the Tiền River's north bank at a longitude (it bends gently south-east). */
export function tienRiverBankLat(lon: number): number {
  const x = Math.min(1, Math.max(0, (lon - MY_THO_BOUNDS.west) / (MY_THO_BOUNDS.east - MY_THO_BOUNDS.west)));
  return 10.349 + 0.0035 * Math.sin(Math.PI * x) - 0.003 * x;
}

/** The Bảo Định river from its mouth on the Tiền north to the edge of the city. */
const BAO_DINH_PATH: readonly LatLon[] = [[10.3525, 106.3645], [10.358, 106.3615], [10.368, 106.3575], [10.38, 106.3545], [10.398, 106.352]];

/**
 * Which of the plan's five urban zones a point falls in: the old centre (wards 1–10, the islets
 * facing it), with the west, the east along QL50 and the Rạch Miễu bridge, and the northwest and
 * northeast growth areas along QL1.
 */
export function zoneOf(lat: number, lon: number): Zone {
  if (lat >= 10.372) return lon < 106.365 ? 'northwest' : 'northeast';
  if (lon < 106.345) return 'west';
  if (lon > 106.385) return 'east';
  return 'central';
}

interface Site {
  code: string;
  nameVi: string;
  nameEn: string;
  at: LatLon;
}

/** Air-quality stations: markets, junctions, the industrial park, the bus station, bridgeheads. */
const AIR_SITES: readonly Site[] = [
  { code: 'cho-my-tho', nameVi: 'Chợ Mỹ Tho', nameEn: 'My Tho Market', at: [10.354, 106.361] },
  { code: 'ap-bac-nguyen-trai', nameVi: 'Ngã tư Ấp Bắc – Nguyễn Trãi', nameEn: 'Ap Bac – Nguyen Trai junction', at: [10.3625, 106.352] },
  { code: 'kcn-my-tho', nameVi: 'Khu công nghiệp Mỹ Tho', nameEn: 'My Tho Industrial Park', at: [10.388, 106.332] },
  { code: 'ben-xe', nameVi: 'Bến xe Tiền Giang', nameEn: 'Tien Giang Bus Station', at: [10.3745, 106.3465] },
  { code: 'cv-thu-khoa-huan', nameVi: 'Công viên Thủ Khoa Huân', nameEn: 'Thu Khoa Huan Park', at: [10.355, 106.3665] },
  { code: 'benh-vien', nameVi: 'Bệnh viện Đa khoa Tiền Giang', nameEn: 'Tien Giang General Hospital', at: [10.3605, 106.374] },
  { code: 'dai-hoc', nameVi: 'Trường Đại học Tiền Giang', nameEn: 'Tien Giang University', at: [10.37, 106.356] },
  { code: 'ql1-ql60', nameVi: 'Nút giao QL1 – QL60', nameEn: 'QL1 – QL60 interchange', at: [10.3955, 106.3895] },
  { code: 'dau-cau-rach-mieu', nameVi: 'Đầu cầu Rạch Miễu', nameEn: 'Rạch Miễu bridgehead', at: [10.351, 106.3955] },
  { code: 'my-phong', nameVi: 'QL50 – Mỹ Phong', nameEn: 'QL50 at My Phong', at: [10.366, 106.4] },
  { code: 'tan-my-chanh', nameVi: 'Tân Mỹ Chánh', nameEn: 'Tan My Chanh', at: [10.36, 106.325] },
  { code: 'dao-thanh', nameVi: 'Đạo Thạnh', nameEn: 'Dao Thanh', at: [10.385, 106.37] },
];

/** Air stations by device id; a PM2.5 spike picks one of them. */
export const AIR_STATION_IDS: readonly string[] = AIR_SITES.map((_, i) => `env-aq-${pad2(i + 1)}`);

/** Tiền River gauges from west (upstream) to east (towards the sea), and one on Thới Sơn islet. */
const RIVER_GAUGE_SITES: readonly Site[] = [
  ...[
    ['tan-my-chanh', 'Tân Mỹ Chánh', 'Tan My Chanh', 106.305],
    ['phuong-6', 'Phường 6', 'Ward 6', 106.326],
    ['phuong-9', 'bến phà Phường 9', 'Ward 9 ferry pier', 106.345],
    ['vam-bao-dinh', 'vàm Bảo Định', 'Bảo Định river mouth', 106.3655],
    ['tan-long', 'Tân Long', 'Tan Long', 106.381],
    ['rach-mieu', 'cầu Rạch Miễu', 'Rạch Miễu bridge', 106.3985],
    ['my-phong', 'Mỹ Phong', 'My Phong', 106.415],
  ].map(([code, vi, en, lon]) => ({
    code: String(code),
    nameVi: `Sông Tiền – ${String(vi)}`,
    nameEn: `Tiền River at ${String(en)}`,
    at: [tienRiverBankLat(Number(lon)) - 0.0006, Number(lon)] as const,
  })),
  { code: 'thoi-son', nameVi: 'Sông Tiền – cồn Thới Sơn', nameEn: 'Tiền River at Thoi Son islet', at: [10.3345, 106.352] },
];

const CANAL_GAUGE_SITES: readonly Site[] = [
  { code: 'bao-dinh-1', nameVi: 'Rạch Bảo Định – cầu Quay', nameEn: 'Bảo Định river at the swing bridge', at: [10.3565, 106.3626] },
  { code: 'bao-dinh-2', nameVi: 'Rạch Bảo Định – Phường 4', nameEn: 'Bảo Định river at Ward 4', at: [10.3655, 106.3585] },
  { code: 'bao-dinh-3', nameVi: 'Rạch Bảo Định – Đạo Thạnh', nameEn: 'Bảo Định river at Dao Thanh', at: [10.378, 106.355] },
  { code: 'bao-dinh-4', nameVi: 'Rạch Bảo Định – Trung An', nameEn: 'Bảo Định river at Trung An', at: [10.392, 106.3528] },
  { code: 'go-cat-1', nameVi: 'Rạch Gò Cát – Phường 10', nameEn: 'Go Cat canal at Ward 10', at: [10.3575, 106.389] },
  { code: 'go-cat-2', nameVi: 'Rạch Gò Cát – Mỹ Phong', nameEn: 'Go Cat canal at My Phong', at: [10.367, 106.3875] },
  { code: 'trung-luong-1', nameVi: 'Kênh Trung Lương – Tân Mỹ Chánh', nameEn: 'Trung Luong canal at Tan My Chanh', at: [10.366, 106.318] },
  { code: 'trung-luong-2', nameVi: 'Kênh Trung Lương – Trung An', nameEn: 'Trung Luong canal at Trung An', at: [10.38, 106.33] },
];

const SALINITY_SITES: readonly Site[] = [
  { code: 'cua-lay-nuoc', nameVi: 'Cửa lấy nước nhà máy nước (thượng nguồn)', nameEn: 'Water-plant intake (upstream)', at: [tienRiverBankLat(106.303) - 0.0006, 106.303] },
  { code: 'phuong-6', nameVi: 'Sông Tiền – Phường 6', nameEn: 'Tiền River at Ward 6', at: [tienRiverBankLat(106.335) - 0.0006, 106.335] },
  { code: 'vam-bao-dinh', nameVi: 'Vàm Bảo Định', nameEn: 'Bảo Định river mouth', at: [tienRiverBankLat(106.364) - 0.0004, 106.364] },
  { code: 'bao-dinh-thuong', nameVi: 'Rạch Bảo Định – Phường 4', nameEn: 'Bảo Định river at Ward 4', at: [10.3665, 106.3582] },
  { code: 'rach-mieu', nameVi: 'Sông Tiền – cầu Rạch Miễu', nameEn: 'Tiền River at Rạch Miễu bridge', at: [tienRiverBankLat(106.392) - 0.0006, 106.392] },
  { code: 'my-phong', nameVi: 'Sông Tiền – Mỹ Phong', nameEn: 'Tiền River at My Phong', at: [tienRiverBankLat(106.418) - 0.0006, 106.418] },
];

const WEATHER_SITES: readonly Site[] = [
  { code: 'trung-tam', nameVi: 'Trung tâm thành phố', nameEn: 'City centre', at: [10.357, 106.364] },
  { code: 'trung-an', nameVi: 'Trung An', nameEn: 'Trung An', at: [10.385, 106.34] },
  { code: 'dao-thanh', nameVi: 'Đạo Thạnh', nameEn: 'Dao Thanh', at: [10.388, 106.385] },
  { code: 'tan-my-chanh', nameVi: 'Tân Mỹ Chánh', nameEn: 'Tan My Chanh', at: [10.356, 106.315] },
  { code: 'my-phong', nameVi: 'Mỹ Phong', nameEn: 'My Phong', at: [10.362, 106.408] },
  { code: 'thoi-son', nameVi: 'Cồn Thới Sơn', nameEn: 'Thoi Son islet', at: [10.338, 106.365] },
  { code: 'ql1-tay', nameVi: 'QL1 phía Tây', nameEn: 'QL1 west', at: [10.392, 106.31] },
  { code: 'phuoc-thanh', nameVi: 'Phước Thạnh', nameEn: 'Phuoc Thanh', at: [10.38, 106.415] },
];

const NOISE_SITES: readonly Site[] = [
  { code: 'cho-my-tho', nameVi: 'Chợ Mỹ Tho', nameEn: 'My Tho Market', at: [10.3542, 106.3605] },
  { code: 'ap-bac', nameVi: 'Ngã tư Ấp Bắc – Nguyễn Trãi', nameEn: 'Ap Bac – Nguyen Trai junction', at: [10.3628, 106.3516] },
  { code: 'ben-xe', nameVi: 'Bến xe Tiền Giang', nameEn: 'Tien Giang Bus Station', at: [10.3742, 106.3472] },
  { code: 'cv-tet-mau-than', nameVi: 'Công viên Tết Mậu Thân', nameEn: 'Tet Mau Than Park', at: [10.37, 106.361] },
  { code: 'ql1-ql60', nameVi: 'Nút giao QL1 – QL60', nameEn: 'QL1 – QL60 interchange', at: [10.3948, 106.39] },
  { code: 'hung-vuong', nameVi: 'Đường Hùng Vương', nameEn: 'Hung Vuong Street', at: [10.364, 106.3665] },
  { code: 'le-loi', nameVi: 'Đường Lê Lợi', nameEn: 'Le Loi Street', at: [10.356, 106.356] },
  { code: 'phuong-9', nameVi: 'Khu dân cư Phường 9', nameEn: 'Ward 9 residential area', at: [10.366, 106.346] },
];

/** Places security cameras watch: markets, parks, squares, the bus station, the wharf, pagodas. */
const SECURITY_SITES: readonly Site[] = [
  { code: 'cho-my-tho', nameVi: 'Chợ Mỹ Tho', nameEn: 'My Tho Market', at: [10.354, 106.361] },
  { code: 'cv-thu-khoa-huan', nameVi: 'Công viên Thủ Khoa Huân', nameEn: 'Thu Khoa Huan Park', at: [10.355, 106.3665] },
  { code: 'cv-tet-mau-than', nameVi: 'Công viên Tết Mậu Thân', nameEn: 'Tet Mau Than Park', at: [10.37, 106.361] },
  { code: 'ben-xe', nameVi: 'Bến xe Tiền Giang', nameEn: 'Tien Giang Bus Station', at: [10.3745, 106.3465] },
  { code: 'ben-tau', nameVi: 'Bến tàu du lịch Mỹ Tho', nameEn: 'My Tho Tourist Wharf', at: [10.3535, 106.369] },
  { code: 'chua-vinh-trang', nameVi: 'Chùa Vĩnh Tràng', nameEn: 'Vinh Trang Pagoda', at: [10.369, 106.384] },
  { code: 'ubnd-tp', nameVi: 'UBND TP. Mỹ Tho', nameEn: 'My Tho City Hall', at: [10.3565, 106.363] },
  { code: 'benh-vien', nameVi: 'Bệnh viện Đa khoa Tiền Giang', nameEn: 'Tien Giang General Hospital', at: [10.3605, 106.374] },
  { code: 'dai-hoc', nameVi: 'Trường Đại học Tiền Giang', nameEn: 'Tien Giang University', at: [10.37, 106.356] },
  { code: 'quang-truong', nameVi: 'Quảng trường thành phố', nameEn: 'City Square', at: [10.359, 106.37] },
  { code: 'bo-ke', nameVi: 'Bờ kè sông Tiền', nameEn: 'Tiền riverside promenade', at: [10.3525, 106.376] },
  { code: 'cho-phuong-6', nameVi: 'Chợ Phường 6', nameEn: 'Ward 6 Market', at: [10.354, 106.347] },
  { code: 'cho-tan-long', nameVi: 'Chợ Tân Long', nameEn: 'Tan Long Market', at: [10.3445, 106.386] },
  { code: 'kcn-my-tho', nameVi: 'Khu công nghiệp Mỹ Tho', nameEn: 'My Tho Industrial Park', at: [10.388, 106.332] },
  { code: 'con-thoi-son', nameVi: 'Khu du lịch cồn Thới Sơn', nameEn: 'Thoi Son islet tourist area', at: [10.338, 106.36] },
  { code: 'nha-thieu-nhi', nameVi: 'Nhà Thiếu nhi tỉnh', nameEn: "Provincial Children's House", at: [10.358, 106.366] },
  { code: 'san-van-dong', nameVi: 'Sân vận động Tiền Giang', nameEn: 'Tien Giang Stadium', at: [10.364, 106.36] },
  { code: 'dau-cau-rach-mieu', nameVi: 'Đầu cầu Rạch Miễu', nameEn: 'Rạch Miễu bridgehead', at: [10.351, 106.3965] },
  { code: 'cho-my-phong', nameVi: 'Chợ Mỹ Phong', nameEn: 'My Phong Market', at: [10.362, 106.406] },
  { code: 'trung-luong', nameVi: 'Nút giao Trung Lương', nameEn: 'Trung Luong junction', at: [10.395, 106.334] },
  { code: 'cho-dao-thanh', nameVi: 'Chợ Đạo Thạnh', nameEn: 'Dao Thanh Market', at: [10.385, 106.372] },
  { code: 'nha-tho', nameVi: 'Nhà thờ chính tòa Mỹ Tho', nameEn: 'My Tho Cathedral', at: [10.3578, 106.3648] },
];
const SECURITY_CAMERAS_PER_SITE = 5;

interface AdministrativeUnit {
  code: string;
  kind: 'city' | 'ward' | 'commune';
  nameVi: string;
  nameEn: string;
  at: LatLon;
}

/*
 * The city's wards (phường) and communes (xã) before the 2025 reorganisation, with approximate
 * office sites; plus the city's own one-stop office. A real deployment loads official units.
 */
const ADMINISTRATIVE_UNITS: readonly AdministrativeUnit[] = [
  { code: 'city', kind: 'city', nameVi: 'Bộ phận một cửa UBND TP. Mỹ Tho', nameEn: 'My Tho City one-stop office', at: [10.3565, 106.3632] },
  ...[
    [10.3555, 106.361], [10.356, 106.368], [10.3548, 106.357], [10.3605, 106.3585], [10.3645, 106.3565],
    [10.3535, 106.3475], [10.3575, 106.375], [10.3545, 106.3785], [10.3665, 106.3505], [10.3645, 106.3835],
  ].map(([lat, lon], i): AdministrativeUnit => ({
    code: `p${i + 1}`,
    kind: 'ward',
    nameVi: `UBND Phường ${i + 1}`,
    nameEn: `Ward ${i + 1} People's Committee`,
    at: [Number(lat), Number(lon)],
  })),
  { code: 'tan-long', kind: 'ward', nameVi: 'UBND Phường Tân Long', nameEn: "Tan Long Ward People's Committee", at: [10.3445, 106.388] },
  { code: 'my-phong', kind: 'commune', nameVi: 'UBND xã Mỹ Phong', nameEn: "My Phong Commune People's Committee", at: [10.36, 106.405] },
  { code: 'trung-an', kind: 'commune', nameVi: 'UBND xã Trung An', nameEn: "Trung An Commune People's Committee", at: [10.39, 106.335] },
  { code: 'dao-thanh', kind: 'commune', nameVi: 'UBND xã Đạo Thạnh', nameEn: "Dao Thanh Commune People's Committee", at: [10.385, 106.372] },
  { code: 'tan-my-chanh', kind: 'commune', nameVi: 'UBND xã Tân Mỹ Chánh', nameEn: "Tan My Chanh Commune People's Committee", at: [10.36, 106.325] },
  { code: 'phuoc-thanh', kind: 'commune', nameVi: 'UBND xã Phước Thạnh', nameEn: "Phuoc Thanh Commune People's Committee", at: [10.366, 106.415] },
  { code: 'thoi-son', kind: 'commune', nameVi: 'UBND xã Thới Sơn', nameEn: "Thoi Son Commune People's Committee", at: [10.337, 106.35] },
];

export type WifiVenue = 'park' | 'market' | 'bus_station' | 'tourist' | 'waterfront' | 'public_building';

interface WifiSite extends Site {
  venue: WifiVenue;
}

const WIFI_SITES: readonly WifiSite[] = [
  { venue: 'park', code: 'cv-thu-khoa-huan', nameVi: 'Công viên Thủ Khoa Huân', nameEn: 'Thu Khoa Huan Park', at: [10.3551, 106.3667] },
  { venue: 'park', code: 'cv-tet-mau-than', nameVi: 'Công viên Tết Mậu Thân', nameEn: 'Tet Mau Than Park', at: [10.3702, 106.3612] },
  { venue: 'park', code: 'cv-lac-hong', nameVi: 'Công viên Lạc Hồng', nameEn: 'Lac Hong Park', at: [10.3585, 106.3555] },
  { venue: 'park', code: 'cv-phuong-9', nameVi: 'Công viên Phường 9', nameEn: 'Ward 9 Park', at: [10.3662, 106.3478] },
  { venue: 'market', code: 'cho-my-tho', nameVi: 'Chợ Mỹ Tho', nameEn: 'My Tho Market', at: [10.3541, 106.3612] },
  { venue: 'market', code: 'cho-phuong-6', nameVi: 'Chợ Phường 6', nameEn: 'Ward 6 Market', at: [10.3541, 106.3472] },
  { venue: 'market', code: 'cho-tan-long', nameVi: 'Chợ Tân Long', nameEn: 'Tan Long Market', at: [10.3446, 106.3862] },
  { venue: 'market', code: 'cho-my-phong', nameVi: 'Chợ Mỹ Phong', nameEn: 'My Phong Market', at: [10.3621, 106.4062] },
  { venue: 'market', code: 'cho-dao-thanh', nameVi: 'Chợ Đạo Thạnh', nameEn: 'Dao Thanh Market', at: [10.3851, 106.3722] },
  { venue: 'bus_station', code: 'ben-xe', nameVi: 'Bến xe Tiền Giang', nameEn: 'Tien Giang Bus Station', at: [10.3746, 106.3466] },
  { venue: 'tourist', code: 'ben-tau', nameVi: 'Bến tàu du lịch Mỹ Tho', nameEn: 'My Tho Tourist Wharf', at: [10.3536, 106.3692] },
  { venue: 'tourist', code: 'chua-vinh-trang', nameVi: 'Chùa Vĩnh Tràng', nameEn: 'Vinh Trang Pagoda', at: [10.3691, 106.3842] },
  { venue: 'tourist', code: 'con-thoi-son', nameVi: 'Khu du lịch cồn Thới Sơn', nameEn: 'Thoi Son islet tourist area', at: [10.3381, 106.3602] },
  { venue: 'waterfront', code: 'bo-ke-trung-trac', nameVi: 'Bờ kè Trưng Trắc', nameEn: 'Trung Trac riverside', at: [10.3528, 106.3585] },
  { venue: 'waterfront', code: 'bo-ke-song-tien', nameVi: 'Bờ kè sông Tiền', nameEn: 'Tiền riverside promenade', at: [10.3526, 106.3762] },
  { venue: 'public_building', code: 'ubnd-tp', nameVi: 'Trung tâm hành chính TP. Mỹ Tho', nameEn: 'My Tho City administrative centre', at: [10.3566, 106.3628] },
  { venue: 'public_building', code: 'benh-vien', nameVi: 'Bệnh viện Đa khoa Tiền Giang', nameEn: 'Tien Giang General Hospital', at: [10.3606, 106.3742] },
  { venue: 'public_building', code: 'dai-hoc', nameVi: 'Trường Đại học Tiền Giang', nameEn: 'Tien Giang University', at: [10.3702, 106.3562] },
  { venue: 'public_building', code: 'thu-vien', nameVi: 'Thư viện tỉnh Tiền Giang', nameEn: 'Tien Giang Provincial Library', at: [10.3595, 106.3668] },
  { venue: 'public_building', code: 'nha-van-hoa', nameVi: 'Nhà Văn hóa Lao động', nameEn: "Workers' Cultural House", at: [10.3612, 106.3635] },
];

const WIFI_VENUES: ReadonlySet<string> = new Set<WifiVenue>(['park', 'market', 'bus_station', 'tourist', 'waterfront', 'public_building']);
export const isWifiVenue = (kind: string): kind is WifiVenue => WIFI_VENUES.has(kind);

/** Alarm thresholds per kind of station; see the model for how normal values sit below them. */
const AIR_THRESHOLDS: Device['thresholds'] = {
  // VN_AQI (Decision 1459/QĐ-TCMT) breakpoints for "poor" and "bad", hourly values.
  pm25: { warning: 80, critical: 150 },
  pm10: { warning: 150, critical: 350 },
  co: { warning: 30_000, critical: 60_000 },
  no2: { warning: 200, critical: 700 },
  o3: { warning: 200, critical: 400 },
};
/** Tiền River stations: alarm levels I/II/III in cm above the national datum (approximate). */
const RIVER_ALARM_LEVELS: [number, number, number] = [150, 165, 180];
const CANAL_ALARM_LEVELS: [number, number, number] = [140, 155, 170];

export function buildMyThoRegistry(seed: number): Device[] {
  const jitter = (id: string, salt: number, amplitude: number) => (unitRandom(seed, hashString(id), salt) * 2 - 1) * amplitude;
  const place = (id: string, at: LatLon, amplitude: number): LatLon => {
    const lat = clampTo(at[0] + jitter(id, 1, amplitude), MY_THO_BOUNDS.south, MY_THO_BOUNDS.north);
    const lon = clampTo(at[1] + jitter(id, 2, amplitude), MY_THO_BOUNDS.west, MY_THO_BOUNDS.east);
    return [round6(lat), round6(lon)];
  };
  const device = (fields: Omit<Device, 'zone' | 'active' | 'lat' | 'lon'> & { at: LatLon }): Device => {
    const { at, ...rest } = fields;
    return { ...rest, lat: at[0], lon: at[1], zone: zoneOf(at[0], at[1]), active: true };
  };

  const traffic: Device[] = [];
  const segments: { groupId: string; road: RoadProfile; index: number; at: LatLon }[] = [];
  for (const road of MY_THO_ROADS) {
    for (let i = 0; i < road.segments; i++) {
      const id = `trf-${pad3(traffic.length + 1)}`;
      const groupId = `seg-${road.code}-${pad2(i + 1)}`;
      const at = place(id, pointAlong(road.path, (i + 0.5) / road.segments), 0.00015);
      segments.push({ groupId, road, index: i, at });
      traffic.push(
        device({
          id, feed: 'traffic', kind: 'detector', groupId, at,
          nameVi: `${road.nameVi}, đoạn ${i + 1}`,
          nameEn: `${road.nameEn}, segment ${i + 1}`,
          expectedIntervalSeconds: 30,
          // Occupancy, not speed: thresholds are upper limits, and a falling speed cannot be one. The
          // road's free-flow speed is the reference of the congestion index (KPI engine).
          thresholds: { occupancy: { warning: 45, critical: 65 }, mean_speed: { freeFlow: road.freeFlowKmh } },
        }),
      );
    }
  }

  const environment: Device[] = [];
  const station = (prefix: string, kind: string, sites: readonly Site[], labelVi: string, labelEn: string, thresholds: Device['thresholds']) =>
    sites.forEach((site, i) => {
      const id = `env-${prefix}-${pad2(i + 1)}`;
      environment.push(
        device({
          id, feed: 'environment', kind, groupId: `stn-${prefix}-${pad2(i + 1)}`,
          at: place(id, site.at, 0.0002),
          nameVi: `${labelVi} ${site.nameVi}`,
          nameEn: `${labelEn} ${site.nameEn}`,
          expectedIntervalSeconds: 60,
          thresholds,
        }),
      );
    });
  station('aq', 'air', AIR_SITES, 'Trạm không khí', 'Air station,', AIR_THRESHOLDS);
  station('wl', 'river_level', RIVER_GAUGE_SITES, 'Trạm mực nước', 'Water-level gauge,', { water_level: { alarmLevels: RIVER_ALARM_LEVELS } });
  station('cl', 'canal_level', CANAL_GAUGE_SITES, 'Trạm mực nước', 'Water-level gauge,', { water_level: { alarmLevels: CANAL_ALARM_LEVELS } });
  // Warning: too salty to treat for drinking water; critical: harmful to rice and orchards.
  station('sa', 'salinity', SALINITY_SITES, 'Trạm đo mặn', 'Salinity station,', { salinity: { warning: 1, critical: 4 } });
  // Rainfall is millimetres per one-minute reading: 0.8 mm ≈ 50 mm/h, heavy rain; 1.6 ≈ 100 mm/h.
  station('wx', 'weather', WEATHER_SITES, 'Trạm khí tượng', 'Weather station,', {
    rainfall: { warning: 0.8, critical: 1.6 },
    temperature: { warning: 37, critical: 39 },
  });
  // QCVN 26:2010 allows 70 dBA by day near homes; busy Vietnamese streets exceed that daily, so alert above it.
  station('ns', 'noise', NOISE_SITES, 'Trạm tiếng ồn', 'Noise station,', { noise: { warning: 75, critical: 85 } });

  const gauges = environment.filter((d) => d.kind === 'river_level' || d.kind === 'canal_level');
  const cameras: Device[] = [];
  const camera = (kind: 'traffic' | 'security' | 'flood', at: LatLon, groupId: string, nameVi: string, nameEn: string) => {
    const id = `cam-${pad3(cameras.length + 1)}`;
    cameras.push(device({ id, feed: 'camera', kind, groupId, at: place(id, at, 0.0001), nameVi, nameEn, expectedIntervalSeconds: 60, thresholds: {} }));
  };
  // One traffic camera per segment, and a second one at the far junction of every other segment.
  for (const [i, segment] of segments.entries()) {
    const label = `${segment.road.nameVi} ${segment.index + 1}`;
    camera('traffic', segment.at, segment.groupId, `Camera giao thông ${label}`, `Traffic camera ${segment.road.nameEn} ${segment.index + 1}`);
    if (i % 2 === 1) {
      const end = pointAlong(segment.road.path, (segment.index + 1) / segment.road.segments);
      camera('traffic', end, segment.groupId, `Camera giao thông ${label} (nút)`, `Traffic camera ${segment.road.nameEn} ${segment.index + 1} (junction)`);
    }
  }
  for (const site of SECURITY_SITES) {
    for (let i = 0; i < SECURITY_CAMERAS_PER_SITE; i++) {
      const angle = (2 * Math.PI * i) / SECURITY_CAMERAS_PER_SITE;
      const at: LatLon = [site.at[0] + 0.0012 * Math.sin(angle), site.at[1] + 0.0012 * Math.cos(angle)];
      camera('security', at, `poi-${site.code}`, `Camera an ninh ${site.nameVi} ${i + 1}`, `Security camera ${site.nameEn} ${i + 1}`);
    }
  }
  // Flood cameras watch the low streets along the Tiền and the Bảo Định, and the islets.
  const floodSpots: LatLon[] = [
    ...range(20).map((i): LatLon => {
      const lon = 106.305 + (i * (106.415 - 106.305)) / 19;
      return [tienRiverBankLat(lon) + 0.0009, lon];
    }),
    ...range(12).map((i) => pointAlong(BAO_DINH_PATH, (i + 0.5) / 12)),
    ...range(3).map((i): LatLon => [10.3445 + 0.001 * (i - 1), 106.381 + 0.004 * i]),
    ...range(5).map((i): LatLon => [10.336 + 0.0012 * (i % 2), 106.338 + 0.011 * i]),
  ];
  floodSpots.forEach((at, i) => {
    const gauge = nearest(gauges, at);
    camera('flood', at, gauge?.groupId ?? 'flood', `Camera giám sát ngập ${i + 1}${gauge ? ` – gần ${gauge.nameVi}` : ''}`, `Flood camera ${i + 1}`);
  });

  const dossiers = ADMINISTRATIVE_UNITS.map((unit) =>
    device({
      id: `dos-${unit.code}`,
      feed: 'dossier',
      kind: unit.kind,
      groupId: `unit-${unit.code}`,
      at: unit.at,
      nameVi: unit.nameVi,
      nameEn: unit.nameEn,
      expectedIntervalSeconds: 900,
      // Overdue dossiers are judged as a rate over the week (KPI), not per 15-minute reading.
      thresholds: {},
    }),
  );

  const wifi = WIFI_SITES.map((site, i) => {
    const id = `wifi-${pad2(i + 1)}`;
    return device({
      id, feed: 'wifi', kind: site.venue, groupId: `hotspot-${site.code}`,
      at: place(id, site.at, 0.00005),
      nameVi: `Wi-Fi công cộng ${site.nameVi}`,
      nameEn: `Public Wi-Fi, ${site.nameEn}`,
      expectedIntervalSeconds: 300,
      thresholds: {},
    });
  });

  return [...traffic, ...environment, ...cameras, ...dossiers, ...wifi];
}

/** The point a fraction of the way along a path, by length. */
function pointAlong(path: readonly LatLon[], fraction: number): LatLon {
  const lengths = path.slice(1).map((point, i) => distance(path[i] ?? point, point));
  const total = lengths.reduce((sum, length) => sum + length, 0);
  let remaining = Math.min(1, Math.max(0, fraction)) * total;
  for (let i = 0; i < lengths.length; i++) {
    const length = lengths[i] ?? 0;
    const from = path[i];
    const to = path[i + 1];
    if (!from || !to) break;
    if (remaining <= length || i === lengths.length - 1) {
      const t = length === 0 ? 0 : Math.min(1, remaining / length);
      return [from[0] + (to[0] - from[0]) * t, from[1] + (to[1] - from[1]) * t];
    }
    remaining -= length;
  }
  const only = path[0];
  if (!only) throw new Error('a path needs at least one point');
  return only;
}

/** Planar distance in degrees, longitude scaled for the latitude (about 0.98 at 10° N). */
function distance(a: LatLon, b: LatLon): number {
  const dLat = a[0] - b[0];
  const dLon = (a[1] - b[1]) * Math.cos((a[0] * Math.PI) / 180);
  return Math.sqrt(dLat * dLat + dLon * dLon);
}

function nearest(devices: readonly Device[], at: LatLon): Device | undefined {
  let best: Device | undefined;
  let bestDistance = Infinity;
  for (const candidate of devices) {
    const d = distance([candidate.lat, candidate.lon], at);
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best;
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}
function pad2(n: number): string {
  return String(n).padStart(2, '0');
}
function pad3(n: number): string {
  return String(n).padStart(3, '0');
}
function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
function clampTo(x: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, x));
}
