// What the bundle gets for "@grpc/grpc-js" (web/vite.config.mts aliases it here). The SDK's generated code, whose
// message codecs the interview page uses, also defines Node.js clients on @grpc/grpc-js, which no browser can run.
// With this stand-in and `makeGenericClientConstructor` marked pure in the build, those clients are dropped from
// the bundle (the development server keeps them: there they load, and fail only if one is ever made).
export class Client {}

export function makeGenericClientConstructor() {
  return class NodeOnlyClient {
    constructor() {
      throw new Error("the gRPC clients of @grpc/grpc-js run on Node.js, not in a browser: use api/converse.ts");
    }
  };
}
