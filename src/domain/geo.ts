/**
 * Straight-line distances on the Earth for the nearest-resource search (issue 12 §2): the great-circle distance by the
 * haversine formula on a sphere of the mean Earth radius, and the latitude–longitude box that holds every point within a
 * radius (the search's index range; the exact distance then orders what lies inside).
 *
 * A sphere is within 0.5 % of the ellipsoid's geodesic — a few hundred metres at 100 km — which is well inside what
 * "the nearest team" needs. The database computes the same formula (modules/rescue-resources/repo.ts haversineSql),
 * so the order of the API and of this function agree.
 */

/** IUGG mean Earth radius R₁ = (2a + b) / 3, in km. */
export const EARTH_RADIUS_KM = 6371.0088;

/** Kilometres per degree of latitude on that sphere (2πR / 360). */
export const KM_PER_DEGREE = (2 * Math.PI * EARTH_RADIUS_KM) / 360;

export interface LngLat {
  /** Degrees east, WGS84. */
  lng: number;
  /** Degrees north, WGS84. */
  lat: number;
}

const rad = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle distance in km between two points (haversine). */
export function haversineKm(a: LngLat, b: LngLat): number {
  const dLat = rad(b.lat - a.lat);
  const dLng = rad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

export interface BoundingBox {
  minLat: number;
  maxLat: number;
  minLng: number;
  maxLng: number;
}

/**
 * A box holding every point within `radiusKm` of `center`: ± radius / KM_PER_DEGREE in latitude, and in longitude the
 * widest the circle gets — at the box's latitude nearest the pole, where a degree of longitude is shortest. Near a pole
 * (or past half the globe) the box spans every longitude. A box never claims to be exact: what it holds is tested by
 * the exact distance afterwards.
 */
export function boundingBox(center: LngLat, radiusKm: number): BoundingBox {
  // a nanodegree (0.1 mm) of margin, so a point exactly on the circle is not lost to rounding
  const dLat = radiusKm / KM_PER_DEGREE + 1e-9;
  const minLat = Math.max(-90, center.lat - dLat);
  const maxLat = Math.min(90, center.lat + dLat);
  const poleward = Math.max(Math.abs(minLat), Math.abs(maxLat));
  const cos = Math.cos(rad(poleward));
  if (poleward >= 89.9 || radiusKm >= (Math.PI * EARTH_RADIUS_KM) / 2 || radiusKm / (KM_PER_DEGREE * cos) >= 180) {
    return { minLat, maxLat, minLng: -180, maxLng: 180 };
  }
  const dLng = radiusKm / (KM_PER_DEGREE * cos) + 1e-9;
  return { minLat, maxLat, minLng: center.lng - dLng, maxLng: center.lng + dLng };
}

/** The point lies in the box (edges included). */
export function inBox(box: BoundingBox, p: LngLat): boolean {
  return p.lat >= box.minLat && p.lat <= box.maxLat && p.lng >= box.minLng && p.lng <= box.maxLng;
}

/** Distances are shown in km to 0.01 (10 m). */
export function roundKm(km: number): number {
  return Math.round(km * 100) / 100;
}

/** Coordinates are shown to 6 decimals of a degree (about 0.1 m): the stored double carries binary noise. */
export function roundCoord(deg: number): number {
  return Math.round(deg * 1e6) / 1e6;
}
