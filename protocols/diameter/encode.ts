/**
 * Encodes Diameter messages (RFC 6733 §3, §4.1) in two passes over the AVP
 * tree: one to measure every AVP, one to write into a single buffer of the
 * exact size. No intermediate buffers per AVP.
 *
 * @module
 */
import { leafLength, writeLeaf, type AvpLeafValue, type AvpType } from './avp-types.js';
import { DiameterEncodeError } from './errors.js';
import { AVP_FLAG, DIAMETER_VERSION, HEADER_LENGTH, type AnyAvpInput, type OutgoingMessage } from './message.js';

const MAX_24_BITS = 0xff_ffff;
const MAX_32_BITS = 0xffff_ffff;

/**
 * Encodes a message.
 *
 * @throws {DiameterEncodeError} for a header field out of range or an AVP value not of its type.
 * @example
 * ```ts
 * const bytes = encodeMessage({ flags: COMMAND_FLAG.request, commandCode: 280, applicationId: 0,
 *   hopByHopId: 1, endToEndId: 1, avps: [avp(BASE.OriginHost, 'hss.home.example'), avp(BASE.OriginRealm, 'home.example')] });
 * ```
 */
export function encodeMessage(message: OutgoingMessage): Buffer {
  checkHeader(message);
  const plan: Plan = { nodes: [], sizes: [] };
  const bodyLength = measure(message.avps, plan);
  const length = HEADER_LENGTH + bodyLength;
  if (length > MAX_24_BITS)
    throw new DiameterEncodeError('message', `it is ${length} bytes`, `at most ${MAX_24_BITS} bytes in one message`);
  const out = Buffer.allocUnsafe(length);
  out.writeUInt32BE(length, 0);
  out[0] = DIAMETER_VERSION;
  out.writeUInt32BE(message.commandCode, 4);
  out[4] = message.flags;
  out.writeUInt32BE(message.applicationId, 8);
  out.writeUInt32BE(message.hopByHopId, 12);
  out.writeUInt32BE(message.endToEndId, 16);
  write(message.avps.length, plan, { next: 0 }, out, HEADER_LENGTH);
  return out;
}

/** Encodes AVPs alone (e.g. the children of a Failed-AVP), padded. */
export function encodeAvps(avps: readonly AnyAvpInput[]): Buffer {
  const plan: Plan = { nodes: [], sizes: [] };
  const out = Buffer.allocUnsafe(measure(avps, plan));
  write(avps.length, plan, { next: 0 }, out, 0);
  return out;
}

function checkHeader(message: OutgoingMessage): void {
  const field = (name: string, value: number, max: number) => {
    if (!Number.isInteger(value) || value < 0 || value > max)
      throw new DiameterEncodeError(name, `${String(value)} is out of range`, `an integer from 0 to ${max}`);
  };
  field('flags', message.flags, 0xff);
  field('commandCode', message.commandCode, MAX_24_BITS);
  field('applicationId', message.applicationId, MAX_32_BITS);
  field('hopByHopId', message.hopByHopId, MAX_32_BITS);
  field('endToEndId', message.endToEndId, MAX_32_BITS);
}

interface Resolved {
  readonly code: number;
  readonly vendorId: number;
  readonly flags: number;
  readonly name: string;
  /** Children when grouped; else `type` and `value` are the leaf's. */
  readonly children: readonly AnyAvpInput[] | undefined;
  readonly type: AvpType;
  readonly value: AvpLeafValue | undefined;
}

function resolve(input: AnyAvpInput): Resolved {
  if ('def' in input) {
    const { def } = input;
    const grouped = def.type === 'Grouped';
    if (grouped !== Array.isArray(input.value))
      throw new DiameterEncodeError(
        def.name,
        grouped ? 'the value is not a list of AVPs' : 'the value is a list of AVPs',
        grouped ? 'a list of AVPs' : `a ${def.type} value`,
      );
    const flags = ((input.flags ?? (def.mandatory ? AVP_FLAG.mandatory : 0)) & ~AVP_FLAG.vendor) | (def.vendorId ? AVP_FLAG.vendor : 0);
    return {
      code: def.code,
      vendorId: def.vendorId,
      flags,
      name: def.name,
      children: grouped ? (input.value as readonly AnyAvpInput[]) : undefined,
      type: def.type,
      value: grouped ? undefined : (input.value as AvpLeafValue),
    };
  }
  const name = `AVP ${input.code}`;
  if (!Number.isInteger(input.code) || input.code < 0 || input.code > MAX_32_BITS)
    throw new DiameterEncodeError(name, 'the code is out of range', 'an integer from 0 to 4294967295');
  if (!Number.isInteger(input.vendorId) || input.vendorId < 0 || input.vendorId > MAX_32_BITS)
    throw new DiameterEncodeError(name, 'the vendor id is out of range', 'an integer from 0 to 4294967295');
  const flags = (input.flags & 0xff & ~AVP_FLAG.vendor) | (input.vendorId ? AVP_FLAG.vendor : 0);
  const grouped = Array.isArray(input.data);
  return {
    code: input.code,
    vendorId: input.vendorId,
    flags,
    name,
    children: grouped ? (input.data as readonly AnyAvpInput[]) : undefined,
    type: grouped ? 'Grouped' : 'OctetString',
    value: grouped ? undefined : (input.data as Uint8Array),
  };
}

// The AVP tree in pre-order: nodes[i] is the i-th AVP visited, sizes[i] its data length.
interface Plan {
  readonly nodes: Resolved[];
  readonly sizes: number[];
}

function measure(avps: readonly AnyAvpInput[], plan: Plan): number {
  let total = 0;
  for (const input of avps) {
    const a = resolve(input);
    const index = plan.nodes.length;
    plan.nodes.push(a);
    plan.sizes.push(0);
    const dataLength = a.children ? measure(a.children, plan) : leafLength(a.type, a.value!, a.name);
    const avpLength = (a.vendorId ? 12 : 8) + dataLength;
    if (avpLength > MAX_24_BITS)
      throw new DiameterEncodeError(a.name, `the AVP is ${avpLength} bytes`, `at most ${MAX_24_BITS} bytes in one AVP`);
    plan.sizes[index] = dataLength;
    total += avpLength + ((4 - (dataLength & 3)) & 3);
  }
  return total;
}

// Writes `count` sibling AVPs from the plan's cursor on.
function write(count: number, plan: Plan, cursor: { next: number }, out: Buffer, start: number): number {
  let offset = start;
  for (let n = 0; n < count; n++) {
    const a = plan.nodes[cursor.next]!;
    const dataLength = plan.sizes[cursor.next++]!;
    const headerLength = a.vendorId ? 12 : 8;
    out.writeUInt32BE(a.code, offset);
    out.writeUInt32BE(headerLength + dataLength, offset + 4);
    out[offset + 4] = a.flags;
    if (a.vendorId) out.writeUInt32BE(a.vendorId, offset + 8);
    const dataOffset = offset + headerLength;
    if (a.children) write(a.children.length, plan, cursor, out, dataOffset);
    else writeLeaf(a.type, a.value!, out, dataOffset, a.name);
    const padding = (4 - (dataLength & 3)) & 3;
    for (let i = 0; i < padding; i++) out[dataOffset + dataLength + i] = 0;
    offset = dataOffset + dataLength + padding;
  }
  return offset;
}
