import { mix32 } from './random';

/**
 * What a demo id names; its code is part of the id, so ids of different kinds
 * cannot collide. Every subgraph's kinds are listed here, in one table, because
 * uniqueness by construction needs each kind's code fixed once; a new kind goes
 * at the end, so the ids of the others stay as they are (16 at most: the code
 * has four bits).
 */
export const DEMO_ID_KINDS = [
  'citizen',
  'plan',
  'goal',
  'consent',
  'activity',
  'measure',
  'service',
  'condition',
  'meeting',
  'review',
] as const;
export type DemoIdKind = (typeof DEMO_ID_KINDS)[number];
/** The kinds of a citizen's records, which subgraphs mint with `DemoCitizen.mint`. */
export type DemoRecordKind = Exclude<DemoIdKind, 'citizen'>;

const KIND_CODE = Object.fromEntries(DEMO_ID_KINDS.map((kind, code) => [kind, code])) as Record<DemoIdKind, number>;
// Seeding writes millions of ids; a byte table keeps formatting off the profile.
const BYTE_HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

const hex8 = (word: number) => hex4(word >>> 16) + hex4(word);
const hex4 = (half: number) => BYTE_HEX[(half >>> 8) & 0xff]! + BYTE_HEX[half & 0xff]!;

/**
 * A UUID (version-4 layout, so strict validators accept it) that is unique by
 * construction rather than by luck. A two-round Feistel network over
 * (32-bit citizen part, 12-bit kind and ordinal) is a bijection, so distinct
 * (index, kind, ordinal) always give distinct ids; the other bits are hashed
 * only so that ids look unrelated.
 */
export function demoUuid(seed: number, index: number, kind: DemoIdKind, ordinal = 0): string {
  if (!Number.isInteger(index) || index < 0 || index >= 2 ** 32) throw new RangeError(`Demo index ${index} out of range`);
  if (!Number.isInteger(ordinal) || ordinal < 0 || ordinal > 0xff) throw new RangeError(`Demo ordinal ${ordinal} out of range`);
  const citizenPart = mix32(index ^ mix32(seed));
  const right = ((KIND_CODE[kind] << 8) | ordinal) ^ (mix32(citizenPart ^ 0x27d4eb2f) & 0xfff);
  const left = (citizenPart ^ mix32(right + 0x165667b1)) >>> 0;
  const noise = mix32(left ^ mix32(right));
  const moreNoise = mix32(noise ^ 0x5bd1e995);
  return (
    `${hex8(left)}-${hex4(noise >>> 16)}-${(0x4000 | right).toString(16)}-` +
    `${hex4(0x8000 | (noise & 0x3fff))}-${hex4(moreNoise >>> 16)}${hex8(noise ^ moreNoise)}`
  );
}
