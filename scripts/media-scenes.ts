/**
 * What the pictures show, in the order they are taken in one run of the dashboard on its demo cluster. Each scene
 * types its way from any earlier screen to its own and waits for the texts that prove it is drawn.
 */
import type {ProgramTerminal} from './media-terminal.js';

export type Scene = {
	/** The file name under media/, without .svg. */
	name: string;
	/** The window title in the picture. */
	title: string;
	/** One line under the picture in the README. */
	caption: string;
	show: (program: ProgramTerminal) => Promise<void>;
};

const enter = '\r';
const escape = '\u001B';

/** Leaves whatever is open (logs, describe, help, a filter) for the table underneath. */
async function backToTable(program: ProgramTerminal): Promise<void> {
	await program.press(escape, 250);
	await program.press(escape, 250);
}

async function command(program: ProgramTerminal, line: string): Promise<void> {
	await program.press(':', 150);
	await program.type(line);
	await program.press(enter, 150);
}

/** Every demo pod has started: none is still pending or creating its container. */
const podsSettled = (screen: string) =>
	['kubernetes-bootcamp-', 'nginx-', 'web-1', 'hello-job-', 'crasher'].every(text => screen.includes(text)) && !/Pending|ContainerCreating|PodInitializing/.test(screen);

export const scenes: readonly Scene[] = [
	{
		name: 'pods',
		title: 'kubedeck — pods',
		caption: 'The pods of the demo cluster: the tutorial\'s kubernetes-bootcamp, nginx replicas, a StatefulSet, a Job and a pod that keeps crashing.',
		async show(program) {
			await command(program, 'pods');
			await program.waitFor(podsSettled, {what: 'every demo pod started', timeout: 40_000});
			// The crashing pod shows its restarts once it has failed at least once; the picture is taken either way.
			await program.waitFor(screen => /crasher\s+\d+\/\d+\s+\S+\s+[1-9]/.test(screen), {what: 'the crasher restarted', timeout: 15_000}).catch(() => undefined);
		},
	},
	{
		name: 'deployments',
		title: 'kubedeck — deployments',
		caption: 'Deployments with their ready, up-to-date and available replicas (`:deploy`).',
		async show(program) {
			await command(program, 'deploy');
			await program.waitFor(['deployments(', 'UP-TO-DATE', 'kubernetes-bootcamp', 'nginx'], {what: 'the deployments table'});
		},
	},
	{
		name: 'services',
		title: 'kubedeck — services',
		caption: 'Services, with the NodePort that exposes kubernetes-bootcamp on loopback (`:svc`).',
		async show(program) {
			await command(program, 'svc');
			await program.waitFor(['services(', 'CLUSTER-IP', 'kubernetes-bootcamp', 'NodePort'], {what: 'the services table'});
		},
	},
	{
		name: 'nodes',
		title: 'kubedeck — nodes',
		caption: 'The simulated nodes with their pods, CPU and memory (`:no`); cordon, drain and power off from here.',
		async show(program) {
			await command(program, 'no');
			await program.waitFor(['nodes[', 'control-plane', 'worker-1', 'worker-2', 'Ready'], {what: 'the nodes table'});
		},
	},
	{
		name: 'logs',
		title: 'kubedeck — logs',
		caption: 'The log of an nginx pod, followed as it is written (`l` on a pod).',
		async show(program) {
			await command(program, 'pods');
			await program.waitFor('pods(', {what: 'the pods table'});
			await program.press('/', 150);
			await program.type('nginx');
			await program.press(enter, 150);
			await program.waitFor(screen => screen.includes('</nginx>') && !screen.includes('web-1'), {what: 'the pods filtered to nginx'});
			await program.press('l', 150);
			await program.waitFor(['Logs default/nginx-', 'Configuration complete'], {what: 'the nginx log'});
		},
	},
	{
		name: 'describe',
		title: 'kubedeck — describe',
		caption: 'A pod described as `kubectl describe` does (`d`).',
		async show(program) {
			await backToTable(program);
			await command(program, 'pods');
			await program.waitFor('pods(', {what: 'the pods table'});
			await program.press('/', 150);
			await program.type('bootcamp');
			await program.press(enter, 150);
			await program.waitFor(screen => screen.includes('</bootcamp>') && !screen.includes('nginx-'), {what: 'the pods filtered to bootcamp'});
			await program.press('d', 150);
			await program.waitFor(['Describe pods/kubernetes-bootcamp-', 'Containers:', 'Conditions:'], {what: 'the pod described'});
		},
	},
	{
		name: 'help',
		title: 'kubedeck — help',
		caption: 'The help screen, generated from the same key table as the README\'s (`?`).',
		async show(program) {
			await backToTable(program);
			await program.press('?', 150);
			await program.waitFor(['Help', 'Command mode', 'Favourite namespace'], {what: 'the help screen'});
		},
	},
	{
		name: 'command',
		title: 'kubedeck — command mode',
		caption: 'Command mode with a kubectl-style command typed: `:scale deploy/kubernetes-bootcamp 3`.',
		async show(program) {
			await backToTable(program);
			await command(program, 'deploy');
			await program.waitFor(['deployments(', 'kubernetes-bootcamp'], {what: 'the deployments table'});
			await program.press(':', 150);
			await program.type('scale deploy/kubernetes-bootcamp 3');
			await program.waitFor(':scale deploy/kubernetes-bootcamp 3', {what: 'the command typed'});
		},
	},
];

/** After the last picture, for the recording: the typed command runs, the deployment scales, the dashboard quits. */
export async function finale(program: ProgramTerminal): Promise<void> {
	const screen = await program.screen();
	if (screen.includes(':scale deploy/kubernetes-bootcamp 3')) {
		await program.press(enter, 150);
		await program.waitFor(screen => /kubernetes-bootcamp\s+3\/3/.test(screen), {what: 'kubernetes-bootcamp scaled to 3/3', timeout: 30_000});
		await program.settle(600, 1500);
	} else {
		// The line in progress (if any) is dropped before quitting.
		await backToTable(program);
	}

	await command(program, 'q');
}
