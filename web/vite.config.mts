// The web app's build: `python web/build.py` runs it (after generating the API types) and records what it
// built in server/skillgap/web/build.json, which tests/web/test_build.py checks. For development,
// `npx vite --config web/vite.config.mts` serves the sources with /api proxied to a running `skillgap up`.
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const here = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig({
  root: here,
  base: "/",
  // No public/ folder: every file the app serves is built from src/.
  publicDir: false,
  oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
  build: {
    outDir: fileURLToPath(new URL("../server/skillgap/web/static", import.meta.url)),
    emptyOutDir: true,
    assetsDir: "assets",
    target: "es2022",
    // Browsers this old enough to need the polyfill cannot run the app anyway; without it no inline code.
    modulePreload: { polyfill: false },
    sourcemap: false,
    // Every file is served from memory by Envoy; small files inlined as data: URLs would need a looser CSP.
    assetsInlineLimit: 0,
    reportCompressedSize: false,
  },
  server: {
    proxy: { "/api": "http://127.0.0.1:8080", "/dev": "http://127.0.0.1:8080" },
  },
});
