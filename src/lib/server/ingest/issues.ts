/** Collects errors and warnings of one file, with a cap so that a hopeless file cannot exhaust memory. */
import { isWarning, type Issue, type IssueCode } from './messages';

const MAX_LISTED = 100_000;

/** How many issues of each code a file has. */
export type CodeCounts = Partial<Record<IssueCode, number>>;

export class IssueLog {
	readonly errors: Issue[] = [];
	readonly warnings: Issue[] = [];
	errorCount = 0;
	warningCount = 0;

	add(issue: Issue): void {
		if (isWarning(issue.code)) {
			if (this.warningCount++ < MAX_LISTED) this.warnings.push(issue);
		} else if (this.errorCount++ < MAX_LISTED) {
			this.errors.push(issue);
		}
	}

	addAll(issues: Issue[]): void {
		for (const issue of issues) this.add(issue);
	}

	/** Issues in file order; batches report some warnings after later lines' errors. */
	view() {
		const byLine = (a: Issue, b: Issue) => (a.line ?? 0) - (b.line ?? 0);
		const errors = [...this.errors].sort(byLine);
		if (this.errorCount > MAX_LISTED) {
			const detail = String(this.errorCount - MAX_LISTED);
			errors.push({ line: null, column: null, value: null, code: 'too_many_issues', detail });
		}
		return {
			errors,
			warnings: [...this.warnings].sort(byLine),
			errorCount: this.errorCount,
			warningCount: this.warningCount
		};
	}
}
