import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { metricsWorkbook, registerWorkbook } from './workbook-template';
import { metrics, run, withJobcenter } from './workbook.fixture';

describe('the Excel templates', () => {
	it('have a frozen, typed header row and a sheet that explains the columns', async () => {
		const workbook = new ExcelJS.Workbook();
		await workbook.xlsx.load((await metricsWorkbook('05754', '2026-10')) as unknown as ArrayBuffer);
		const [sheet, help] = workbook.worksheets;
		expect(sheet.name).toBe('Kennzahlen');
		expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
		expect(sheet.getRow(1).getCell(1).value).toBe('Jobcenter');
		expect(sheet.getColumn(1).numFmt).toBe('@');
		expect(sheet.getColumn(2).numFmt).toBe('mm.yyyy');
		expect(sheet.getColumn(4).numFmt).toBe('#,##0');
		expect(help.name).toBe('Erläuterungen');
		expect(help.getColumn(3).values.join(' ')).toContain('Arbeitsstunden für den Kanal im Monat');
	});

	it('import as they are, and with rows filled in', async () => {
		const { db } = await withJobcenter();
		const template = await metricsWorkbook('05754', '2026-10');
		const asIs = await run(db, template, true);
		expect(asIs).toMatchObject({ kind: 'metrics', errors: [], warnings: [], inserted: 1 });

		// A user fills in two more months below the example, as numbers and a date.
		const workbook = new ExcelJS.Workbook();
		await workbook.xlsx.load(template as unknown as ArrayBuffer);
		const sheet = workbook.worksheets[0];
		sheet.addRow(['05754', new Date(Date.UTC(2026, 8, 1)), 'Instagram', 900, 4, 1000, 800]);
		sheet.addRow(['05754', 'Sept. 2026', 'LinkedIn', 300, 2, 400, 350, 10, 1, 0, 1, 1.5]);
		const filled = Buffer.from(await workbook.xlsx.writeBuffer());
		const result = await run(db, filled);
		expect(result).toMatchObject({ errors: [], warnings: [], inserted: 3 });
		expect((await metrics(db)).map((r) => [r.channel_id, r.month, r.staff_hours])).toEqual([
			['facebook', '2026-10', 12.5],
			['instagram', '2026-09', null],
			['linkedin', '2026-09', 1.5]
		]);

		const register = await run(db, await registerWorkbook('09999', '2026-11'), true);
		expect(register).toMatchObject({ kind: 'register', errors: [], warnings: [], inserted: 1 });
	});
});
