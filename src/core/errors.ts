/**
 * Typed domain errors. Callers branch on `code` (stable, machine-readable) rather than on
 * the message (human-readable, may change) or on `instanceof` across package boundaries.
 * `context` carries the facts needed to log or explain the refusal; keep it JSON-serialisable.
 */
export class DomainError extends Error {
  readonly code: string;
  readonly context: Record<string, unknown>;

  constructor(code: string, message: string, context: Record<string, unknown> = {}, options?: ErrorOptions) {
    super(message, options);
    // new.target is the concrete subclass, so subclasses get the right `name` without repeating it.
    this.name = new.target.name;
    this.code = code;
    this.context = context;
  }
}

/** Why an extension of a statutory deadline was refused. */
export type ExtensionRefusal =
  | 'not_extendable'
  | 'already_extended'
  | 'too_long'
  | 'invalid_days'
  | 'empty_reason';

/** A deadline extension that the law (59-ФЗ ст.12 ч.2, 8-ФЗ ст.18 ч.7) does not allow. */
export class ExtensionRefusedError extends DomainError {
  readonly refusal: ExtensionRefusal;

  constructor(refusal: ExtensionRefusal, message: string, context: Record<string, unknown> = {}) {
    super('extension_refused', message, { ...context, refusal });
    this.refusal = refusal;
  }
}

/** A status change the appeal lifecycle does not allow (e.g. answering a closed appeal). */
export class IllegalTransitionError extends DomainError {
  constructor(context: { number: string; from: string; to: string }) {
    super(
      'illegal_transition',
      `Appeal ${context.number} cannot go from ${context.from} to ${context.to}`,
      context,
    );
  }
}

export class NotFoundError extends DomainError {
  constructor(what: string, context: Record<string, unknown>) {
    super('not_found', `${what} not found`, context);
  }
}

/** Input that breaks a domain rule (an unknown sector code, a rating of 7). */
export class ValidationError extends DomainError {
  constructor(message: string, context: Record<string, unknown> = {}) {
    super('invalid', message, context);
  }
}
