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
  resolve: {
    // The interview page decodes Converse's messages with the TypeScript SDK's generated code, which also
    // defines Node.js clients on @grpc/grpc-js: in the browser that import gets a stand-in (see the file).
    alias: [
      { find: /^@grpc\/grpc-js$/, replacement: fileURLToPath(new URL("src/api/grpc-js-browser.ts", import.meta.url)) },
    ],
  },
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
    rolldownOptions: {
      // The generated code builds its Node.js client at load time; marked pure, an unused one is left out.
      treeshake: { manualPureFunctions: ["makeGenericClientConstructor"] },
    },
  },
  server: {
    // The REST API, the development sign-in (/auth/dev-token) and the interview's stream (a gRPC-Web call on its
    // gRPC path).
    proxy: {
      "/api": "http://127.0.0.1:8080",
      "/auth": "http://127.0.0.1:8080",
      "/skillgap.v1.InterviewService/": "http://127.0.0.1:8080",
    },
  },
});
