import { describe, expect, it } from 'vitest';
import { overwriteGetLocale, getLocale } from '$lib/paraglide/runtime';
import { uiLocale } from './locale';

describe('uiLocale', () => {
	it('follows the reader’s choice of German or English', () => {
		const original = getLocale;
		try {
			overwriteGetLocale(() => 'en');
			expect(uiLocale()).toBe('en');
			overwriteGetLocale(() => 'de');
			expect(uiLocale()).toBe('de');
		} finally {
			overwriteGetLocale(original);
		}
	});
});
