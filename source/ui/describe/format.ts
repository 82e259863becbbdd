const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A time as kubectl describe prints it (RFC 1123 with numeric zone), in UTC: 'Mon, 01 Jan 2024 00:00:00 +0000'. */
export function describeTime(timestamp: string | undefined): string {
	if (!timestamp) return '<unset>';
	const date = new Date(timestamp);
	if (Number.isNaN(date.getTime())) return timestamp;
	const two = (value: number) => String(value).padStart(2, '0');
	return `${days[date.getUTCDay()]}, ${two(date.getUTCDate())} ${months[date.getUTCMonth()]} ${date.getUTCFullYear()} `
		+ `${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())} +0000`;
}

/** Annotations kubectl leaves out of describe because they are long and machine-written. */
export function describedAnnotations(annotations: Record<string, string> | undefined): Record<string, string> {
	const shown: Record<string, string> = {};
	for (const [key, value] of Object.entries(annotations ?? {})) {
		if (key !== 'kubectl.kubernetes.io/last-applied-configuration') shown[key] = value;
	}

	return shown;
}
