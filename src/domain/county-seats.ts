/**
 * Approximate seats (人民政府驻地) of the counties of the demo province, WGS-84 degrees. The schematic hazard map
 * labels them; the demo registry places its enterprises around them. A county not listed here is labelled at the
 * centre of its enterprises. Not a boundary dataset: none is shipped (maps of China's administrative boundaries need
 * an approved 审图号).
 */
export const COUNTY_SEATS: Readonly<Record<string, { name: string; lng: number; lat: number }>> = {
  '370302': { name: '淄川区', lng: 117.967, lat: 36.643 },
  '370303': { name: '张店区', lng: 118.018, lat: 36.806 },
  '370304': { name: '博山区', lng: 117.862, lat: 36.494 },
  '370305': { name: '临淄区', lng: 118.309, lat: 36.826 },
  '370306': { name: '周村区', lng: 117.87, lat: 36.803 },
  '370321': { name: '桓台县', lng: 118.097, lat: 36.959 },
  '370322': { name: '高青县', lng: 117.826, lat: 37.171 },
  '370323': { name: '沂源县', lng: 118.171, lat: 36.185 },
  '370102': { name: '历下区', lng: 117.076, lat: 36.666 },
  '370103': { name: '市中区', lng: 116.997, lat: 36.651 },
  '370112': { name: '历城区', lng: 117.065, lat: 36.68 },
};
