/** @module SimulateInputError: every problem of the input of a simulation (manifests, scenario, probes) at once. */
import { ContivError, type BadInputError } from '../core/errors.ts';

/** The simulation's input is invalid; `problems` names each file, object or probe, field and expectation. */
export class SimulateInputError extends ContivError {
  readonly code = 'SIMULATE_INPUT';
  constructor(readonly problems: readonly BadInputError[]) {
    super(problems.map((p) => p.message).join('\n'));
  }
}
