import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHART, PALETTE, paletteStyle, ROLE_COLOURS, SERIES_COLOURS } from './palette';

/** WCAG relative luminance of a `#rrggbb` colour. */
function luminance(hex: string): number {
	const [r, g, b] = [1, 3, 5].map((i) => {
		const c = parseInt(hex.slice(i, i + 2), 16) / 255;
		return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
	});
	return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
const contrast = (a: string, b: string) => {
	const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
	return (hi + 0.05) / (lo + 0.05);
};

// KERN's page backgrounds: --kern-color-white in the light theme, --kern-color-black in the dark one.
const WHITE = '#ffffff';
const BLACK = '#000000';
/** Okabe–Ito's sky blue and orange are too pale for white (2.3:1); every chart with them has its table. */
const PALE_ON_WHITE = ['#56B4E9', '#E69F00'];

describe('palette', () => {
	it('gives every line colour 3:1 against the page in the dark theme', () => {
		for (const [, dark] of [
			...SERIES_COLOURS,
			ROLE_COLOURS.own,
			ROLE_COLOURS.median,
			ROLE_COLOURS.peer
		])
			expect(contrast(dark, BLACK), dark).toBeGreaterThanOrEqual(3);
	});

	it('gives every line colour 3:1 against the page in the light theme, except the two pale ones', () => {
		for (const [light] of SERIES_COLOURS.filter(([light]) => !PALE_ON_WHITE.includes(light)))
			expect(contrast(light, WHITE), light).toBeGreaterThanOrEqual(3);
	});

	it('keeps the band a quiet background in both themes: the median line stands out from it', () => {
		const [bandLight, bandDark] = ROLE_COLOURS.band;
		expect(contrast(bandLight, WHITE)).toBeLessThan(1.6);
		expect(contrast(bandDark, BLACK)).toBeLessThan(2.2);
		expect(contrast(ROLE_COLOURS.median[0], bandLight)).toBeGreaterThanOrEqual(3);
		expect(contrast(ROLE_COLOURS.median[1], bandDark)).toBeGreaterThanOrEqual(3);
	});

	it('defines every custom property that the colour names refer to', () => {
		for (const ref of [...PALETTE, ...Object.values(CHART)]) {
			const name = ref.match(/^var\((--chart-[a-z0-9-]+)\)$/)?.[1];
			expect(name, ref).toBeDefined();
			expect(paletteStyle).toMatch(
				new RegExp(`${name}: light-dark\\(#[0-9A-F]{6}, #[0-9A-F]{6}\\)`)
			);
		}
	});
});

/** Every file of a kind under a folder, recursively. */
function filesUnder(dir: string, ends: string[]): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) return entry.name === 'paraglide' ? [] : filesUnder(path, ends);
		return ends.some((end) => entry.name.endsWith(end)) ? [path] : [];
	});
}

describe('colours in components and styles', () => {
	it('come from the palette or from KERN tokens, never typed in', () => {
		const typed = filesUnder('src', ['.svelte', '.css']).flatMap((file) =>
			readFileSync(file, 'utf8')
				.split('\n')
				.map((line, i) => ({ where: `${file}:${i + 1}`, line }))
				.filter(({ line }) =>
					/#[0-9a-f]{3,8}\b|rgba?\(|hsla?\(/i.test(line.replace(/href="#[^"]*"/g, ''))
				)
				.map(({ where, line }) => `${where}: ${line.trim()}`)
		);
		expect(typed).toEqual([]);
	});
});
