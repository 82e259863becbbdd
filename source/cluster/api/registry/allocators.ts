/**
 * ClusterIP and NodePort allocation, as kube-apiserver's allocators do: random free values, never two alike.
 * The used sets are rebuilt from the stored services when the registry opens.
 */
export class ClusterIpAllocator {
	private readonly used = new Set<string>();

	/** 10.96.0.0/12: the kubernetes service takes 10.96.0.1 and DNS 10.96.0.10 by convention. */
	constructor(private readonly random: () => number = Math.random) {}

	reserve(ip: string): boolean {
		if (this.used.has(ip)) return false;
		this.used.add(ip);
		return true;
	}

	release(ip: string | undefined): void {
		if (ip) this.used.delete(ip);
	}

	allocate(): string {
		// 10.96.0.0/12 spans 10.96.0.0 - 10.111.255.255; skip network, .1 and the first block's low addresses.
		for (let attempt = 0; attempt < 1000; attempt++) {
			const offset = 16 + Math.floor(this.random() * ((1 << 20) - 32));
			const ip = `10.${96 + (offset >> 16)}.${(offset >> 8) & 255}.${offset & 255}`;
			if (this.reserve(ip)) return ip;
		}
		throw new Error('range of service IPs is full');
	}
}

export class NodePortAllocator {
	private readonly used = new Set<number>();
	constructor(
		private readonly first = 30000,
		private readonly last = 32767,
		private readonly random: () => number = Math.random,
	) {}

	inRange(port: number): boolean {
		return port >= this.first && port <= this.last;
	}

	reserve(port: number): boolean {
		if (this.used.has(port)) return false;
		this.used.add(port);
		return true;
	}

	release(port: number | undefined): void {
		if (port !== undefined) this.used.delete(port);
	}

	allocate(): number {
		const size = this.last - this.first + 1;
		const start = Math.floor(this.random() * size);
		for (let i = 0; i < size; i++) {
			const port = this.first + ((start + i) % size);
			if (this.reserve(port)) return port;
		}
		throw new Error('range of valid node ports is full');
	}
}
