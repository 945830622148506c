export * from "./clocks"
export * from "./decide"
export * from "./happenings"
export * from "./manual"
