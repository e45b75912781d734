/**
 * The event loop's delay, measured only when `BENCHLEARN_EVENT_LOOP=1` (the benchmark sets it) and
 * written to stderr on SIGUSR2: no route and no log line shows it to anyone else.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';

/** How the line starts, so that the benchmark finds it among the server's other output. */
export const EVENT_LOOP_LINE = 'benchlearn-event-loop ';
/** The sampling timer's interval: every figure includes it, so the longest stall is at most `max`. */
export const RESOLUTION_MS = 10;

export interface EventLoopDelay {
	/** Milliseconds between two ticks of the sampling timer: the baseline is `RESOLUTION_MS`. */
	p50: number;
	p99: number;
	max: number;
	/** Ticks measured since the last report. */
	samples: number;
}

/** Starts measuring when asked to; returns a function that stops it (for tests). */
export function watchEventLoop(
	env: Record<string, string | undefined> = process.env,
	write: (line: string) => void = (line) => process.stderr.write(line)
): () => void {
	if (env.BENCHLEARN_EVENT_LOOP !== '1') return () => {};
	const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
	histogram.enable();
	const ms = (ns: number) => Math.round(ns / 1e4) / 100;
	const report = () => {
		const delay: EventLoopDelay = {
			p50: ms(histogram.percentile(50)),
			p99: ms(histogram.percentile(99)),
			max: ms(histogram.max),
			samples: histogram.count
		};
		write(`${EVENT_LOOP_LINE}${JSON.stringify(delay)}\n`);
		histogram.reset();
	};
	process.on('SIGUSR2', report);
	return () => {
		process.off('SIGUSR2', report);
		histogram.disable();
	};
}
