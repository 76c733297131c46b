import type { Zone } from '@mekong-ioc/shared';
import basemap from './my-tho-basemap.json';

/**
 * The bundled, offline basemap of Mỹ Tho. APPROXIMATE: drawn by hand from rough coordinates of the
 * domain brief (five plan zones, the Tiền and Bảo Định rivers, Thới Sơn islet, a few main roads),
 * so every screen that draws it must say so. A real deployment loads official boundaries instead.
 */
export type BasemapFeatureProperties =
  | { kind: 'zone'; zone: Zone; nameVi: string; nameEn: string }
  | { kind: 'river' | 'islet' | 'canal'; nameVi: string; nameEn: string }
  | { kind: 'road'; roadClass: 'national' | 'main'; nameVi: string; nameEn: string };

type Position = [longitude: number, latitude: number];

export type BasemapGeometry = { type: 'Polygon'; coordinates: Position[][] } | { type: 'LineString'; coordinates: Position[] };

export interface BasemapFeature {
  type: 'Feature';
  properties: BasemapFeatureProperties;
  geometry: BasemapGeometry;
}

export interface BasemapCollection {
  type: 'FeatureCollection';
  name: string;
  /** Says, in the file itself, that the shapes are approximate. */
  note: string;
  features: BasemapFeature[];
}

// JSON imports are typed loosely (strings, not unions); the shape is checked by my-tho-basemap.spec.ts.
export const MY_THO_BASEMAP = basemap as unknown as BasemapCollection;
