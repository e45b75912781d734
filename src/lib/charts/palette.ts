/** A colour-blind-safe palette (Okabe–Ito, without its pale yellow) and dash patterns once the colours run out. */
export const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#56B4E9', '#E69F00', '#1B3A6B', '#5A5A5A'];

export function seriesStyle(index: number): { color: string; dash: string | null } {
	return {
		color: PALETTE[index % PALETTE.length],
		dash: index < PALETTE.length ? null : '4 3'
	};
}
