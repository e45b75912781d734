/** Where one value stands in its group, as a viewer may see it: the view type of `PeerPosition.svelte`. */
export interface PeerPositionView {
	/** The own value, which every viewer of the jobcenter may see. */
	value: number | null;
	/** Members with data for this KPI; null where the viewer may not know it (`groupSize`). */
	n: number | null;
	/** Too few members have a value: no peer figures. Never set where `hidden` is. */
	suppressed: boolean;
	/** A raw count, whose peer figures this viewer may not see. */
	hidden: boolean;
	p25: number | null;
	median: number | null;
	p75: number | null;
	percentile: number | null;
	quartile: 1 | 2 | 3 | 4 | null;
}
