// Stands in for source/commands/dashboard.js in the one-file bundle (see build.mjs). The dashboard's own bundle
// rides at the end of the file as one comment line, gzipped and base64, so `serve`, `--version` and the embedded
// cluster's worker thread never compile Ink, React or the client. When the dashboard opens, that line is read back
// and imported as a data: URL, which needs no file beside the bundle; require() and stack traces point at the
// bundle's own location.
import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {gunzipSync} from 'node:zlib';
// What opens the payload line, with an id that ties it to this build; and import() as the bundle's prelude offers it.
import {importModule, payloadMarker} from 'kubedeck:dashboard-payload';

function dashboardCode(bundleUrl) {
	const bundle = readFileSync(bundleUrl, 'latin1');
	// The last one: the marker's own text may appear earlier in the file, in the code that looks for it.
	const start = bundle.lastIndexOf(payloadMarker);
	if (start < 0) throw new Error(`${fileURLToPath(bundleUrl)} has no dashboard of this build: was it replaced while kubedeck started? Run it again`);
	const end = bundle.indexOf('\n', start + payloadMarker.length);
	return gunzipSync(Buffer.from(bundle.slice(start + payloadMarker.length, end < 0 ? undefined : end), 'base64')).toString('utf8');
}

export async function runDashboardCommand(flags) {
	const bundleUrl = new URL(import.meta.url);
	// CommonJS dependencies call require(), resolved from where the bundle is, as in the bundle itself.
	const prelude = `import {createRequire as __kdRequire} from 'node:module';const require=__kdRequire(${JSON.stringify(bundleUrl.href)});`;
	const sourceUrl = `\n//# sourceURL=${new URL('kubedeck-dashboard.mjs', bundleUrl).href}\n`;
	const module = await importModule(`data:text/javascript;base64,${Buffer.from(prelude + dashboardCode(bundleUrl) + sourceUrl).toString('base64')}`);
	return module.runDashboardCommand(flags);
}
