// `npm run bench`: runs every benchmark, prints the figures, and writes them into README.md between the bench markers.
import {existsSync} from 'node:fs';
import {readFile, writeFile} from 'node:fs/promises';

type Figures = Record<string, string | number>;
type Suite = {title: string; file: string; run: string};

const suites: Suite[] = [
	{title: 'Startup', file: './startup.ts', run: 'benchStartup'},
	{title: 'Cluster', file: './cluster.ts', run: 'benchCluster'},
	{title: 'Nodes', file: './nodes.ts', run: 'benchNodes'},
	{title: 'Store', file: './store.ts', run: 'benchStore'},
	{title: 'API', file: './api.ts', run: 'benchApi'},
	{title: 'Client', file: './client.ts', run: 'benchClient'},
	{title: 'Dashboard', file: './ui.ts', run: 'benchUi'},
];

const only = process.argv.slice(2);
const sections: string[] = [];
for (const suite of suites) {
	if (only.length > 0 && !only.includes(suite.title.toLowerCase())) continue;
	if (!existsSync(new URL(suite.file, import.meta.url))) continue;
	const module = (await import(suite.file)) as Record<string, () => Promise<Figures>>;
	process.stdout.write(`\n== ${suite.title}\n`);
	const started = Date.now();
	const figures = await module[suite.run]!();
	for (const [name, value] of Object.entries(figures)) process.stdout.write(`  ${name}: ${value}\n`);
	process.stdout.write(`  (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
	sections.push(`| **${suite.title}** | |\n${Object.entries(figures).map(([name, value]) => `| ${name} | ${value} |`).join('\n')}`);
}

if (only.length === 0) {
	const readme = new URL('../README.md', import.meta.url);
	const text = await readFile(readme, 'utf8');
	const table = `<!-- bench:start -->\nMeasured by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)} (2 cores, Node ${process.version}).\n\n| figure | value |\n|---|---|\n${sections.join('\n')}\n<!-- bench:end -->`;
	const updated = text.includes('<!-- bench:start -->') ? text.replace(/<!-- bench:start -->[\s\S]*<!-- bench:end -->/, table) : `${text}\n## Performance\n\n${table}\n`;
	await writeFile(readme, updated);
}
process.exit(0);
