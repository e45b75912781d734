/** The import result as the CLI prints it: the `--json` contract, or sentences for people. */
import { issueMessage, workbookLocation, type Issue, type Lang } from './messages';
import type { IngestResult } from './ingest';

export function toJson(result: IngestResult, lang: Lang) {
	const rejected = result.errorCount > 0;
	const issue = (i: Issue) => ({
		line: i.line,
		column: i.column,
		value: i.value,
		code: i.code,
		message: issueMessage(i, lang),
		// A workbook's issues also name the sheet and the column letter, as Excel shows them.
		...(i.sheet === undefined ? {} : { sheet: i.sheet, cell: i.cell ?? null })
	});
	const d = result.dialect;
	return {
		kind: result.kind,
		dialect:
			'format' in d
				? {
						format: d.format,
						sheet: d.sheet,
						encoding: null,
						delimiter: null,
						numberStyle: d.numberStyle ?? null
					}
				: { encoding: d.encoding, delimiter: d.delimiter, numberStyle: d.numberStyle ?? null },
		uploadId: result.uploadId,
		// A rejected file wrote nothing, so it reports nothing as written.
		inserted: rejected ? 0 : result.inserted,
		updated: rejected ? 0 : result.updated,
		unchanged: rejected ? 0 : result.unchanged,
		errors: result.errors.map(issue),
		warnings: result.warnings.map(issue)
	};
}

const WORDS = {
	de: {
		metrics: 'Monatsdaten',
		register: 'Jobcenter-Verzeichnis',
		unknown: 'unbekannte Art',
		numbers: { de: 'Zahlen deutsch (1.234,5)', en: 'Zahlen englisch (1,234.5)' },
		delimiter: 'Trennzeichen',
		workbook: (sheet: string | null) =>
			`Excel-Arbeitsmappe${sheet === null ? '' : `, Blatt „${sheet}“`}`,
		errors: 'Fehler',
		warnings: 'Warnungen',
		line: 'Zeile',
		column: 'Spalte',
		value: 'Wert',
		quote: (text: string) => `„${text}“`,
		rejected: (n: number) => `Nichts geschrieben: ${n} Fehler. Bitte korrigieren Sie die Datei.`,
		dryRun: 'Probelauf, nichts geschrieben; ein Import ergäbe',
		written: (id: number) => `Geschrieben als Upload ${id}:`,
		counts: (i: number, u: number, n: number) => `${i} neu, ${u} geändert, ${n} unverändert.`
	},
	en: {
		metrics: 'monthly figures',
		register: 'jobcenter register',
		unknown: 'unknown kind',
		numbers: { de: 'German numbers (1.234,5)', en: 'English numbers (1,234.5)' },
		delimiter: 'delimiter',
		workbook: (sheet: string | null) =>
			`Excel workbook${sheet === null ? '' : `, sheet "${sheet}"`}`,
		errors: 'Errors',
		warnings: 'Warnings',
		line: 'line',
		column: 'column',
		value: 'value',
		quote: (text: string) => `"${text}"`,
		rejected: (n: number) => `Nothing written: ${n} errors. Please correct the file.`,
		dryRun: 'Dry run, nothing written; an import would give',
		written: (id: number) => `Written as upload ${id}:`,
		counts: (i: number, u: number, n: number) => `${i} new, ${u} changed, ${n} unchanged.`
	}
};

const DELIMITERS: Record<string, string> = { ',': ',', ';': ';', '\t': 'Tab' };

export function toText(result: IngestResult, lang: Lang, dryRun: boolean): string {
	const w = WORDS[lang];
	const d = result.dialect;
	const lines = [
		[
			result.kind ? w[result.kind] : w.unknown,
			...('format' in d
				? [w.workbook(d.sheet)]
				: [d.encoding.toUpperCase(), `${w.delimiter} ${DELIMITERS[d.delimiter]}`]),
			...(d.numberStyle ? [w.numbers[d.numberStyle]] : [])
		].join(' · ')
	];
	const list = (title: string, issues: Issue[], count: number) => {
		if (count === 0) return;
		lines.push(`${title} (${count}):`);
		for (const i of issues) {
			const location = workbookLocation(i, lang);
			const where = [
				location ?? (i.line === null ? null : `${w.line} ${i.line}`),
				location !== null || i.column === null ? null : `${w.column} ${w.quote(i.column)}`,
				i.value === null || i.value === '' ? null : `${w.value} ${w.quote(i.value)}`
			].filter(Boolean);
			lines.push(`  ${where.join(', ')}${where.length ? ': ' : ''}${issueMessage(i, lang)}`);
		}
	};
	list(w.errors, result.errors, result.errorCount);
	list(w.warnings, result.warnings, result.warningCount);
	const counts = w.counts(result.inserted, result.updated, result.unchanged);
	if (result.errorCount > 0) lines.push(w.rejected(result.errorCount));
	else if (dryRun) lines.push(`${w.dryRun}: ${counts}`);
	else lines.push(`${w.written(result.uploadId as number)} ${counts}`);
	return lines.join('\n');
}
