/** Exit statuses (DESIGN.md): 0 success, 1 `inspect` blocked (or the command failed), 2 bad usage or input. */
export const EXIT = Object.freeze({ ok: 0, blocked: 1, failure: 1, usage: 2 });
