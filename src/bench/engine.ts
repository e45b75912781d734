/** The KPI engine's `compare()` for the jobcenter's overview, in-process: the page's work without HTTP. */
import { openDatabase } from '$lib/server/db';
import { byCode } from '$lib/server/db/jobcenters';
import { compare, type KpiRequest } from '$lib/server/kpi/engine';
import { peerSpec } from '$lib/server/kpi/request';
import { liveSource } from '$lib/server/kpi/source';
import { addMonths } from '$lib/months';
import type { PageSetup } from './pages';
import { latencies, type Latency } from './stats';

export interface EngineTiming {
	/** A fresh data source each time: the rows are read from SQLite. */
	cold: Latency;
	/** One data source: the rows come from its cache, as on a busy server. */
	warm: Latency;
	members: number;
}

/** `compare()` for the jobcenter's overview (its ring, the last 12 months) without HTTP. */
export async function benchEngine(setup: PageSetup, code: string): Promise<EngineTiming> {
	const db = openDatabase(setup.database);
	try {
		const self = await byCode(db, code, ['id']);
		if (!self) throw new Error(`The bench database has no jobcenter ${code}.`);
		const request: KpiRequest = {
			jobcenterId: self.id,
			from: addMonths(setup.until, -11),
			to: setup.until,
			peers: peerSpec('ring')
		};
		const cold: number[] = [];
		let members = 0;
		for (let i = 0; i < Math.max(5, setup.requests / 10); i++) {
			const started = performance.now();
			members = (await compare(liveSource(db), request)).peers.members;
			cold.push(performance.now() - started);
		}
		const source = liveSource(db);
		await compare(source, request);
		const warm: number[] = [];
		for (let i = 0; i < setup.requests; i++) {
			const started = performance.now();
			await compare(source, request);
			warm.push(performance.now() - started);
		}
		return { cold: latencies(cold), warm: latencies(warm), members };
	} finally {
		await db.destroy();
	}
}
