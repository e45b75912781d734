/** The reader's language as the two values our texts and formats are written for. */
import { getLocale } from '$lib/paraglide/runtime';

/** German unless the reader chose English: the one place that reads Paraglide's locale for a choice. */
export function uiLocale(): 'de' | 'en' {
	return getLocale() === 'en' ? 'en' : 'de';
}
