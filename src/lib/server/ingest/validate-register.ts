/** Checks one line of a jobcenter register: code, name, Land, carrier, eLb, ring and from when the eLb holds. */
import type { RegisterField } from './aliases';
import { isWarning, type Issue } from './messages';
import type { CsvRecord } from './records';
import { parseCarrier, parseState } from './values';
import { issue, RowValidator, type Cell, type RegisterRow } from './validate';

export class RegisterValidator extends RowValidator<RegisterField> {
	private readonly firstLines = new Map<string, number>();

	check(record: CsvRecord, issues: Issue[]): RegisterRow | null {
		const { line } = record;
		const before = issues.length;
		const cells = this.cells(record, issues);
		const get = (field: RegisterField) => cells.get(field) as Cell<RegisterField>;

		let code: string | null = this.required(line, get('code'), issues);
		let existingId: number | null = null;
		if (code !== null) {
			const match = this.jobcenter(line, get('code'), issues);
			if (match) ({ code, id: existingId } = match);
			else if (code.length > 20) {
				issues.push(issue(line, get('code').column, code, 'bad_code'));
				code = null;
			}
		}
		const name = this.required(line, get('name'), issues);
		const state = this.choice(line, get('state'), parseState, 'unknown_state', issues);
		const carrier = this.choice(line, get('carrier'), parseCarrier, 'unknown_carrier', issues);
		let elb: number | null = null;
		if (this.required(line, get('elb'), issues) !== null) {
			elb = this.number(line, get('elb'), 0, issues);
			if (elb === 0) {
				issues.push(issue(line, get('elb').column, get('elb').value, 'not_positive'));
				elb = null;
			}
		}
		const ringCell = cells.get('ring');
		const ring = ringCell === undefined ? undefined : ringCell.value || null;
		const fromCell = cells.get('valid_from');
		const validFrom =
			fromCell && fromCell.value !== ''
				? this.monthOf(line, fromCell, issues, true)
				: this.month.current;

		if (code === null) return null;
		if (!this.firstLines.has(code)) this.firstLines.set(code, line);
		const first = this.firstLines.get(code) as number;
		const duplicate = this.duplicate(first, line, get('code'), issues, 'duplicate_code');
		if (duplicate || issues.slice(before).some((i) => !isWarning(i.code))) return null;
		if (!name || !state || !carrier || !elb || !validFrom) return null;
		return { line, code, existingId, name, state, carrier, elb, ring, validFrom };
	}

	private choice<T>(
		line: number,
		cell: Cell<RegisterField>,
		parse: (raw: string) => T | null,
		code: 'unknown_state' | 'unknown_carrier',
		issues: Issue[]
	): T | null {
		if (this.required(line, cell, issues) === null) return null;
		const value = parse(cell.value);
		if (value === null) issues.push(issue(line, cell.column, cell.value, code));
		return value;
	}
}
