/** @module Kubernetes label syntax: qualified keys (`[prefix/]name`) and values. Pure. */

const NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/**
 * What is wrong with a label key, or undefined if it is valid: an optional DNS-subdomain
 * prefix (≤ 253 chars) and `/`, then a name of ≤ 63 chars `[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?`.
 */
export function labelKeyProblem(key: string): string | undefined {
  const slash = key.indexOf('/');
  const prefix = slash < 0 ? undefined : key.slice(0, slash);
  const name = slash < 0 ? key : key.slice(slash + 1);
  if (prefix !== undefined) {
    if (prefix.length === 0 || prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix)) {
      return `label key "${key}": prefix must be a DNS subdomain (lowercase alphanumerics, "-" and ".", at most 253 characters)`;
    }
  }
  if (name.length === 0 || name.length > 63 || !NAME.test(name)) {
    return `label key "${key}": name must be 1-63 characters of alphanumerics, "-", "_" or ".", starting and ending with an alphanumeric`;
  }
  return undefined;
}

/** What is wrong with a label value, or undefined if it is valid (empty, or ≤ 63 chars of the name syntax). */
export function labelValueProblem(value: string): string | undefined {
  if (value === '') return undefined;
  if (value.length > 63 || !NAME.test(value)) {
    return `label value "${value}": must be empty or 1-63 characters of alphanumerics, "-", "_" or ".", starting and ending with an alphanumeric`;
  }
  return undefined;
}

/** What is wrong with a port name (IANA service name: ≤ 15 chars, lowercase alphanumerics and single `-`, a letter), or undefined. */
export function portNameProblem(name: string): string | undefined {
  if (name.length === 0 || name.length > 15 || !/^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/.test(name) || name.includes('--') || !/[a-z]/.test(name)) {
    return `port name "${name}": must be 1-15 lowercase alphanumerics or single "-", with at least one letter`;
  }
  return undefined;
}

/**
 * What is wrong with a Service or Endpoints port name (a DNS label: ≤ 63 lowercase
 * alphanumerics or `-`, starting and ending with an alphanumeric), or undefined. Container port
 * names are the stricter IANA service names ({@linkcode portNameProblem}).
 */
export function servicePortNameProblem(name: string): string | undefined {
  if (name.length === 0 || name.length > 63 || !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(name)) {
    return `port name "${name}": must be 1-63 lowercase alphanumerics or "-", starting and ending with an alphanumeric`;
  }
  return undefined;
}
