import { describe, expect, it } from 'vitest';
import { ANONYMOUS_ANALYST, authorise, can, type Viewer } from './authorise';

const jobcenterUser: Viewer = { userId: 7, email: 'a@b.de', role: 'jobcenter', jobcenterId: 3 };

describe('authorise', () => {
	it('lets a jobcenter user read but not see all jobcenters or manage', () => {
		expect(can(jobcenterUser, 'read')).toBe(true);
		expect(can(jobcenterUser, 'read_all')).toBe(false);
		expect(can(jobcenterUser, 'manage')).toBe(false);
	});

	it('lets the analyst read everything but not manage users', () => {
		expect(can(ANONYMOUS_ANALYST, 'read_all')).toBe(true);
		expect(can(ANONYMOUS_ANALYST, 'manage')).toBe(false);
	});

	it('answers 403 for a forbidden action and 401 without a viewer', () => {
		expect(() => authorise({ viewer: jobcenterUser }, 'read_all')).toThrow(
			expect.objectContaining({ status: 403 })
		);
		expect(() => authorise({} as App.Locals, 'read')).toThrow(expect.objectContaining({ status: 401 }));
		expect(authorise({ viewer: jobcenterUser }, 'read')).toBe(jobcenterUser);
	});
});
