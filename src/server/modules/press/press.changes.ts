// A per-process counter of writes to press items, so read-side caches (the newsroom's facet counts) know
// when this copy changed something. Writes made by other server copies are picked up by the caches' short TTL.
let changes = 0;
export const markPressChanged = (): void => { changes++; };
export const pressChangeCount = (): number => changes;
