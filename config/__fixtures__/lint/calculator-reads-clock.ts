// Deliberately wrong: the calculator must not read the clock (lint must reject this).
export const today = () => new Date().toISOString()
export const now = () => Date.now()
