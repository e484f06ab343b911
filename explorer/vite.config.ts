// Two pages under /explore/: the explorer and the offline GraphiQL. Everything is bundled; the
// built files refer to nothing outside this server.
import { resolve } from "node:path";
import { defineConfig } from "vite";

export default defineConfig({
  base: "/explore/",
  build: {
    outDir: "dist",
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
    assetsInlineLimit: 0,
    rollupOptions: {
      // React libraries mark modules "use client"; meaningless in a client-only bundle.
      onwarn(warning, warn) {
        if (warning.code !== "MODULE_LEVEL_DIRECTIVE") warn(warning);
      },
      input: {
        main: resolve(import.meta.dirname, "index.html"),
        graphiql: resolve(import.meta.dirname, "graphiql/index.html"),
      },
    },
  },
});
