import { describe, expect, it } from 'vitest';
import { safeRedirect } from './cookies';

describe('safeRedirect', () => {
	it('keeps a path on this site with its filters', () => {
		expect(safeRedirect('/kpi/followers?von=2026-01&bis=2026-06')).toBe(
			'/kpi/followers?von=2026-01&bis=2026-06'
		);
	});

	it('sends other sites, protocol-relative and backslash tricks to the start page', () => {
		for (const target of [
			'https://evil.example/',
			'//evil.example',
			'/\\evil.example',
			'kpi',
			'',
			null,
			7
		]) {
			expect(safeRedirect(target)).toBe('/');
		}
	});

	it('refuses an overlong path instead of carrying it through the sign-in', () => {
		expect(safeRedirect('/' + 'a'.repeat(1999))).toBe('/' + 'a'.repeat(1999));
		expect(safeRedirect('/' + 'a'.repeat(2000))).toBe('/');
	});
});
