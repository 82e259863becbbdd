/**
 * Self reviews: what `kubectl auth can-i`, `kubectl auth whoami` and dashboards such as k9s ask before acting.
 * The kubedeck token is the cluster's administrator, so every answer is yes.
 */
import {errors} from '../../api/status.js';
import type {RequestContext} from '../context.js';
import type {ReviewResource} from '../request-path.js';
import {decodeObjectBody, protobufContentType, readBody} from '../request-body.js';
import {mediaType} from '../negotiation.js';
import {renderingFor, sendRendered} from '../rendering.js';

export const administrator = {username: 'kubedeck-admin', groups: ['system:masters', 'system:authenticated']};

function statusFor(review: ReviewResource): Record<string, unknown> {
	switch (review.kind) {
		case 'SelfSubjectAccessReview':
			return {allowed: true, reason: 'the kubedeck token holds every permission'};
		case 'SelfSubjectRulesReview':
			return {
				resourceRules: [{verbs: ['*'], apiGroups: ['*'], resources: ['*']}],
				nonResourceRules: [{verbs: ['*'], nonResourceURLs: ['*']}],
				incomplete: false,
			};
		default:
			return {userInfo: administrator};
	}
}

export async function answerReview(context: RequestContext, review: ReviewResource): Promise<void> {
	if (context.request.method !== 'POST') throw errors.methodNotAllowed();
	const rendering = renderingFor(context, false);
	const contentType = context.request.headers['content-type'];
	const bytes = await readBody(context.request);
	let body: Record<string, unknown> = {};
	try {
		body = await decodeObjectBody(contentType, bytes);
	} catch (error) {
		// kubectl sends these as protobuf, which the decoder may not know: the answer does not depend on the question.
		if (mediaType(contentType) !== protobufContentType) throw error;
	}
	const spec = body['spec'];
	if (spec !== undefined && (typeof spec !== 'object' || spec === null || Array.isArray(spec))) throw errors.badRequest('spec must be an object');
	const answer = {
		kind: review.kind,
		apiVersion: `${review.group}/${review.version}`,
		metadata: {creationTimestamp: null},
		...(spec === undefined ? {} : {spec}),
		status: statusFor(review),
	};
	return sendRendered(context, 201, answer, rendering);
}
