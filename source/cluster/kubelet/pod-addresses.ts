/**
 * A node's pod addresses. The first 253 come from its podCIDR (10.244.N.2-254), as a CNI plugin hands them out; a
 * node told to hold more pods than a /24 fits (kubedeck's nodes take thousands) goes on in blocks of its own that
 * no other node and no service uses: 10.245.N.x to 10.255.N.x, then 10.128.N.x to 10.243.N.x.
 */
export class PodAddresses {
	private readonly blockPrefixes: string[];
	private next = 0;
	private readonly free: number[] = [];
	private readonly used = new Set<number>();

	/** subnet: the podCIDR's first three octets with the dot, '10.244.3.'. */
	constructor(subnet: string) {
		const [first, second, third] = subnet.split('.');
		const spill = [...range(Number(second) + 1, 255), ...range(128, 243)].filter(octet => octet !== Number(second));
		this.blockPrefixes = [subnet, ...spill.map(octet => `${first}.${octet}.${third}.`)];
	}

	/** An address for a new pod: the one it had before when that is still free, else the lowest free one. */
	allocate(existing?: string): string {
		const wanted = existing === undefined ? undefined : this.indexOf(existing);
		if (wanted !== undefined && !this.used.has(wanted)) {
			this.used.add(wanted);
			return existing!;
		}
		let index = this.free.pop();
		while (index !== undefined && this.used.has(index)) index = this.free.pop();
		if (index === undefined) {
			while (this.used.has(this.next)) this.next++;
			index = this.next++;
		}
		if (index >= this.blockPrefixes.length * 253) throw new Error('no pod addresses left on this node');
		this.used.add(index);
		return this.address(index);
	}

	release(ip: string): void {
		const index = this.indexOf(ip);
		if (index !== undefined && this.used.delete(index)) this.free.push(index);
	}

	/** Forgets every address (the node went down; its pods get addresses again when it returns). */
	clear(): void {
		this.used.clear();
		this.free.length = 0;
		this.next = 0;
	}

	private address(index: number): string {
		return `${this.blockPrefixes[Math.floor(index / 253)]}${2 + (index % 253)}`;
	}

	private indexOf(ip: string): number | undefined {
		const dot = ip.lastIndexOf('.');
		const block = this.blockPrefixes.indexOf(ip.slice(0, dot + 1));
		const host = Number(ip.slice(dot + 1));
		if (block < 0 || !(host >= 2 && host <= 254)) return undefined;
		return block * 253 + host - 2;
	}
}

function range(from: number, to: number): number[] {
	const out: number[] = [];
	for (let value = from; value <= to; value++) out.push(value);
	return out;
}
