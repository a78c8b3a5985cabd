/** Why a look could not be matched at all (no looks to blend, too few colours to measure on), with its reason. */
import type { FailureReason } from '../errors.js';
import { NilutError } from '../errors.js';

export class MatchError extends NilutError {
  override readonly name = 'MatchError';
  constructor(message: string, reason: FailureReason = 'rejected') {
    super(reason, message);
  }
}
