/**
 * Durations as Kubernetes prints them in AGE columns (apimachinery's HumanDuration): about two or three
 * significant figures, '38s', '2m30s', '5m', '3h10m', '2d4h', '5d', '2y120d'.
 */
export function humanDuration(milliseconds: number): string {
	// Go truncates toward zero; up to a second in the future still reads as now (clock skew between machines).
	const seconds = Math.trunc(milliseconds / 1000);
	if (seconds < -1) return '<invalid>';
	if (seconds < 0) return '0s';
	if (seconds < 60 * 2) return `${seconds}s`;
	const minutes = Math.trunc(seconds / 60);
	if (minutes < 10) {
		const restSeconds = seconds % 60;
		return restSeconds === 0 ? `${minutes}m` : `${minutes}m${restSeconds}s`;
	}
	if (minutes < 60 * 3) return `${minutes}m`;
	const hours = Math.trunc(minutes / 60);
	if (hours < 8) {
		const restMinutes = minutes % 60;
		return restMinutes === 0 ? `${hours}h` : `${hours}h${restMinutes}m`;
	}
	if (hours < 48) return `${hours}h`;
	if (hours < 24 * 8) {
		const restHours = hours % 24;
		return restHours === 0 ? `${Math.trunc(hours / 24)}d` : `${Math.trunc(hours / 24)}d${restHours}h`;
	}
	if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24)}d`;
	if (hours < 24 * 365 * 8) {
		const restDays = Math.trunc(hours / 24) % 365;
		const years = Math.trunc(hours / 24 / 365);
		return restDays === 0 ? `${years}y` : `${years}y${restDays}d`;
	}
	return `${Math.trunc(hours / 24 / 365)}y`;
}

/** The age of an RFC 3339 timestamp at `now` (ms), or '<unknown>' when there is none, as kubectl prints it. */
export function ageSince(timestamp: string | undefined | null, now: number): string {
	if (!timestamp) return '<unknown>';
	const time = Date.parse(timestamp);
	if (Number.isNaN(time)) return '<unknown>';
	return humanDuration(now - time);
}
