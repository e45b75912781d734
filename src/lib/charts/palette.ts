/**
 * The charts' colours, the only colour values the app's code spells out; everything else uses KERN's
 * `--kern-color-*` tokens. Each colour has a counterpart for KERN's dark theme.
 *
 * How they reach the page: the layout sets `paletteStyle` once on the page frame as custom properties
 * (`--chart-own`, …) whose values are `light-dark(light, dark)`. `app.css` declares
 * `color-scheme: light dark`, so the browser picks the same side as KERN, which switches its tokens
 * with `prefers-color-scheme`. Components use the names below (`CHART.own`, `PALETTE[i]`) in SVG
 * attributes and `var(--chart-…)` in their styles, never a colour value.
 */

/** A colour for the light and for the dark theme. */
type Pair = readonly [light: string, dark: string];

/**
 * Series colours: Okabe–Ito, colour-blind safe, without its pale yellow. On black the navy and the grey
 * would almost vanish (1.9:1 and 3.0:1), so in the dark they are lightened to at least 3:1 (WCAG 1.4.11).
 */
export const SERIES_COLOURS: readonly Pair[] = [
	['#0072B2', '#0072B2'],
	['#D55E00', '#D55E00'],
	['#009E73', '#009E73'],
	['#CC79A7', '#CC79A7'],
	['#56B4E9', '#56B4E9'],
	['#E69F00', '#E69F00'],
	['#1B3A6B', '#A8BCE8'],
	['#5A5A5A', '#A3A3A3']
];

/** Colours with a meaning, the same on every chart. */
export const ROLE_COLOURS = {
	/** The viewer's own jobcenter: a line, a mark, a larger dot. */
	own: SERIES_COLOURS[1],
	/** The group's median: dashed lines and quadrant rules. */
	median: SERIES_COLOURS[6],
	/** The group's middle half behind the lines; in the dark a deep blue, so that it does not glare. */
	band: ['#CFD8E8', '#2B3A5C'],
	/** The other jobcenters of the group, unlabelled dots. */
	peer: SERIES_COLOURS[7],
	/** The second bar colour of the channel page. */
	accent: SERIES_COLOURS[2],
	/**
	 * The round matrix's quartiles, as tints of one hue that darken from Q1 to Q4: an order by lightness
	 * alone, which colour-blind eyes read too. In the dark the sky blue, so that the tints stand out from black.
	 */
	quartile: [SERIES_COLOURS[0][0], SERIES_COLOURS[4][1]]
} satisfies Record<string, Pair>;

/** The running header and page numbers of a printed report: on paper, so light only. */
export const PRINT_MUTED = '#444444';

export type ChartRole = keyof typeof ROLE_COLOURS;

/** The colour of each role, as a CSS value that follows the theme. */
export const CHART = Object.fromEntries(
	Object.keys(ROLE_COLOURS).map((role) => [role, `var(--chart-${role})`])
) as Record<ChartRole, string>;

export const PALETTE = SERIES_COLOURS.map((_, i) => `var(--chart-series-${i + 1})`);

/** The custom properties for the page frame's `style` attribute (a style attribute, not a style element, which the CSP forbids). */
export const paletteStyle = [
	...SERIES_COLOURS.map((pair, i) => [`series-${i + 1}`, pair] as const),
	...Object.entries(ROLE_COLOURS)
]
	.map(([name, [light, dark]]) => `--chart-${name}: light-dark(${light}, ${dark})`)
	.join('; ');

/** Series colours in order, then dashed lines once the colours run out. */
export function seriesStyle(index: number): { color: string; dash: string | null } {
	return {
		color: PALETTE[index % PALETTE.length],
		dash: index < PALETTE.length ? null : '4 3'
	};
}
