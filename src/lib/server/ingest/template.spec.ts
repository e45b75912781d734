import { describe, expect, it } from 'vitest';
import { addJobcenter, testDatabase } from '$lib/server/db/testing';
import { bufferSource } from './dialect';
import { importFile } from './ingest';
import { metricsTemplate, registerTemplate } from './template';

const ENV = { BENCHLEARN_TODAY: '2026-11-25' };

async function dryRun(text: string) {
	const db = await testDatabase();
	await addJobcenter(db, '05754');
	return importFile(db, bufferSource(text), {
		fileName: 'vorlage.csv',
		userId: null,
		scope: { jobcenterId: null, mayImportRegister: true },
		dryRun: true,
		env: ENV
	});
}

describe('templates', () => {
	it('write German headers with semicolons and a BOM for Excel', () => {
		const text = metricsTemplate('05754', '2026-10');
		expect(text.startsWith('\uFEFFJobcenter;Monat;Kanal;Follower;Beiträge;')).toBe(true);
		expect(text.split('\r\n')[0].endsWith(';Personalstunden;Antwortzeit (Std.)')).toBe(true);
		expect(text.split('\r\n')[1]).toBe(
			'05754;2026-10;Facebook;1.234;12;45.678;30.000;800;120;40;100;12,5;2,5'
		);
		expect(registerTemplate('09999', '2026-11').split('\r\n')[0]).toBe(
			'\uFEFFKennung;Name;Bundesland;Trägerform;eLb;Vergleichsring;gültig ab'
		);
	});

	it('import as they are, without errors or warnings', async () => {
		const metrics = await dryRun(metricsTemplate('05754', '2026-10'));
		expect(metrics).toMatchObject({ kind: 'metrics', errors: [], warnings: [], inserted: 1 });
		expect(metrics.dialect).toEqual({ encoding: 'utf-8-bom', delimiter: ';', numberStyle: 'de' });
		const register = await dryRun(registerTemplate('09999', '2026-11'));
		expect(register).toMatchObject({ kind: 'register', errors: [], warnings: [], inserted: 1 });
	});
});
