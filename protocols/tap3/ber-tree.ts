import { TapDecodeError } from './tap3-errors.js';

/**
 * A BER element as the TAP codec sees it: its tag and either its children
 * (constructed) or its content octets (primitive). Integers are written from
 * a value and read back through the ASN.1 library, never by hand.
 */
export type BerNode = BerConstructed | BerPrimitive;

/** A constructed element (SEQUENCE, SEQUENCE OF, or a tagged CHOICE). */
export interface BerConstructed {
  readonly tagClass: BerTagClass;
  readonly tag: number;
  readonly children: readonly BerNode[];
}

/** A primitive element: octets, or an integer to write. */
export interface BerPrimitive {
  readonly tagClass: BerTagClass;
  readonly tag: number;
  /** Content octets (as read, or to write). */
  readonly bytes?: Uint8Array;
  /** An INTEGER to write (the library encodes it). */
  readonly integer?: bigint;
}

/** The class of a BER tag. */
export type BerTagClass = 'universal' | 'application' | 'context' | 'private';

const CLASS_NUMBER: Record<BerTagClass, number> = { universal: 1, application: 2, context: 3, private: 4 };
const CLASS_NAME = ['', 'universal', 'application', 'context', 'private'] as const;

type Asn1 = typeof import('asn1js');
let library: Promise<Asn1> | undefined;

/** asn1js, loaded the first time TAP is encoded or decoded: it stays off every other import path. */
function asn1(): Promise<Asn1> {
  library ??= import('asn1js');
  return library;
}

/** Whether `node` is constructed. */
export function isConstructed(node: BerNode): node is BerConstructed {
  return 'children' in node;
}

/** Encodes a tree as BER (definite lengths) with asn1js. */
export async function encodeBer(node: BerNode): Promise<Uint8Array> {
  const lib = await asn1();
  const encoded = toBlock(lib, node).toBER(false);
  return new Uint8Array(encoded);
}

/**
 * Decodes one BER element (and everything inside it) with asn1js.
 *
 * @throws {TapDecodeError} when the bytes are not one whole BER element.
 */
export async function decodeBer(bytes: Uint8Array, what: string): Promise<BerNode> {
  const lib = await asn1();
  const parsed = lib.fromBER(bytes);
  if (parsed.offset === -1) throw new TapDecodeError(what, `it is not BER: ${parsed.result.error || 'unreadable'}`);
  if (parsed.offset !== bytes.byteLength) {
    throw new TapDecodeError(
      what,
      `${bytes.byteLength - parsed.offset} bytes follow the first element, which ends at byte ${parsed.offset}`,
    );
  }
  return fromBlock(parsed.result);
}

/** A reader of primitives' content as INTEGERs, through asn1js (loaded once, then synchronous). */
export async function integerReader(): Promise<(node: BerPrimitive) => bigint> {
  const lib = await asn1();
  return (node) => new lib.Integer({ valueHex: node.bytes ?? new Uint8Array() }).toBigInt();
}

function toBlock(lib: Asn1, node: BerNode): InstanceType<Asn1['BaseBlock']> {
  const idBlock = { tagClass: CLASS_NUMBER[node.tagClass], tagNumber: node.tag };
  if (isConstructed(node)) return new lib.Constructed({ idBlock, value: node.children.map((child) => toBlock(lib, child)) });
  // The library builds the content; the tag is then set to the TAP field's own.
  const block =
    node.integer !== undefined ? lib.Integer.fromBigInt(node.integer) : new lib.OctetString({ valueHex: node.bytes ?? new Uint8Array() });
  block.idBlock.tagClass = idBlock.tagClass;
  block.idBlock.tagNumber = idBlock.tagNumber;
  return block;
}

function fromBlock(block: InstanceType<Asn1['BaseBlock']>): BerNode {
  const tagClass: BerTagClass = CLASS_NAME[block.idBlock.tagClass] || 'private';
  const tag = block.idBlock.tagNumber;
  const value = (block as { valueBlock: { value?: unknown; valueHexView?: Uint8Array } }).valueBlock;
  if (block.idBlock.isConstructed) {
    const children = Array.isArray(value.value) ? (value.value as InstanceType<Asn1['BaseBlock']>[]) : [];
    return { tagClass, tag, children: children.map(fromBlock) };
  }
  return { tagClass, tag, bytes: new Uint8Array(value.valueHexView ?? new Uint8Array()) };
}
