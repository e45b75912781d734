/** A small seeded random source (mulberry32), so that the same seed always yields the same demo data. */

export interface Random {
	/** A number in [0, 1). */
	next(): number;
	uniform(min: number, max: number): number;
	normal(mean: number, sd: number): number;
	/** A positive factor around 1: e^N(0, sd), for multiplicative noise that never turns negative. */
	factor(sd: number): number;
	chance(probability: number): boolean;
	pick<T>(items: readonly T[]): T;
	shuffle<T>(items: readonly T[]): T[];
}

export function createRandom(seed: number): Random {
	let state = seed >>> 0;
	// mulberry32: 32 bits of state are plenty for a few hundred thousand draws and need no dependency.
	const next = (): number => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	const normal = (mean: number, sd: number): number => {
		// Box–Muller; 1 - next() keeps the logarithm away from zero.
		const radius = Math.sqrt(-2 * Math.log(1 - next()));
		return mean + sd * radius * Math.cos(2 * Math.PI * next());
	};
	const uniform = (min: number, max: number): number => min + (max - min) * next();
	return {
		next,
		uniform,
		normal,
		factor: (sd) => Math.exp(normal(0, sd)),
		chance: (probability) => next() < probability,
		pick: (items) => items[Math.floor(next() * items.length)],
		shuffle: (items) => {
			const copy = [...items];
			for (let i = copy.length - 1; i > 0; i--) {
				const j = Math.floor(next() * (i + 1));
				[copy[i], copy[j]] = [copy[j], copy[i]];
			}
			return copy;
		}
	};
}
