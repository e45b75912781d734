/** The validated rows of a metrics file, held column by column between the validate and the write stage. */
import { CHANNEL_IDS, type ChannelId } from '$lib/channels';
import { addMonths } from '$lib/months';
import type { Metric } from '$lib/server/db/schema';
import type { MetricsRow } from './validate';
import { EARLIEST_MONTH, monthIndex } from './values';

export interface MetricRowsMessage {
	present: Metric[];
	length: number;
	lines: Int32Array;
	jobcenters: Int32Array;
	channels: Uint8Array;
	months: Uint16Array;
	values: Float64Array[];
}

const CHANNEL_INDEX = new Map(CHANNEL_IDS.map((id, i) => [id, i]));

/**
 * Typed arrays instead of row objects: half a million rows take about 50 MB here, where objects
 * took several times that, and the arrays can be handed to another thread without copying.
 */
export class MetricRows {
	length = 0;
	private lines: Int32Array;
	private jobcenters: Int32Array;
	private channels: Uint8Array;
	private months: Uint16Array;
	/** One column per metric the file has; NaN is an empty cell. */
	private values: Float64Array[];

	constructor(
		/** The metric columns the file has, in the order of its header. */
		readonly present: Metric[],
		capacity = 1024
	) {
		this.lines = new Int32Array(capacity);
		this.jobcenters = new Int32Array(capacity);
		this.channels = new Uint8Array(capacity);
		this.months = new Uint16Array(capacity);
		this.values = present.map(() => new Float64Array(capacity));
	}

	push(row: MetricsRow): void {
		if (this.length === this.lines.length) this.grow();
		const i = this.length++;
		this.lines[i] = row.line;
		this.jobcenters[i] = row.jobcenterId;
		this.channels[i] = CHANNEL_INDEX.get(row.channel) as number;
		this.months[i] = monthIndex(row.month);
		this.present.forEach((m, k) => (this.values[k][i] = row.values[m] ?? NaN));
	}

	/** Row `i` as the validator made it. */
	at(i: number): MetricsRow {
		const values: MetricsRow['values'] = {};
		this.present.forEach((m, k) => {
			const value = this.values[k][i];
			values[m] = Number.isNaN(value) ? null : value;
		});
		return {
			line: this.lines[i],
			jobcenterId: this.jobcenters[i],
			channel: CHANNEL_IDS[this.channels[i]] as ChannelId,
			month: monthAt(this.months[i]),
			values
		};
	}

	/** The rows as plain typed arrays, trimmed to their length, to post to another thread. */
	toMessage(): MetricRowsMessage {
		const n = this.length;
		return {
			present: this.present,
			length: n,
			lines: this.lines.slice(0, n),
			jobcenters: this.jobcenters.slice(0, n),
			channels: this.channels.slice(0, n),
			months: this.months.slice(0, n),
			values: this.values.map((v) => v.slice(0, n))
		};
	}

	/** The buffers a message holds: transferred, not copied. */
	static transferables(message: MetricRowsMessage): ArrayBuffer[] {
		const { lines, jobcenters, channels, months, values } = message;
		return [lines, jobcenters, channels, months, ...values].map((a) => a.buffer as ArrayBuffer);
	}

	static fromMessage(message: MetricRowsMessage): MetricRows {
		const rows = new MetricRows(message.present, 0);
		Object.assign(rows, message);
		return rows;
	}

	*[Symbol.iterator](): Iterator<MetricsRow> {
		for (let i = 0; i < this.length; i++) yield this.at(i);
	}

	private grow(): void {
		const size = Math.max(1024, this.lines.length * 2);
		const grown = <T extends Int32Array | Uint8Array | Uint16Array | Float64Array>(
			old: T,
			make: new (n: number) => T
		) => {
			const next = new make(size);
			next.set(old);
			return next;
		};
		this.lines = grown(this.lines, Int32Array);
		this.jobcenters = grown(this.jobcenters, Int32Array);
		this.channels = grown(this.channels, Uint8Array);
		this.months = grown(this.months, Uint16Array);
		this.values = this.values.map((v) => grown(v, Float64Array));
	}
}

const monthNames: string[] = [];
function monthAt(index: number): string {
	return (monthNames[index] ??= addMonths(EARLIEST_MONTH, index));
}
