/** The client layer as the dashboard uses it. */
export {connect, currentContext, isEmbedded, listContexts, embeddedContextName} from './connect.js';
export type {ConnectOptions} from './connect.js';
export {HttpClusterClient} from './http-client.js';
export {describeError} from './errors.js';
export {builtinKinds, resolveKind, resourcePath} from './kinds.js';
export * from './types.js';
