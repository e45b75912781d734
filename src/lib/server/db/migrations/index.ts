/** Every migration, listed statically so that the bundled server carries them (no directory scan at run time). */
import type { Migration } from 'kysely';
import * as initial from './2026-11-25T0000_initial';

export const migrations: Record<string, Migration> = {
	'2026-11-25T0000_initial': initial
};
