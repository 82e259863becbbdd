// yoga-layout for the one-file bundle's dashboard payload, which runs as a script (see build.mjs). yoga-layout
// awaits its WebAssembly at the top level, which a script cannot, and loads it through fetch(), which costs Node
// some 20 ms to set up; here the same module is compiled and instantiated synchronously, with no fetch, from the
// bytes build.mjs takes out of yoga-layout's own loader.
import loadYoga from '../node_modules/yoga-layout/dist/binaries/yoga-wasm-base64-esm.js';
import wrapAssembly from '../node_modules/yoga-layout/dist/src/wrapAssembly.js';
import {wasmBase64} from 'kubedeck:yoga-wasm';

const yoga = {
	// Emscripten's hook for instantiating the module its own way: done before loadYoga returns.
	instantiateWasm(imports, receive) {
		const instance = new WebAssembly.Instance(new WebAssembly.Module(Buffer.from(wasmBase64, 'base64')), imports);
		receive(instance);
		return instance.exports;
	},
};
// The promise it returns settles later; `yoga` is ready (or not) as soon as it returns.
loadYoga(yoga).catch(() => {});
if (typeof yoga.Node !== 'function') throw new Error('yoga-layout did not load synchronously');

export default wrapAssembly(yoga);
export * from '../node_modules/yoga-layout/dist/src/generated/YGEnums.js';
