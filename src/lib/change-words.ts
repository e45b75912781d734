/** The words and arrows of a change against the previous round, one set for the tables, the matrix and its export. */
import { m } from '$lib/paraglide/messages';

export const CHANGE_ARROWS = { up: '▲', down: '▼', same: '●' } as const;
export const CHANGE_DIRECTION = { up: m.change_up, down: m.change_down, same: m.change_same };
export const CHANGE_JUDGEMENT = {
	better: m.change_better,
	worse: m.change_worse,
	same: m.change_same_judgement,
	neutral: m.change_neutral
};

/** Which way a KPI is better: the mark in a table's column head, with its words for screen readers. */
export const BETTER = {
	higher: { mark: '↑', text: m.matrix_better_higher },
	lower: { mark: '↓', text: m.matrix_better_lower },
	neutral: { mark: '○', text: m.matrix_better_neutral }
};
