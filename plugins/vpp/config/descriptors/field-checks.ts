/** @module Field checks descriptors validate values with: each failure is a BadInputError naming key and field. */
import { BadInputError } from '../../../../core/errors.ts';
import { formatIp4, isIp4, parseCidr, parseIfAddress } from '../../../net/ipv4.ts';
import { MAX_TAG_LENGTH } from '../../vpp-tag.ts';


/** Checks a VPP tag or name. @throws {BadInputError} */
export function checkTag(key: string, field: string, text: string, allowEmpty = false): void {
  if (!allowEmpty && text === '') throw new BadInputError(key, field, 'must not be empty');
  if (text.length > MAX_TAG_LENGTH) throw new BadInputError(key, field, `"${text}" is longer than ${MAX_TAG_LENGTH} characters (VPP string[64])`);
}

/** Checks a dotted-quad address. @throws {BadInputError} */
export function checkIp(key: string, field: string, text: string): void {
  if (!isIp4(text)) throw new BadInputError(key, field, `"${text}" is not an IPv4 address`);
}

/** Checks `a.b.c.d/len` (or a bare address). @throws {BadInputError} */
export function checkCidr(key: string, field: string, text: string): void {
  try {
    parseCidr(text);
  } catch (err: unknown) {
    throw new BadInputError(key, field, `"${text}" is not an IPv4 prefix`, { cause: err });
  }
}

/** Checks an interface address `a.b.c.d/len`. @throws {BadInputError} */
export function checkIfAddress(key: string, field: string, text: string): void {
  try {
    parseIfAddress(text);
  } catch (err: unknown) {
    throw new BadInputError(key, field, `"${text}" is not an IPv4 address with prefix length`, { cause: err });
  }
}

/** Checks an integer range. @throws {BadInputError} */
export function checkInt(key: string, field: string, n: number, min: number, max: number): void {
  if (!Number.isInteger(n) || n < min || n > max) throw new BadInputError(key, field, `${n} is not an integer in ${min}..${max}`);
}

/** Checks that a value is stored under the key its fields produce. @throws {BadInputError} */
export function checkKey(key: string, expected: string): void {
  if (key !== expected) throw new BadInputError(key, 'key', `the value belongs under ${expected}`);
}

/** Checks a MAC `aa:bb:cc:dd:ee:ff`. @throws {BadInputError} */
export function checkMac(key: string, field: string, text: string): void {
  if (!/^[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}$/.test(text)) throw new BadInputError(key, field, `"${text}" is not a MAC address`);
}

/** An interface address in canonical text (`a.b.c.d/len`, host bits kept). */
export function canonicalIfAddress(text: string): string {
  const a = parseIfAddress(text);
  return `${formatIp4(a.ip)}/${a.len}`;
}
