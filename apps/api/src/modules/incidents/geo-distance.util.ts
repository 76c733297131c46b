const EARTH_RADIUS_M = 6_371_000;
const METRES_PER_DEGREE_LAT = 111_320;

/**
 * Great-circle distance in metres between (lat1, lon1) and the columns `lat`, `lon`, as an SQL
 * expression over numbered parameters: haversine in plain SQL, since PGlite has no PostGIS.
 */
export const haversineSql = (latParam: string, lonParam: string, latColumn = 'lat', lonColumn = 'lon'): string =>
  `(2 * ${EARTH_RADIUS_M} * asin(sqrt(
      power(sin(radians(${latColumn} - ${latParam}) / 2), 2)
      + cos(radians(${latParam})) * cos(radians(${latColumn})) * power(sin(radians(${lonColumn} - ${lonParam}) / 2), 2)
    )))`;

/** A box around a point that contains every point within `metres` of it: a cheap index-friendly pre-filter. */
export function boundingBox(lat: number, lon: number, metres: number): { south: number; north: number; west: number; east: number } {
  const dLat = metres / METRES_PER_DEGREE_LAT;
  const dLon = metres / (METRES_PER_DEGREE_LAT * Math.max(Math.cos((lat * Math.PI) / 180), 0.01));
  return { south: lat - dLat, north: lat + dLat, west: lon - dLon, east: lon + dLon };
}

/** Moves a point `metres` towards another (or all the way, if closer). */
export function stepTowards(from: { lat: number; lon: number }, to: { lat: number; lon: number }, metres: number): { lat: number; lon: number } {
  const dy = (to.lat - from.lat) * METRES_PER_DEGREE_LAT;
  const dx = (to.lon - from.lon) * METRES_PER_DEGREE_LAT * Math.cos((from.lat * Math.PI) / 180);
  const distance = Math.hypot(dx, dy);
  if (distance <= metres) return { lat: to.lat, lon: to.lon };
  const share = metres / distance;
  return { lat: from.lat + (to.lat - from.lat) * share, lon: from.lon + (to.lon - from.lon) * share };
}

/** A point `metres` north and `eastMetres` east of another (for tests and the simulator). */
export function offsetPoint(lat: number, lon: number, northMetres: number, eastMetres: number): { lat: number; lon: number } {
  return {
    lat: lat + northMetres / METRES_PER_DEGREE_LAT,
    lon: lon + eastMetres / (METRES_PER_DEGREE_LAT * Math.cos((lat * Math.PI) / 180)),
  };
}
