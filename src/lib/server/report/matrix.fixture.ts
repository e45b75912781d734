/**
 * The round database the matrix specs share: seven jobcenters of a German Excel register, six of them
 * in „Vergleichsring Matrix“, and their September and October 2026 as the same kind of file, with one
 * more jobcenter outside the ring whose figures must count nowhere. The round is the ring over those
 * two months.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { migrateToLatest, openDatabase, type DB } from '$lib/server/db';
import { bufferSource } from '$lib/server/ingest/dialect';
import { importFile } from '$lib/server/ingest/ingest';
import type { KpiId } from '$lib/server/kpi/catalogue';
import { tableSource } from '$lib/server/kpi/source';
import { createRound } from '$lib/server/rounds';
import { roundContext } from './context';
import { roundMatrix, type Matrix } from './matrix';

export const SETTINGS = { minPeers: 5, fteHoursPerMonth: 169 };
export const ENV = { BENCHLEARN_TODAY: '2026-11-15', MIN_PEERS: '5' };
export const CODES = ['10001', '10002', '10003', '10004', '10005', '10006'];
export const NAME_ORDER = { by: null, direction: 'ascending' } as const;

export interface MatrixRound {
	/** The database file, for a CLI run against it. */
	database: string;
	db: DB;
	roundId: number;
	matrix(version: 'named' | 'handout', sort?: Matrix['sort']): Promise<Matrix>;
}

/** The fixture's database for the spec file that calls it: built before its tests, closed after. */
export function useMatrixRound(): MatrixRound {
	const round: MatrixRound = {
		database: join(mkdtempSync(join(tmpdir(), 'benchlearn-matrix-')), 'matrix.db'),
		db: undefined as unknown as DB,
		roundId: 0,
		async matrix(version, sort = NAME_ORDER) {
			const context = await roundContext(round.db, tableSource(round.db, SETTINGS), round.roundId);
			return roundMatrix(context!, { version, role: 'analyst', sort });
		}
	};

	async function load(file: string) {
		const source = bufferSource(readFileSync(`tests/fixtures/matrix/${file}`));
		const result = await importFile(round.db, source, {
			...{ fileName: file, userId: null, env: ENV },
			scope: { jobcenterId: null, mayImportRegister: true }
		});
		expect(result.errors).toEqual([]);
	}

	beforeAll(async () => {
		round.db = openDatabase(round.database);
		await migrateToLatest(round.db);
		await load('register.csv');
		await load('metrics.csv');
		const created = await createRound(
			round.db,
			{ name: 'Herbstrunde 2026', from: '2026-09', to: '2026-10', ring: 'Vergleichsring Matrix' },
			'spec'
		);
		if (!created.ok) throw new Error(JSON.stringify(created.problems));
		round.roundId = created.id;
	});

	afterAll(async () => {
		await round.db.destroy();
	});

	return round;
}

export const column = (m: Matrix, id: KpiId) => m.columns.findIndex((c) => c.id === id);
export const cellsOf = (m: Matrix, id: KpiId) =>
	Object.fromEntries(m.rows.map((r) => [r.code ?? r.label, r.cells[column(m, id)]]));
