/** Maps a file's header cells to our fields and tells a metrics file from a register by its columns. */
import {
	METRICS_COLUMNS,
	REGISTER_COLUMNS,
	REQUIRED_METRICS_FIELDS,
	REQUIRED_REGISTER_FIELDS,
	lookup,
	normalise,
	type MetricsField,
	type RegisterField
} from './aliases';
import type { Delimiter } from './dialect';
import { MAX_COLUMNS, type Issue } from './messages';

export type Kind = 'metrics' | 'register';

export type Header =
	| { kind: 'metrics'; fields: (MetricsField | null)[]; names: string[]; issues: Issue[] }
	| { kind: 'register'; fields: (RegisterField | null)[]; names: string[]; issues: Issue[] };

const METRICS_LOOKUP = lookup(Object.entries(METRICS_COLUMNS) as [MetricsField, string[]][]);
const REGISTER_LOOKUP = lookup(Object.entries(REGISTER_COLUMNS) as [RegisterField, string[]][]);

/** A column's name as the user knows it: its header text, or its position when that is empty. */
function columnName(cell: string, index: number): string {
	return cell.trim() || `#${index + 1}`;
}

function tooManyColumns(count: number): Issue | null {
	// No count in the message: in the raw start of a file a long header is cut off.
	if (count <= MAX_COLUMNS) return null;
	return { line: 1, column: null, value: null, code: 'too_many_columns' };
}

/**
 * The header's width counted in the raw start of the file, before the CSV parser sees it: a header
 * of 100,000 cells would be split, mapped and checked cell by cell, and 20 MB may hold millions.
 * A header longer than the start is counted as far as it goes; `readHeader` checks the rest.
 */
export function wideHeader(head: string, delimiter: Delimiter): Issue | null {
	const blank = new RegExp(`^[\\s${delimiter}]*$`);
	const line = head.split(/\r?\n/).find((l) => !blank.test(l)) ?? '';
	return tooManyColumns(line.replace(/"(?:[^"]|"")*"/g, '').split(delimiter).length);
}

export function readHeader(cells: string[]): Header | { kind: null; issues: Issue[] } {
	const wide = tooManyColumns(cells.length);
	if (wide) return { kind: null, issues: [wide] };
	const keys = cells.map(normalise);
	const names = cells.map(columnName);
	if (keys.some((k) => METRICS_LOOKUP.get(k) === 'month')) {
		return {
			kind: 'metrics',
			names,
			...mapFields(keys, names, METRICS_LOOKUP, REQUIRED_METRICS_FIELDS, METRICS_COLUMNS)
		};
	}
	if (keys.some((k) => REGISTER_LOOKUP.get(k) === 'name')) {
		return {
			kind: 'register',
			names,
			...mapFields(keys, names, REGISTER_LOOKUP, REQUIRED_REGISTER_FIELDS, REGISTER_COLUMNS)
		};
	}
	return { kind: null, issues: [{ line: 1, column: null, value: null, code: 'unknown_kind' }] };
}

function mapFields<F extends string>(
	keys: string[],
	names: string[],
	aliases: Map<string, F>,
	required: F[],
	labels: Record<F, string[]>
): { fields: (F | null)[]; issues: Issue[] } {
	const issues: Issue[] = [];
	const seen = new Set<F>();
	const fields = keys.map((key, i) => {
		const field = aliases.get(key) ?? null;
		if (field === null) {
			// Excel leaves empty header cells after the last column; they are not worth a warning.
			if (key !== '' || names[i] !== `#${i + 1}`) {
				issues.push({ line: 1, column: names[i], value: names[i], code: 'unknown_header' });
			}
			return null;
		}
		if (seen.has(field)) {
			issues.push({
				line: 1,
				column: names[i],
				value: names[i],
				code: 'duplicate_column',
				detail: names[i]
			});
		}
		seen.add(field);
		return field;
	});
	for (const field of required) {
		if (!seen.has(field)) {
			issues.push({
				line: 1,
				column: field,
				value: null,
				code: 'missing_column',
				detail: `${labels[field][0]} / ${field}`
			});
		}
	}
	return { fields, issues };
}
