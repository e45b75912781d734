/** Which events a chart marks: those in its months that concern the channels it shows, numbered for the legend. */
import type { ChartEvent } from './types';

export interface EventMark {
	/** The first event's id, as a key. */
	id: number;
	month: string;
	title: string;
	/** The channels it concerns; empty for all channels. */
	channels: string[];
	/** 1, 2, …: the marker's label and its entry in the legend beside the chart. */
	number: number;
	/** The month's index on the chart's x axis. */
	index: number;
	/** How many marks of the same month come before it, so that their numbers stack instead of overlapping. */
	stack: number;
}

/**
 * The events to mark, in month order. `channels` are the channels the chart's figures come from;
 * empty means all, and then every event counts. An event for all channels always counts. The same
 * event recorded for several channels (Meta's change on Facebook and Instagram) is one mark.
 */
export function eventMarks(
	events: readonly ChartEvent[],
	months: readonly string[],
	channels: readonly string[] = []
): EventMark[] {
	const shown = events
		.filter((e) => months.includes(e.month))
		.filter((e) => e.channel === null || channels.length === 0 || channels.includes(e.channel))
		.sort((a, b) => a.month.localeCompare(b.month) || a.id - b.id);
	const marks: EventMark[] = [];
	for (const e of shown) {
		const same = marks.find((m) => m.month === e.month && m.title === e.title);
		if (same) {
			// One of them for all channels makes the mark one for all channels.
			same.channels =
				e.channel === null || same.channels.length === 0 ? [] : [...same.channels, e.channel];
			continue;
		}
		marks.push({
			id: e.id,
			month: e.month,
			title: e.title,
			channels: e.channel === null ? [] : [e.channel],
			number: marks.length + 1,
			index: months.indexOf(e.month),
			stack: marks.filter((m) => m.month === e.month).length
		});
	}
	return marks;
}
