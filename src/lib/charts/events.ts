/** Which events a chart marks: those in its months that concern the channels it shows, numbered for the legend. */
import type { ChartEvent } from './types';

export interface EventMark extends ChartEvent {
	/** 1, 2, …: the marker's label and its entry in the legend beside the chart. */
	number: number;
	/** The month's index on the chart's x axis. */
	index: number;
}

/**
 * The events to mark, in month order. `channels` are the channels the chart's figures come from;
 * empty means all, and then every event counts. An event for all channels always counts.
 */
export function eventMarks(
	events: readonly ChartEvent[],
	months: readonly string[],
	channels: readonly string[] = []
): EventMark[] {
	return events
		.filter((e) => months.includes(e.month))
		.filter((e) => e.channel === null || channels.length === 0 || channels.includes(e.channel))
		.sort((a, b) => a.month.localeCompare(b.month) || a.id - b.id)
		.map((e, i) => ({ ...e, number: i + 1, index: months.indexOf(e.month) }));
}
