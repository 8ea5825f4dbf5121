// A minimal WebAssembly assembler: just what the Monte Carlo hot loops need (i32 and f64
// arithmetic, loads and stores, blocks and loops), so their few dozen instructions can be written
// here in TypeScript and compiled at load, with no toolchain and no binary in the repository.
// The loops run on a memory the caller creates and shares with JavaScript (imported as env.memory),
// where every access is one machine instruction: no map check, no length reload, no bounds check
// beyond the guard pages, which is what makes them several times faster than the same loops on
// typed arrays. Reference: the WebAssembly core specification 1.0, binary format (chapter 5).

/** Value types. */
export const I32 = 0x7f;
export const F64 = 0x7c;
export const V128 = 0x7b;
type ValueType = typeof I32 | typeof F64 | typeof V128;

/** SIMD opcodes (after the 0xfd prefix; fixed-width SIMD proposal, in Node since 16.4). */
export const Simd = {
  v128Load: 0,
  v128Store: 11,
  f64x2Splat: 20,
  f64x2ExtractLane: 33,
  f64x2Add: 240,
  f64x2Mul: 242,
} as const;

/** Opcodes used by the kernels (core specification 1.0, section 5.4). */
export const Op = {
  block: 0x02,
  loop: 0x03,
  if: 0x04,
  else: 0x05,
  end: 0x0b,
  br: 0x0c,
  brIf: 0x0d,
  return: 0x0f,
  call: 0x10,
  select: 0x1b,
  localGet: 0x20,
  localSet: 0x21,
  localTee: 0x22,
  i32Load: 0x28,
  i32Load8U: 0x2d,
  f64Load: 0x2b,
  i32Store: 0x36,
  f64Store: 0x39,
  i32Const: 0x41,
  f64Const: 0x44,
  i32Eqz: 0x45,
  i32Eq: 0x46,
  i32Ne: 0x47,
  i32LtS: 0x48,
  i32LtU: 0x49,
  i32GtS: 0x4a,
  i32LeS: 0x4c,
  i32GeS: 0x4e,
  i32GeU: 0x4f,
  f64Ne: 0x62,
  f64Lt: 0x63,
  f64Gt: 0x64,
  f64Le: 0x65,
  f64Ge: 0x66,
  i32Add: 0x6a,
  i32Sub: 0x6b,
  i32Mul: 0x6c,
  i32And: 0x71,
  i32Or: 0x72,
  i32Xor: 0x73,
  i32Shl: 0x74,
  i32ShrS: 0x75,
  i32ShrU: 0x76,
  i32Rotl: 0x77,
  f64Abs: 0x99,
  f64Add: 0xa0,
  f64Sub: 0xa1,
  f64Mul: 0xa2,
  f64Div: 0xa3,
  f64Neg: 0x9a,
  f64ConvertI32S: 0xb7,
} as const;

/** Block type of a block, loop or if without a result. */
const EMPTY_BLOCK = 0x40;

function unsignedLeb(value: number, out: number[]): void {
  let v = value >>> 0;
  do {
    let byte = v & 0x7f;
    v >>>= 7;
    if (v !== 0) byte |= 0x80;
    out.push(byte);
  } while (v !== 0);
}

function signedLeb(value: number, out: number[]): void {
  let v = value | 0;
  for (;;) {
    const byte = v & 0x7f;
    v >>= 7;
    if ((v === 0 && (byte & 0x40) === 0) || (v === -1 && (byte & 0x40) !== 0)) {
      out.push(byte);
      return;
    }
    out.push(byte | 0x80);
  }
}

function name(text: string, out: number[]): void {
  const bytes = new TextEncoder().encode(text);
  unsignedLeb(bytes.length, out);
  for (const b of bytes) out.push(b);
}

/** The body of one function: emit instructions in order; locals are numbered params first. */
export class FunctionBody {
  readonly bytes: number[] = [];
  private readonly localTypes: ValueType[] = [];

  constructor(private readonly paramCount: number) {}

  /** Declare a local of type `type`; returns its index. */
  local(type: ValueType): number {
    this.localTypes.push(type);
    return this.paramCount + this.localTypes.length - 1;
  }

  /** Raw opcodes (those without immediates). */
  op(...codes: number[]): this {
    for (const c of codes) this.bytes.push(c);
    return this;
  }

  get(index: number): this {
    this.bytes.push(Op.localGet);
    unsignedLeb(index, this.bytes);
    return this;
  }

  set(index: number): this {
    this.bytes.push(Op.localSet);
    unsignedLeb(index, this.bytes);
    return this;
  }

  tee(index: number): this {
    this.bytes.push(Op.localTee);
    unsignedLeb(index, this.bytes);
    return this;
  }

  i32(value: number): this {
    this.bytes.push(Op.i32Const);
    signedLeb(value, this.bytes);
    return this;
  }

  f64(value: number): this {
    this.bytes.push(Op.f64Const);
    const view = new DataView(new ArrayBuffer(8));
    view.setFloat64(0, value, true);
    for (let i = 0; i < 8; i++) this.bytes.push(view.getUint8(i));
    return this;
  }

  /** A load or store with a static byte offset (alignment: log2 of the natural size). */
  memory(code: number, offset = 0): this {
    this.bytes.push(code);
    const align = code === Op.f64Load || code === Op.f64Store ? 3 : code === Op.i32Load8U ? 0 : 2;
    unsignedLeb(align, this.bytes);
    unsignedLeb(offset, this.bytes);
    return this;
  }

  /** A SIMD instruction without immediates. */
  simd(code: number): this {
    this.bytes.push(0xfd);
    unsignedLeb(code, this.bytes);
    return this;
  }

  /** v128.load / v128.store with a static byte offset (alignment hint 1: any address). */
  simdMemory(code: typeof Simd.v128Load | typeof Simd.v128Store, offset = 0): this {
    this.simd(code);
    unsignedLeb(0, this.bytes);
    unsignedLeb(offset, this.bytes);
    return this;
  }

  /** f64x2.extract_lane `lane`. */
  extractLane(lane: 0 | 1): this {
    this.simd(Simd.f64x2ExtractLane);
    this.bytes.push(lane);
    return this;
  }

  /** block / loop / if without a result. */
  begin(code: typeof Op.block | typeof Op.loop | typeof Op.if): this {
    this.bytes.push(code, EMPTY_BLOCK);
    return this;
  }

  /** br or br_if to the enclosing construct `depth` levels out (0: the innermost). */
  branch(code: typeof Op.br | typeof Op.brIf, depth: number): this {
    this.bytes.push(code);
    unsignedLeb(depth, this.bytes);
    return this;
  }

  /** Call function `index` (imports first). */
  call(index: number): this {
    this.bytes.push(Op.call);
    unsignedLeb(index, this.bytes);
    return this;
  }

  /** The encoded body: locals declaration, instructions, final end. */
  encode(): number[] {
    const out: number[] = [];
    unsignedLeb(this.localTypes.length, out);
    for (const t of this.localTypes) {
      unsignedLeb(1, out);
      out.push(t);
    }
    for (const b of this.bytes) out.push(b);
    out.push(Op.end);
    const sized: number[] = [];
    unsignedLeb(out.length, sized);
    return sized.concat(out);
  }
}

export interface FunctionDefinition {
  readonly exportName: string;
  readonly params: readonly ValueType[];
  readonly results: readonly ValueType[];
  readonly body: FunctionBody;
}

function section(id: number, content: number[], out: number[]): void {
  out.push(id);
  unsignedLeb(content.length, out);
  for (const b of content) out.push(b);
}

/** A function the module imports from env (called by index: imports come first, from 0). */
interface FunctionImport {
  readonly name: string;
  readonly params: readonly ValueType[];
  readonly results: readonly ValueType[];
}

/**
 * A module importing its memory as env.memory (at least `minPages` pages of 64 KiB) and the given
 * functions from env, and exporting the given functions, one type per function.
 */
export function assembleModule(functions: readonly FunctionDefinition[], minPages: number, functionImports: readonly FunctionImport[] = []): Uint8Array {
  const out: number[] = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
  const signatures = [...functionImports, ...functions];
  const types: number[] = [];
  unsignedLeb(signatures.length, types);
  for (const f of signatures) {
    types.push(0x60);
    unsignedLeb(f.params.length, types);
    for (const p of f.params) types.push(p);
    unsignedLeb(f.results.length, types);
    for (const r of f.results) types.push(r);
  }
  section(1, types, out);
  const imports: number[] = [];
  unsignedLeb(1 + functionImports.length, imports);
  name('env', imports);
  name('memory', imports);
  imports.push(0x02, 0x00);
  unsignedLeb(minPages, imports);
  functionImports.forEach((f, i) => {
    name('env', imports);
    name(f.name, imports);
    imports.push(0x00);
    unsignedLeb(i, imports);
  });
  section(2, imports, out);
  const declarations: number[] = [];
  unsignedLeb(functions.length, declarations);
  functions.forEach((_, i) => unsignedLeb(functionImports.length + i, declarations));
  section(3, declarations, out);
  const exports: number[] = [];
  unsignedLeb(functions.length, exports);
  functions.forEach((f, i) => {
    name(f.exportName, exports);
    exports.push(0x00);
    unsignedLeb(functionImports.length + i, exports);
  });
  section(7, exports, out);
  const code: number[] = [];
  unsignedLeb(functions.length, code);
  for (const f of functions) for (const b of f.body.encode()) code.push(b);
  section(10, code, out);
  return Uint8Array.from(out);
}
