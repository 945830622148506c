const { loadEnv } = require("@medusajs/framework/utils")
loadEnv("test", process.cwd())

const testMatchByType = {
  unit: ["**/src/**/__tests__/**/*.unit.spec.[jt]s"],
  "integration:modules": ["**/src/modules/*/__tests__/**/*.spec.[jt]s"],
  "integration:http": ["**/integration-tests/http/*.spec.[jt]s"],
  browser: ["**/integration-tests/browser/*.spec.[jt]s"],
}

const type = process.env.TEST_TYPE ?? "unit"
if (!testMatchByType[type]) {
  throw new Error(
    `TEST_TYPE must be one of ${Object.keys(testMatchByType).join(", ")}; got "${type}"`
  )
}

module.exports = {
  transform: {
    "^.+\\.[jt]sx?$": [
      "@swc/jest",
      {
        jsc: {
          parser: { syntax: "typescript", decorators: true },
        },
      },
    ],
  },
  testEnvironment: "node",
  moduleFileExtensions: ["js", "ts", "json"],
  // the emulator workspace package runs from its TypeScript, so tests need no build of it
  moduleNameMapper: {
    "^medusa-fiscal-emulator$": "<rootDir>/packages/emulators/src/index.ts",
    "^medusa-fiscal-emulator/(.*)$": "<rootDir>/packages/emulators/src/$1",
  },
  modulePathIgnorePatterns: ["dist/", "<rootDir>/.medusa/", "<rootDir>/.demo/"],
  setupFiles: ["./integration-tests/setup.js"],
  testMatch: testMatchByType[type],
  testPathIgnorePatterns:
    type === "integration:modules" ? ["\\.unit\\.spec\\.[jt]s$"] : [],
}
