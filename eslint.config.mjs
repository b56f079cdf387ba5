// ESLint flat config: typescript-eslint's recommended rules over the keeper, scripts and tests.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

/** A venue kind's name: "uniswap-v2", "pancakeswap-v3", ... */
const VENUE_KIND =
  "/^(uniswap|pancakeswap|sushiswap|algebra|camelot|quickswap|velodrome|aerodrome|solidly|balancer|curve)-/";

export default tseslint.config(
  {
    ignores: [
      "node_modules/**",
      "artifacts/**",
      "cache/**",
      "typechain-types/**",
      "coverage/**",
      "dist/**",
      "deployments/**",
      "test-output/**",
      "bot/observe/dashboard/vendor/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        console: "readonly",
        process: "readonly",
        require: "readonly",
        module: "writable",
        __dirname: "readonly",
        Buffer: "readonly",
        setTimeout: "readonly",
        clearTimeout: "readonly",
        setInterval: "readonly",
        clearInterval: "readonly",
        URL: "readonly",
        fetch: "readonly",
        AbortController: "readonly",
        TextEncoder: "readonly",
        TextDecoder: "readonly",
        performance: "readonly",
        setImmediate: "readonly",
      },
    },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/no-explicit-any": "error",
      "no-constant-condition": ["error", { checkLoops: false }],
    },
  },
  {
    // The venue seam (ARCHITECTURE.md): what differs between AMM kinds lives in bot/venues/<kind>/
    // behind the Venue and PoolModel interfaces. Elsewhere no code tests a pool's class or kind to
    // choose what to do; it asks the venue (bot/venues/registry.ts). The config validates each
    // kind's fields, which is the one other place kinds are named.
    files: ["bot/**/*.ts"],
    ignores: ["bot/venues/**", "bot/config/**"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector: "BinaryExpression[operator='instanceof'][right.name=/Pool$/]",
          message: "Ask the pool's model or venue (bot/venues) instead of testing its class.",
        },
        {
          selector: `BinaryExpression[operator=/^[!=]==?$/] > Literal[value=${VENUE_KIND}]`,
          message: "Ask the venue (bot/venues/registry.ts) instead of testing a venue kind.",
        },
        {
          selector: `SwitchCase > Literal.test[value=${VENUE_KIND}]`,
          message: "Ask the venue (bot/venues/registry.ts) instead of switching on a venue kind.",
        },
      ],
    },
  },
  {
    files: ["test/**/*.ts"],
    rules: {
      // chai's `expect(x).to.be.true` style reads as an unused expression.
      "@typescript-eslint/no-unused-expressions": "off",
    },
  },
  {
    files: ["**/*.js", "**/*.cjs"],
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
);
