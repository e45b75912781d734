import { describe, expect, it } from 'vitest';
import { defaultPeerGroup, parseChannels, peerSpec, previousPeriod } from './request';

describe('request helpers', () => {
	it('finds the previous period of equal length', () => {
		expect(previousPeriod('2026-01', '2026-12')).toEqual({ from: '2025-01', to: '2025-12' });
		expect(previousPeriod('2025-11', '2026-02')).toEqual({ from: '2025-07', to: '2025-10' });
		expect(previousPeriod('2026-03', '2026-03')).toEqual({ from: '2026-02', to: '2026-02' });
	});

	it('defaults to the ring, or to all without a ring', () => {
		expect(defaultPeerGroup('Vergleichsring Ost')).toBe('ring');
		expect(defaultPeerGroup(null)).toBe('all');
		expect(peerSpec('size')).toEqual({ type: 'size' });
	});

	it('separates known from unknown channels', () => {
		expect(parseChannels('facebook, instagram,,myspace')).toEqual({
			channels: ['facebook', 'instagram'],
			unknown: ['myspace']
		});
	});
});
