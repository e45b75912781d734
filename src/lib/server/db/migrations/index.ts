/** Every migration, listed statically so that the bundled server carries them (no directory scan at run time). */
import type { Migration } from 'kysely';
import * as initial from './2026-11-25T0000_initial';
import * as accounts from './2026-11-25T0100_accounts';
import * as ingest from './2026-11-25T0200_ingest';
import * as rounds from './2026-11-25T0300_rounds';
import * as roundSnapshot from './2026-11-25T0400_round_snapshot';
import * as followersIndex from './2026-11-25T0500_followers_index';
import * as responseHours from './2026-12-01T2300_response_hours';
import * as rowWriter from './2026-12-01T2350_row_writer';
import * as roundPredecessor from './2026-12-02T0120_round_predecessor';
import * as practiceProfile from './2026-12-02T0140_practice_profile';
import * as seriesEvents from './2026-12-02T0150_series_events';
import * as roundStatusEnglish from './2026-12-02T0350_round_status_english';

export const migrations: Record<string, Migration> = {
	'2026-11-25T0000_initial': initial,
	'2026-11-25T0100_accounts': accounts,
	'2026-11-25T0200_ingest': ingest,
	'2026-11-25T0300_rounds': rounds,
	'2026-11-25T0400_round_snapshot': roundSnapshot,
	'2026-11-25T0500_followers_index': followersIndex,
	'2026-12-01T2300_response_hours': responseHours,
	'2026-12-01T2350_row_writer': rowWriter,
	'2026-12-02T0120_round_predecessor': roundPredecessor,
	'2026-12-02T0140_practice_profile': practiceProfile,
	'2026-12-02T0150_series_events': seriesEvents,
	'2026-12-02T0350_round_status_english': roundStatusEnglish
};
