/** A native import's result as the CLI prints it: `--json` with format, months and skipped months per file, or sentences for people. */
import { channelName } from '$lib/channels';
import { METRICS_COLUMNS } from '../aliases';
import { dateName, issueMessage, monthName, type Issue, type Lang } from '../messages';
import type { NativeResult } from './native';

function issueJson(issue: Issue, lang: Lang, file?: string) {
	return {
		...(file === undefined ? {} : { file }),
		line: issue.line,
		column: issue.column,
		value: issue.value,
		code: issue.code,
		...(issue.month === undefined ? {} : { month: issue.month }),
		message: issueMessage(issue, lang)
	};
}

export function toNativeJson(result: NativeResult, lang: Lang) {
	const rejected = result.errorCount > 0;
	return {
		kind: 'metrics',
		uploadId: result.uploadId,
		inserted: rejected ? 0 : result.inserted,
		updated: rejected ? 0 : result.updated,
		unchanged: rejected ? 0 : result.unchanged,
		errors: result.files.flatMap((f) => f.errors.map((i) => issueJson(i, lang, f.fileName))),
		warnings: result.files.flatMap((f) => f.warnings.map((i) => issueJson(i, lang, f.fileName))),
		files: result.files.map((f) => ({
			file: f.fileName,
			format: f.format,
			channel: f.channel,
			dialect: f.dialect,
			period: f.period,
			mapping: f.mapping,
			notUsed: f.notUsed,
			months: f.months,
			skipped: f.skipped.map((s) => ({ month: s.month, reason: issueMessage(s.issue, lang) })),
			rows: f.rows,
			errors: f.errors.map((i) => issueJson(i, lang)),
			warnings: f.warnings.map((i) => issueJson(i, lang))
		}))
	};
}

const WORDS = {
	de: {
		file: (name: string) => `Datei „${name}“`,
		format: 'Export',
		unknown: 'nicht erkannt',
		period: (from: string, to: string, source: string) => `Zeitraum ${from} bis ${to} (${source})`,
		sources: { 'file-name': 'aus dem Dateinamen', user: 'angegeben', days: 'Tage der Datei' },
		mapping: 'Zuordnung',
		counted: 'Anzahl der Zeilen',
		months: 'Vollständige Monate',
		none: 'keine',
		skipped: 'Nicht gespeichert',
		errors: 'Fehler',
		warnings: 'Hinweise',
		line: 'Zeile',
		quote: (text: string) => `„${text}“`,
		rejected: (n: number) =>
			`Nichts geschrieben: ${n} Fehler. Bitte korrigieren Sie die Angaben oder die Dateien.`,
		dryRun: 'Probelauf, nichts geschrieben; ein Import ergäbe',
		written: (id: number) => `Geschrieben als Upload ${id}:`,
		counts: (i: number, u: number, n: number) => `${i} neu, ${u} geändert, ${n} unverändert.`
	},
	en: {
		file: (name: string) => `File "${name}"`,
		format: 'export',
		unknown: 'not recognised',
		period: (from: string, to: string, source: string) => `Period ${from} to ${to} (${source})`,
		sources: { 'file-name': 'from the file name', user: 'as given', days: "the file's days" },
		mapping: 'Mapping',
		counted: 'number of rows',
		months: 'Complete months',
		none: 'none',
		skipped: 'Not stored',
		errors: 'Errors',
		warnings: 'Notes',
		line: 'line',
		quote: (text: string) => `"${text}"`,
		rejected: (n: number) =>
			`Nothing written: ${n} errors. Please correct the options or the files.`,
		dryRun: 'Dry run, nothing written; an import would give',
		written: (id: number) => `Written as upload ${id}:`,
		counts: (i: number, u: number, n: number) => `${i} new, ${u} changed, ${n} unchanged.`
	}
};

export function toNativeText(result: NativeResult, lang: Lang, dryRun: boolean): string {
	const w = WORDS[lang];
	const metric = (m: string) => (lang === 'de' ? (METRICS_COLUMNS[m as never]?.[0] ?? m) : m);
	const lines: string[] = [];
	for (const f of result.files) {
		const head = [
			w.file(f.fileName),
			`${w.format} ${f.format ?? w.unknown}`,
			...(f.channel ? [channelName(f.channel)] : []),
			...(f.dialect ? [f.dialect.encoding.toUpperCase()] : [])
		];
		lines.push(head.join(' · '));
		if (f.period) {
			const { from, to, source } = f.period;
			lines.push(`  ${w.period(dateName(from, lang), dateName(to, lang), w.sources[source])}`);
		}
		if (f.mapping.length) {
			const pairs = f.mapping.map(
				(m) => `${m.column} → ${metric(m.metric)}${m.metric === 'posts' ? ` (${w.counted})` : ''}`
			);
			lines.push(`  ${w.mapping}: ${pairs.join(', ')}`);
		}
		if (f.format && !f.notUsed) {
			const months = f.months.map((m) => monthName(m, lang)).join(', ') || w.none;
			lines.push(`  ${w.months}: ${months}`);
		}
		for (const s of f.skipped) lines.push(`  ${w.skipped}: ${issueMessage(s.issue, lang)}`);
		const list = (title: string, issues: Issue[]) => {
			if (issues.length === 0) return;
			lines.push(`  ${title} (${issues.length}):`);
			for (const i of issues) {
				// A figure's warning from the writer names no month of its own.
				const month = i.month && !i.code.startsWith('native_') ? monthName(i.month, lang) : null;
				const at = [
					month,
					i.line === null ? null : `${w.line} ${i.line}`,
					i.line === null ? null : i.column,
					i.value ? w.quote(i.value) : null
				].filter(Boolean);
				const where = at.length ? `${at.join(', ')}: ` : '';
				lines.push(`    ${where}${issueMessage(i, lang)}`);
			}
		};
		list(w.errors, f.errors);
		list(w.warnings, f.warnings);
	}
	const counts = w.counts(result.inserted, result.updated, result.unchanged);
	if (result.errorCount > 0) lines.push(w.rejected(result.errorCount));
	else if (dryRun) lines.push(`${w.dryRun}: ${counts}`);
	else lines.push(`${w.written(result.uploadId as number)} ${counts}`);
	return lines.join('\n');
}
