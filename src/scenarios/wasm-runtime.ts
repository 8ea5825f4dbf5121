// The little of the WebAssembly JavaScript API the kernels' hosts use: compile a kernel's module
// once per thread, create a fixed-size memory with typed-array views on it, and instantiate the
// module on that memory (imported as env.memory, with any env functions such as Math.exp). The
// kernels themselves are AssemblyScript, compiled at build time (scripts/build-kernels.mjs) into
// base64 modules beside their hosts (src/scenarios/random/standard-normal.ts,
// src/scenarios/models/correlate-in-place.ts, src/kernel/path-scan.ts, src/kernel/gradient-scan.ts).

/** Bytes per WebAssembly page. */
const WASM_PAGE_BYTES = 65536;

// The WebAssembly JavaScript API, declared here for the little used of it (the project's
// TypeScript library set is ES only; Node provides the global).
interface WasmMemoryObject {
  readonly buffer: ArrayBuffer;
}
interface WasmModuleObject {
  readonly kind?: 'module';
}
interface WasmInstanceObject {
  readonly exports: Record<string, unknown>;
}
interface WasmApi {
  readonly Memory: new (descriptor: { initial: number; maximum: number }) => WasmMemoryObject;
  readonly Module: new (bytes: Uint8Array) => WasmModuleObject;
  readonly Instance: new (module: WasmModuleObject, imports: Record<string, Record<string, unknown>>) => WasmInstanceObject;
}
declare const WebAssembly: WasmApi;

/** A compiled module (compile once per thread, instantiate per memory). */
export type CompiledWasm = WasmModuleObject;

/** A fixed-size linear memory (it never grows, so views on its buffer stay valid). */
export interface WasmMemory {
  readonly object: WasmMemoryObject;
  readonly bytes: number;
  readonly i32: Int32Array;
  readonly f64: Float64Array;
}

export function compileWasm(bytes: Uint8Array): CompiledWasm {
  return new WebAssembly.Module(bytes);
}

/** A module from its binary in base64 (the generated `<name>-binary.ts` modules). */
export function compileWasmBase64(base64: string): CompiledWasm {
  return compileWasm(Uint8Array.from(Buffer.from(base64, 'base64')));
}

/** A memory of at least `bytes` bytes, whole pages. */
export function createWasmMemory(bytes: number): WasmMemory {
  const pages = Math.max(1, Math.ceil(bytes / WASM_PAGE_BYTES));
  const object = new WebAssembly.Memory({ initial: pages, maximum: pages });
  return { object, bytes: pages * WASM_PAGE_BYTES, i32: new Int32Array(object.buffer), f64: new Float64Array(object.buffer) };
}

/** Instantiate `module` on `memory` (and env imports `functions`); returns its exports. */
export function instantiateWasm(module: CompiledWasm, memory: WasmMemory, functions: Record<string, unknown> = {}): Record<string, unknown> {
  return new WebAssembly.Instance(module, { env: { ...functions, memory: memory.object } }).exports;
}
