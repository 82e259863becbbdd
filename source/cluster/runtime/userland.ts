/**
 * The base system of an image: which shell `sh` is, which tools exist, how they word their errors.
 * BusyBox (busybox, alpine) and Debian (nginx, the bootcamp app, ubuntu, debian) differ in small visible ways.
 */
export type Userland = {
	/** 'busybox': sh is ash and the tools are BusyBox applets; 'debian': sh is dash, tools are GNU coreutils. */
	flavour: 'busybox' | 'debian';
	bash: boolean;
	/** Tools that not every image has: 'curl', 'wget', 'ps', 'nslookup'. */
	tools: ReadonlySet<string>;
	/** For /etc/os-release and uname. */
	osRelease: string;
};

const debianRelease = (version: string, codename: string) =>
	[
		`PRETTY_NAME="Debian GNU/Linux ${version} (${codename})"`,
		'NAME="Debian GNU/Linux"',
		`VERSION_ID="${version}"`,
		`VERSION="${version} (${codename})"`,
		`VERSION_CODENAME=${codename}`,
		'ID=debian',
		'HOME_URL="https://www.debian.org/"',
		'SUPPORT_URL="https://www.debian.org/support"',
		'BUG_REPORT_URL="https://bugs.debian.org/"',
		'',
	].join('\n');

export const debianBookworm: Userland = {flavour: 'debian', bash: true, tools: new Set(['curl']), osRelease: debianRelease('12', 'bookworm')};

/** The bootcamp app's base, node:6 on Debian jessie, which had both curl and wget. */
export const debianJessie: Userland = {flavour: 'debian', bash: true, tools: new Set(['curl', 'wget', 'ps']), osRelease: debianRelease('8', 'jessie')};

/** Plain Debian and Ubuntu images have neither curl nor wget. */
export const debianSlim = (osRelease: string): Userland => ({flavour: 'debian', bash: true, tools: new Set(), osRelease});

export const debianOsRelease = debianRelease;

export const ubuntuOsRelease = (version: string, codename: string) =>
	[
		`PRETTY_NAME="Ubuntu ${version} LTS"`,
		'NAME="Ubuntu"',
		`VERSION_ID="${version.split('.').slice(0, 2).join('.')}"`,
		`VERSION="${version} LTS (${codename[0].toUpperCase()}${codename.slice(1)})"`,
		`VERSION_CODENAME=${codename}`,
		'ID=ubuntu',
		'ID_LIKE=debian',
		'HOME_URL="https://www.ubuntu.com/"',
		`UBUNTU_CODENAME=${codename}`,
		'',
	].join('\n');

export const alpineOsRelease = (version: string) =>
	[
		'NAME="Alpine Linux"',
		'ID=alpine',
		`VERSION_ID=${version}`,
		`PRETTY_NAME="Alpine Linux v${version.split('.').slice(0, 2).join('.')}"`,
		'HOME_URL="https://alpinelinux.org/"',
		'BUG_REPORT_URL="https://gitlab.alpinelinux.org/alpine/aports/-/issues"',
		'',
	].join('\n');

const busyboxTools: ReadonlySet<string> = new Set(['wget', 'ps', 'nslookup']);

export const alpine = (version: string): Userland => ({flavour: 'busybox', bash: false, tools: busyboxTools, osRelease: alpineOsRelease(version)});

export const busybox: Userland = {flavour: 'busybox', bash: false, tools: busyboxTools, osRelease: ''};
