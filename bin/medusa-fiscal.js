#!/usr/bin/env node
// The `medusa-fiscal` console (README, "Console commands"). It runs the built plugin
// (`medusa plugin:build` compiles src/cli to .medusa/server/src/cli), as the store does.
require("../.medusa/server/src/cli").main()
