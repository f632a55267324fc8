export interface Point {
  x: number;
  y: number;
}

export interface Fit {
  n: number;
  /** Change of y per unit of x. NaN under 2 points or when every x is the same. */
  slope: number;
  /** The slope's standard error: how far noise alone moves it. NaN under 3 points (no residual left to judge by). */
  standardError: number;
}

/**
 * The least-squares line through the points. A soak's samples are noisy (garbage collection, calls
 * starting and ending), so the slope alone could pass noise off as growth: its standard error says
 * how much of it to trust.
 */
export function leastSquares(points: Point[]): Fit {
  const n = points.length;
  if (n < 2) return { n, slope: NaN, standardError: NaN };
  const meanX = points.reduce((sum, p) => sum + p.x, 0) / n;
  const meanY = points.reduce((sum, p) => sum + p.y, 0) / n;
  let sxx = 0;
  let sxy = 0;
  for (const p of points) {
    sxx += (p.x - meanX) ** 2;
    sxy += (p.x - meanX) * (p.y - meanY);
  }
  if (sxx === 0) return { n, slope: NaN, standardError: NaN };
  const slope = sxy / sxx;
  if (n < 3) return { n, slope, standardError: NaN };
  const intercept = meanY - slope * meanX;
  const squaredResiduals = points.reduce((sum, p) => sum + (p.y - intercept - slope * p.x) ** 2, 0);
  return { n, slope, standardError: Math.sqrt(squaredResiduals / (n - 2) / sxx) };
}
