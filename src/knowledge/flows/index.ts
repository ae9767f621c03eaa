/** Guided referrals ("Wegweiser"): small decision trees in content/flows/. */
export * from "./schema.js";
export * from "./view.js";
export * from "./catalog.js";
export * from "./load.js";
export * from "./route.js";
