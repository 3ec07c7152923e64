// How long a jest wrapper lets a bench run (the team's rule: no test waits over 60 s). The
// wrappers run a small sample (one fuzz round, 2,000 claims, 30 mutants: 5–20 s on a loaded
// 2-core machine; the full runs are the benches'). A child still running at CHILD_MS is killed
// and its test fails on its own expectations, before jest's TEST_MS.
export const CHILD_MS = 50_000
export const TEST_MS = 60_000
