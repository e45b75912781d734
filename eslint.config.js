// ESLint for the whole tree, set up as the `sv` scaffold's eslint add-on does (flat config).
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

export default defineConfig(
	{
		// Generated or built output (the builds may carry suffixes: build-bench, .svelte-kit-e2e).
		ignores: [
			'build*/',
			'.svelte-kit*/',
			'src/lib/paraglide/',
			'node_modules/',
			'test-results/',
			'playwright-report/',
			'project.inlang/'
		]
	},
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	prettier,
	...svelte.configs.prettier,
	{
		languageOptions: {
			globals: { ...globals.browser, ...globals.node }
		},
		rules: {
			// TypeScript checks undefined names itself (typescript-eslint's advice for TS projects).
			'no-undef': 'off',
			// A leading underscore marks a parameter or binding that is unused on purpose.
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_' }
			],
			// Links only: the app is served at the root (no `paths.base`), so `resolve()` would change
			// no href, and the rule cannot accept a resolved path with a query string
			// (sveltejs/eslint-plugin-svelte#1327), which most of our links carry. goto(),
			// pushState() and replaceState() stay checked.
			'svelte/no-navigation-without-resolve': ['error', { ignoreLinks: true }]
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			parserOptions: {
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		}
	}
);
