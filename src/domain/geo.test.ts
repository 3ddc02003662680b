import { describe, expect, it } from 'vitest';
import { boundingBox, EARTH_RADIUS_KM, haversineKm, inBox, KM_PER_DEGREE, type LngLat, roundKm } from './geo.js';

/**
 * Distances computed independently, by the spherical law of cosines on the same sphere (R = 6371.0088 km):
 * d = R · acos(sin φ₁ sin φ₂ + cos φ₁ cos φ₂ cos Δλ), to 1 m.
 */
const PAIRS: [string, LngLat, LngLat, number][] = [
  ['北京—上海', { lng: 116.4074, lat: 39.9042 }, { lng: 121.4737, lat: 31.2304 }, 1067.312],
  ['济南—青岛', { lng: 117.0009, lat: 36.6758 }, { lng: 120.3826, lat: 36.0671 }, 310.228],
  ['张店区—临淄区', { lng: 118.018, lat: 36.806 }, { lng: 118.309, lat: 36.826 }, 26.0],
  ['张店区—沂源县', { lng: 118.018, lat: 36.806 }, { lng: 118.171, lat: 36.185 }, 70.394],
  ['历下区—张店区', { lng: 117.076, lat: 36.666 }, { lng: 118.018, lat: 36.806 }, 85.374],
  ['one degree along the equator', { lng: 100, lat: 0 }, { lng: 101, lat: 0 }, 111.195],
];

describe('haversineKm', () => {
  it.each(PAIRS)('%s', (_name, a, b, km) => {
    expect(haversineKm(a, b)).toBeCloseTo(km, 2);
    expect(haversineKm(b, a)).toBeCloseTo(km, 2);
  });

  it('is zero for the same point and half the circumference for antipodes', () => {
    expect(haversineKm({ lng: 118, lat: 36.8 }, { lng: 118, lat: 36.8 })).toBe(0);
    expect(haversineKm({ lng: 0, lat: 0 }, { lng: 180, lat: 0 })).toBeCloseTo(Math.PI * EARTH_RADIUS_KM, 6);
  });

  it('rounds to 10 m', () => {
    expect(roundKm(26.004_9)).toBe(26);
    expect(roundKm(26.005_1)).toBe(26.01);
  });
});

describe('boundingBox', () => {
  const center = { lng: 118.018, lat: 36.806 };

  it('spans the radius in latitude, and at least the radius in longitude at the poleward edge', () => {
    const box = boundingBox(center, 50);
    expect(box.maxLat - center.lat).toBeCloseTo(50 / KM_PER_DEGREE, 7);
    expect(center.lat - box.minLat).toBeCloseTo(50 / KM_PER_DEGREE, 7);
    // at the box's northern edge, the half-width in longitude is 50 km
    expect(haversineKm({ lng: box.maxLng, lat: box.maxLat }, { lng: center.lng, lat: box.maxLat })).toBeGreaterThan(
      49.99,
    );
  });

  it('holds every point of the circle (points on the circle every 5°)', () => {
    for (const r of [1, 10, 50, 300, 1500]) {
      const box = boundingBox(center, r);
      for (let bearing = 0; bearing < 360; bearing += 5) {
        const b = (bearing * Math.PI) / 180;
        const d = r / EARTH_RADIUS_KM;
        const φ1 = (center.lat * Math.PI) / 180;
        const λ1 = (center.lng * Math.PI) / 180;
        const φ2 = Math.asin(Math.sin(φ1) * Math.cos(d) + Math.cos(φ1) * Math.sin(d) * Math.cos(b));
        const λ2 = λ1 + Math.atan2(Math.sin(b) * Math.sin(d) * Math.cos(φ1), Math.cos(d) - Math.sin(φ1) * Math.sin(φ2));
        const p = { lng: (λ2 * 180) / Math.PI, lat: (φ2 * 180) / Math.PI };
        expect(haversineKm(center, p)).toBeCloseTo(r, 6);
        expect(inBox(box, { lng: p.lng, lat: p.lat }), `r=${r} bearing=${bearing}`).toBe(true);
      }
    }
  });

  it('spans every longitude near a pole or past half the globe', () => {
    expect(boundingBox({ lng: 10, lat: 89.95 }, 20)).toMatchObject({ minLng: -180, maxLng: 180, maxLat: 90 });
    expect(boundingBox(center, 20_001)).toMatchObject({ minLng: -180, maxLng: 180 });
  });
});
