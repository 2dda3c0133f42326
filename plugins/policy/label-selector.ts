/**
 * @module Kubernetes label selectors: matchLabels and every matchExpressions operator, ANDed;
 * an empty selector selects everything.
 */
import type { Labels, LabelSelector, LabelSelectorRequirement } from '../ksr/model.ts';

/** Whether one requirement holds for `labels`. */
export function requirementMatches(req: LabelSelectorRequirement, labels: Labels): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, req.key);
  switch (req.operator) {
    case 'In':
      return has && req.values.includes(labels[req.key]!);
    case 'NotIn':
      // A missing key satisfies NotIn, as in Kubernetes.
      return !has || !req.values.includes(labels[req.key]!);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
  }
}

/** Whether `selector` selects an object with `labels`. */
export function selectorMatches(selector: LabelSelector, labels: Labels): boolean {
  for (const key in selector.matchLabels) {
    if (!Object.prototype.hasOwnProperty.call(labels, key) || labels[key] !== selector.matchLabels[key]) return false;
  }
  for (const req of selector.matchExpressions) if (!requirementMatches(req, labels)) return false;
  return true;
}

/** Whether `selector` selects everything. */
export function isEmptySelector(selector: LabelSelector): boolean {
  return Object.keys(selector.matchLabels).length === 0 && selector.matchExpressions.length === 0;
}

/**
 * Problems that make a selector invalid in Kubernetes (unknown operator, In/NotIn without
 * values, Exists/DoesNotExist with values), as `field: detail` pairs relative to the selector.
 */
export function selectorProblems(selector: LabelSelector): { readonly field: string; readonly detail: string }[] {
  const out: { field: string; detail: string }[] = [];
  selector.matchExpressions.forEach((req, i) => {
    const field = `matchExpressions[${i}]`;
    const op: string = req.operator;
    if (op !== 'In' && op !== 'NotIn' && op !== 'Exists' && op !== 'DoesNotExist') {
      out.push({ field: `${field}.operator`, detail: `unknown operator "${op}" (expected In, NotIn, Exists or DoesNotExist)` });
    } else if ((op === 'In' || op === 'NotIn') && req.values.length === 0) {
      out.push({ field: `${field}.values`, detail: `${op} needs at least one value` });
    } else if ((op === 'Exists' || op === 'DoesNotExist') && req.values.length > 0) {
      out.push({ field: `${field}.values`, detail: `${op} takes no values` });
    }
  });
  return out;
}
