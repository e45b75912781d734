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
