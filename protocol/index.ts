export * from "./close-codes";
export * from "./emoji";
export * from "./encode";
export * from "./errors";
export * from "./frames";
export * from "./limits";
export * from "./message";
export * from "./text";
