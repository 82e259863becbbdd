/**
 * Durations the way kubectl prints them (k8s.io/apimachinery duration.HumanDuration):
 * 45s, 3m32s, 25m, 5h3m, 2d3h, 45d, 2y100d.
 */
export function humanDuration(milliseconds: number): string {
	const seconds = Math.floor(milliseconds / 1000);
	if (seconds < 0) return '0s';
	if (seconds < 120) return `${seconds}s`;
	const minutes = Math.floor(seconds / 60);
	if (minutes < 10) {
		const rest = seconds % 60;
		return rest === 0 ? `${minutes}m` : `${minutes}m${rest}s`;
	}

	if (minutes < 180) return `${minutes}m`;
	const hours = Math.floor(minutes / 60);
	if (hours < 8) {
		const rest = minutes % 60;
		return rest === 0 ? `${hours}h` : `${hours}h${rest}m`;
	}

	if (hours < 48) return `${hours}h`;
	if (hours < 24 * 8) {
		const rest = hours % 24;
		return rest === 0 ? `${Math.floor(hours / 24)}d` : `${Math.floor(hours / 24)}d${rest}h`;
	}

	if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24)}d`;
	const days = Math.floor(hours / 24);
	const years = Math.floor(days / 365);
	const restDays = days % 365;
	if (years < 8) return restDays === 0 ? `${years}y` : `${years}y${restDays}d`;
	return `${years}y`;
}

/** Age of a timestamp (RFC 3339) at `now`; '<unknown>' like kubectl when there is none. */
export function age(timestamp: string | Date | undefined, now: number): string {
	if (!timestamp) return '<unknown>';
	const time = typeof timestamp === 'string' ? Date.parse(timestamp) : timestamp.getTime();
	if (Number.isNaN(time)) return '<unknown>';
	return humanDuration(now - time);
}
