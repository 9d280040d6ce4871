// ESLint flat config for the site's JavaScript (docs/javascripts) and its node tests (tests/js).
// Run with `make lint-js` (part of `make test`). Browser globals are listed by hand to need no extra package.
import js from "@eslint/js";

const browser = Object.fromEntries([
  "window", "document", "location", "history", "localStorage", "navigator", "fetch", "URL", "Blob", "Intl",
  "TextEncoder", "setTimeout", "clearTimeout", "requestAnimationFrame", "performance", "console", "ResizeObserver",
].map((name) => [name, "readonly"]));
const node = Object.fromEntries(["process", "console", "URL", "TextEncoder", "performance"].map((name) => [name, "readonly"]));

export default [
  { ignores: ["site/**", "node_modules/**", ".venv/**"] },
  js.configs.recommended,
  {
    files: ["docs/javascripts/**/*.js"],
    languageOptions: { ecmaVersion: 2022, sourceType: "module", globals: browser },
    rules: {
      "no-unused-vars": ["error", { args: "after-used", argsIgnorePattern: "^_" }],
      "no-var": "error",
      "prefer-const": "error",
      eqeqeq: ["error", "always"],
      "no-implicit-globals": "error",
      "no-restricted-properties": ["error",
        { property: "innerHTML", message: "Build DOM nodes with h() from dom.js, never HTML strings." },
        { property: "outerHTML", message: "Build DOM nodes with h() from dom.js, never HTML strings." },
        { property: "insertAdjacentHTML", message: "Build DOM nodes with h() from dom.js, never HTML strings." }],
      "max-lines": ["error", { max: 300 }],
    },
  },
  {
    files: ["tests/js/**/*.mjs", "tests/js/**/*.js", "eslint.config.js"],
    languageOptions: { ecmaVersion: 2022, sourceType: "module", globals: node },
    rules: { "no-unused-vars": "error", "prefer-const": "error", eqeqeq: ["error", "always"] },
  },
];
