import { describe, expect, it } from 'vitest';
import { authorise, can, type Viewer } from './authorise';

const base = { userId: 7, email: 'a@b.de', jobcenterId: null, locale: null };
const jobcenterUser: Viewer = { ...base, role: 'jobcenter', jobcenterId: 3 };
const analyst: Viewer = { ...base, role: 'analyst' };
const admin: Viewer = { ...base, role: 'admin' };

describe('authorise', () => {
	it('lets a jobcenter user read but not see all jobcenters or manage', () => {
		expect(can(jobcenterUser, 'read')).toBe(true);
		expect(can(jobcenterUser, 'read_all')).toBe(false);
		expect(can(jobcenterUser, 'manage')).toBe(false);
	});

	it('lets the analyst read everything but not manage users; the admin may do all', () => {
		expect(can(analyst, 'read_all')).toBe(true);
		expect(can(analyst, 'manage')).toBe(false);
		expect(can(admin, 'manage')).toBe(true);
		expect(can(admin, 'read_all')).toBe(true);
	});

	it('answers 403 for a forbidden action and 401 without a viewer', () => {
		expect(() => authorise({ viewer: jobcenterUser }, 'read_all')).toThrow(
			expect.objectContaining({ status: 403 })
		);
		expect(() => authorise({ viewer: null }, 'read')).toThrow(
			expect.objectContaining({ status: 401 })
		);
		expect(authorise({ viewer: jobcenterUser }, 'read')).toBe(jobcenterUser);
	});
});
