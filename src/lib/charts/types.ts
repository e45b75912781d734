/** The data shapes the chart wrappers take. */
export interface Point {
	month: string;
	value: number | null;
}

export interface Series {
	id: string;
	name: string;
	points: Point[];
}

/** An event a chart marks at its month (Ereignis); `channel` null applies to every channel. */
export interface ChartEvent {
	id: number;
	month: string;
	title: string;
	channel: string | null;
}
