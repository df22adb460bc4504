// The pool size the pages load Go modules with: one worker per core the
// browser reports, at most 8 (each holds a Go instance), at least 2.
export const poolSize = Math.min(8, Math.max(2, navigator.hardwareConcurrency || 2));
