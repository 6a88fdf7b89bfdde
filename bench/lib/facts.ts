/*
 * Figures one scenario measures and a later one needs, in this run only
 * (latency runs at fractions of the sidecar's fan-out maximum). A scenario
 * run alone (--only) measures what it needs itself.
 */
const facts = new Map<string, number>();

export const setFact = (key: string, value: number) => void facts.set(key, value);
export const getFact = (key: string): number | undefined => facts.get(key);
