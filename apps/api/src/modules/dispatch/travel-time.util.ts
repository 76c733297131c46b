/** Minutes to cover a straight-line distance at a steady speed, rounded up (0 m is 0 min). */
export function straightLineMinutes(distanceMeters: number, speedKmh: number): number {
  if (distanceMeters <= 0) return 0;
  const metresPerMinute = (speedKmh * 1000) / 60;
  return Math.ceil(distanceMeters / metresPerMinute);
}
