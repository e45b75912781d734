import { afterEach, describe, expect, it, vi } from 'vitest';

afterEach(() => {
	vi.unstubAllEnvs();
	vi.resetModules();
});

/**
 * pdf.ts reads CHROMIUM_PATH once, when it is loaded: a fresh copy for each environment, with the
 * fresh Paraglide runtime it reads the locale from.
 */
async function missingToolsWith(env: Record<string, string>) {
	for (const [key, value] of Object.entries(env)) vi.stubEnv(key, value);
	vi.resetModules();
	const { overwriteGetLocale } = await import('$lib/paraglide/runtime');
	const { missingTools } = await import('./pdf');
	return { missingTools, overwriteGetLocale };
}

describe('missingTools', () => {
	it('says what to install in the language of the request (or of --lang)', async () => {
		const { missingTools, overwriteGetLocale } = await missingToolsWith({
			CHROMIUM_PATH: '/nicht/da/chromium'
		});
		overwriteGetLocale(() => 'de');
		expect(missingTools()).toBe(
			'Chromium fehlt (/nicht/da/chromium). Bitte installieren: apt-get install chromium chromium-l10n – oder CHROMIUM_PATH auf ein Chromium setzen.'
		);
		overwriteGetLocale(() => 'en');
		expect(missingTools()).toBe(
			'Chromium is missing (/nicht/da/chromium). Please install it: apt-get install chromium chromium-l10n – or set CHROMIUM_PATH to a Chromium.'
		);
	});

	it('names the missing production build once Chromium is there', async () => {
		const { missingTools, overwriteGetLocale } = await missingToolsWith({
			CHROMIUM_PATH: process.execPath,
			BUILD_DIR: '/nicht/da/build'
		});
		overwriteGetLocale(() => 'en');
		expect(missingTools()).toBe(
			'The production build is missing (/nicht/da/build). Please run first: npm run build'
		);
		overwriteGetLocale(() => 'de');
		expect(missingTools()).toBe(
			'Der Produktions-Build fehlt (/nicht/da/build). Bitte zuerst: npm run build'
		);
	});
});
