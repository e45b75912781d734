/** The x scale of the charts over months: one point per month, the first at the left edge and the newest at the right. */
import { scalePoint } from 'd3-scale';

/** `align(0)` puts a chart of a single month at the left edge, where a linear scale over month indexes put it. */
export const monthScale = () => scalePoint<string>().align(0);
