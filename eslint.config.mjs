// ESLint for our own JavaScript: the classic browser scripts in static/js.
// Run: npm ci && npx eslint static/js (CI does, in .ci/run's "Lint" step).
import js from "@eslint/js";
import { defineConfig, globalIgnores } from "eslint/config";
import globals from "globals";

export default defineConfig([
  // Never lint what is not ours: the virtualenv (django-ckeditor's vendored
  // CKEditor), collectstatic's output, uploads, local state.
  globalIgnores([".venv/", "node_modules/", "staticfiles/", "media/", "var/"]),
  {
    files: ["static/js/**/*.js"],
    plugins: { js },
    extends: ["js/recommended"],
    languageOptions: {
      ecmaVersion: "latest",
      // Loaded with <script src> (no type="module"): one global scope per page,
      // so each file wraps itself in an IIFE and declares nothing global.
      sourceType: "script",
      globals: { ...globals.browser },
    },
    rules: {
      // Classic scripts share the page's global scope: a top-level declaration
      // would become a window property, so keep each file's names in its IIFE.
      "no-implicit-globals": "error",
      // Each file says "use strict" inside its IIFE: strict mode for our code,
      // which a file-level directive would impose on anything concatenated to it.
      strict: ["error", "function"],
    },
    linterOptions: {
      reportUnusedDisableDirectives: "error",
    },
  },
]);
